/**
 * The pages against axe-core's rules (WCAG 2.x A and AA, and best practices), in Chromium: no violation of
 * serious or critical impact on the login page (both languages, desktop and phone), help, the site map, a
 * page for a function this server has not enabled, 忘記密碼 and 忘記帳號 with their e-mail and hint-question
 * forms, and — on a platform with card login — the card's account services and the recovery pages that lead
 * to them.
 *
 * axe is injected as an inline script, which the platform's nonce CSP rightly blocks; the browser context
 * here bypasses CSP, and only here (STACK-NOTES.md "axe-core in Playwright"). session-timeout.test.ts checks
 * that the page's own script runs under the real CSP.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDevCa } from '@menhu/pki/devca';
import axe from 'axe-core';
import type { BrowserContextOptions } from 'playwright-core';
import { chromiumAvailable } from '../support/services';
import { DESKTOP, PHONE, WAIT_MS, startBrowserPlatform, type BrowserPlatform } from '../support/browser';
import { tempDir } from '../support/platform';

const haveChromium = await chromiumAvailable();

/** What axe.run returns, as much of it as a failure message needs (the page's axe is not this process's). */
interface Finding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly html: string; readonly failureSummary: string }[];
}

const BLOCKING = new Set(['serious', 'critical']);

/** A report a reader can act on: rule, impact, what to do, and each offending element with axe's reasons. */
function describeFindings(url: string, findings: readonly Finding[]): string {
  const lines = [`${findings.length} serious or critical accessibility violation(s) on ${url}:`];
  for (const f of findings) {
    lines.push(`\n[${f.impact}] ${f.id}: ${f.help}\n  ${f.helpUrl}`);
    for (const node of f.nodes) {
      lines.push(`  - ${node.target.map(String).join(' > ')}\n    ${node.html}\n    ${node.failureSummary.replace(/\n/g, '\n    ')}`);
    }
  }
  return lines.join('\n');
}

type PageList = readonly { path: string; status: number; what: string }[];

const PAGES: PageList = [
  { path: '/login', status: 200, what: 'the login page' },
  { path: '/help', status: 200, what: 'help' },
  { path: '/sitemap', status: 200, what: 'the site map' },
  { path: '/register', status: 200, what: 'registration' },
  { path: '/login/mobile', status: 501, what: 'a function not enabled on this server' },
  { path: '/recover', status: 200, what: '忘記密碼, offering e-mail and the hint question' },
  { path: '/recover/account', status: 200, what: '忘記帳號, offering e-mail' },
  { path: '/recover/hint', status: 200, what: '以密碼提示問題重設密碼' },
  { path: '/recover/email', status: 200, what: '以電子郵件重設密碼' },
  { path: '/recover/account/email', status: 200, what: '以電子郵件查詢帳號' },
];

/** Pages that exist only where card login is on (TRUST_ANCHORS set). */
const CARD_PAGES: PageList = [
  { path: '/activate/card', status: 200, what: '以自然人憑證啟用帳號' },
  { path: '/recover/card', status: 200, what: '以自然人憑證重設密碼' },
  { path: '/recover/account/card', status: 200, what: '以自然人憑證查詢帳號' },
  { path: '/recover/account', status: 200, what: '忘記帳號, offering the card' },
  { path: '/recover', status: 200, what: '忘記密碼, offering the card' },
];

const SCREENS: readonly { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: DESKTOP },
  { name: 'phone', options: PHONE },
];

/** Registers one test per page, language and screen against the platform `started` gives. */
function checkPages(pages: PageList, started: () => BrowserPlatform): void {
  async function violations(pagePath: string, status: number, options: BrowserContextOptions): Promise<Finding[]> {
    const platform = started();
    const context = await platform.browser.newContext({ ...options, baseURL: platform.baseUrl, bypassCSP: true });
    context.setDefaultTimeout(WAIT_MS);
    try {
      const page = await context.newPage();
      const response = await page.goto(pagePath);
      expect(response?.status()).toBe(status);
      await page.addScriptTag({ content: axe.source });
      const result = (await page.evaluate(() =>
        window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations),
      )) as Finding[];
      return result.filter((v) => v.impact !== null && BLOCKING.has(v.impact));
    } finally {
      await context.close();
    }
  }

  for (const { path: pagePath, status, what } of pages) {
    for (const lang of ['zh-TW', 'en'] as const) {
      // The login page is checked on both screens; its layout is the one that changes most between them.
      for (const screen of pagePath === '/login' ? SCREENS : SCREENS.slice(0, 1)) {
        it(`${what} (${pagePath}, ${lang}, ${screen.name}) has no serious or critical violations`, async () => {
          const locale = lang === 'en' ? 'en-US' : 'zh-TW';
          const found = await violations(pagePath, status, { ...screen.options, locale });
          expect(found, describeFindings(`${pagePath} (${lang}, ${screen.name})`, found)).toEqual([]);
        });
      }
    }
  }
}

describe.skipIf(!haveChromium)('accessibility (axe-core) in Chromium', () => {
  let platform: BrowserPlatform;

  beforeAll(async () => {
    platform = await startBrowserPlatform();
  });

  afterAll(async () => {
    await platform?.close();
  });

  checkPages(PAGES, () => platform);
});

describe.skipIf(!haveChromium)('accessibility (axe-core) of the card pages in Chromium', () => {
  const tmp = tempDir('menhu-a11y-card-');
  let platform: BrowserPlatform;

  beforeAll(async () => {
    // The pages only need card login switched on; no card signs here, so no responder runs.
    const ca = await initDevCa(path.join(tmp.dir, 'ca'), { caKeyAlgorithm: 'ec-p256' });
    platform = await startBrowserPlatform({ TRUST_ANCHORS: ca.trustDir });
  }, 60_000);

  afterAll(async () => {
    await platform?.close();
    tmp.remove();
  });

  checkPages(CARD_PAGES, () => platform);
});

declare global {
  interface Window {
    axe: typeof axe;
  }
}
