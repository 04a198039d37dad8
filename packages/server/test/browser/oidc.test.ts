/**
 * An agency's sign-in in Chromium, through the platform's own pages: the login page, the step up an agency at
 * level high needs (the card panel), and the consent page naming the agency and each item; axe finds no serious
 * or critical violation on the step-up and consent pages, in both languages. The agency side is reduced to the
 * authorization URL it would send (PKCE S256) and the redirect it would receive.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../src/services/demo';
import { initDevCa } from '@menhu/pki/devca';
import { chromiumAvailable } from '../support/services';
import { tempDir } from '../support/platform';
import { DESKTOP, WAIT_MS, screenshot, startBrowserPlatform, type BrowserPlatform } from '../support/browser';

const haveChromium = await chromiumAvailable();
const REDIRECT = 'http://127.0.0.1:9/callback';

interface Finding {
  readonly id: string;
  readonly impact: string | null;
}

describe.skipIf(!haveChromium)('an agency’s sign-in in Chromium', () => {
  const tmp = tempDir('menhu-oidc-browser-');
  let platform: BrowserPlatform;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // Card login switched on (the step up to high shows the card panel); no card signs here.
    const ca = await initDevCa(path.join(tmp.dir, 'ca'), { caKeyAlgorithm: 'ec-p256' });
    platform = await startBrowserPlatform({ TRUST_ANCHORS: ca.trustDir });
  }, 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await platform?.close();
    tmp.remove();
  });

  async function authorizationUrl(extra: Record<string, string>): Promise<string> {
    const { agency } = await platform.server.platform.agencies.add({ name: '示範服務機關', redirectUris: [REDIRECT], scopes: ['openid', 'profile', 'email'] });
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    const url = new URL('/oidc/auth', platform.baseUrl);
    for (const [k, v] of Object.entries({ client_id: agency.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid profile email', code_challenge: challenge, code_challenge_method: 'S256', state: 's', ...extra })) {
      url.searchParams.set(k, v);
    }
    return url.href;
  }

  /** A fresh profile; axe is injected as an inline script, so these contexts bypass the CSP (accessibility.test.ts). */
  async function page(locale: string): Promise<Page> {
    const context = await platform.browser.newContext({ ...DESKTOP, locale, baseURL: platform.baseUrl, bypassCSP: true });
    context.setDefaultTimeout(WAIT_MS);
    contexts.push(context);
    return context.newPage();
  }

  async function serious(p: Page): Promise<Finding[]> {
    await p.addScriptTag({ content: axe.source });
    const found = (await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations))) as Finding[];
    return found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  }

  async function signIn(p: Page, label: { account: string; password: string; submit: string; region: string }) {
    const form = p.getByRole('region', { name: label.region, exact: true });
    await form.getByLabel(label.account, { exact: true }).fill(DEMO_ACCOUNT.accountName);
    await form.getByLabel(label.password, { exact: true }).fill(DEMO_ACCOUNT.password);
    await form.getByRole('button', { name: label.submit, exact: true }).click();
  }

  it('signs in on the platform’s pages, names the agency and each item, and returns to the agency with a code', async () => {
    const p = await page('zh-TW');
    await p.goto(await authorizationUrl({}));
    await p.waitForURL('**/login');
    await signIn(p, { account: '帳號', password: '密碼', submit: '登入', region: '帳號登入' });
    await p.waitForURL('**/interaction/**');
    const text = await p.locator('main').innerText();
    expect(text).toContain('「示範服務機關」請您透過門戶登入。');
    expect(text).toContain('姓名');
    expect(text).toContain('電子郵件地址');
    expect(await serious(p)).toEqual([]);
    await screenshot(p, 'oidc-consent-zh-TW');
    const back = p.waitForRequest((r) => r.url().startsWith(REDIRECT));
    await p.getByRole('button', { name: '同意並繼續', exact: true }).click();
    const callback = new URL((await back).url());
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe('s');
  });

  it('asks for the card when the agency needs level high; the step-up page passes axe in English', async () => {
    const p = await page('en-US');
    await p.goto(await authorizationUrl({ acr_values: 'high' }));
    await p.waitForURL('**/login');
    await signIn(p, { account: 'Account', password: 'Password', submit: 'Sign in', region: 'Account sign-in' });
    await p.waitForURL('**/interaction/**');
    expect(await p.locator('main').innerText()).toContain('insert your citizen certificate card');
    expect(await p.locator('#card-login').count()).toBe(1);
    expect(await serious(p)).toEqual([]);
    await screenshot(p, 'oidc-step-up-card-en');
  });
});

declare global {
  interface Window {
    axe: typeof axe;
  }
}
