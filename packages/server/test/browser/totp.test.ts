/**
 * 軟體式動態密碼 as a citizen meets it in Chromium: from 我的帳戶 to the enrolment page, the key read off the page
 * (as someone without a camera types it into an app), the first code from oathtool, the recovery codes, sign-out,
 * then sign-in with the password, the code step, and 我的帳戶 at the higher level. axe checks the new pages.
 * The platform runs on the real clock here, so oathtool is asked for the code of now.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../src/services/demo';
import { chromiumAvailable, OATHTOOL, oathtoolAvailable } from '../support/services';
import { DESKTOP, WAIT_MS, screenshot, startBrowserPlatform, type BrowserPlatform } from '../support/browser';

const haveTools = (await chromiumAvailable()) && (await oathtoolAvailable());

/** RFC 6238 §4: X = 30 seconds. */
const STEP_SECONDS = 30;

/** What an authenticator app shows for `base32`, `stepsAhead` steps from now (oathtool, on this machine's clock). */
function appCode(base32: string, stepsAhead = 0): string {
  const at = Math.floor(Date.now() / 1000) + stepsAhead * STEP_SECONDS;
  return execFileSync(OATHTOOL, ['--totp', '-b', '--now', `@${at}`, base32], { encoding: 'utf8' }).trim();
}

interface Finding {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly html: string; readonly failureSummary: string }[];
}

describe.skipIf(!haveTools)('軟體式動態密碼 in Chromium', () => {
  let platform: BrowserPlatform;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    platform = await startBrowserPlatform();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await platform?.close();
  });

  async function freshPage(options: BrowserContextOptions = {}): Promise<Page> {
    await context?.close().catch(() => undefined);
    context = await platform.browser.newContext({ ...DESKTOP, locale: 'zh-TW', baseURL: platform.baseUrl, ...options });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    expect((await page.goto('/login'))?.status()).toBe(200);
    return page;
  }

  function heading(page: Page): Promise<string> {
    return page.getByRole('heading', { level: 1 }).innerText();
  }

  /** The account form of the login page, filled by its labels; waits for the page that answers. */
  async function signInWithPassword(page: Page, accountName: string, password: string): Promise<void> {
    if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
    const form = page.getByRole('region', { name: '帳號登入', exact: true });
    await form.getByLabel('帳號', { exact: true }).fill(accountName);
    await form.getByLabel('密碼', { exact: true }).fill(password);
    await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), form.getByRole('button', { name: '登入', exact: true }).click()]);
  }

  /** 我的帳戶's facts, as label → value. */
  function facts(page: Page): Promise<Record<string, string>> {
    return page.locator('dl.facts').first().evaluate((dl) => {
      const out: Record<string, string> = {};
      for (const dt of dl.querySelectorAll('dt')) {
        const dd = dt.nextElementSibling;
        if (dd?.tagName === 'DD') out[dt.textContent?.trim() ?? ''] = (dd as HTMLElement).innerText.trim();
      }
      return out;
    });
  }

  /** The key as printed beside 手動輸入的金鑰, spaces left out as the hint says. */
  async function typedKey(page: Page): Promise<string> {
    const printed = await page.locator('dt', { hasText: '手動輸入的金鑰' }).locator('xpath=following-sibling::dd[1]').locator('code').innerText();
    expect(printed).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    return printed.replace(/ /g, '');
  }

  async function axeViolations(page: Page): Promise<Finding[]> {
    await page.addScriptTag({ content: axe.source });
    const found = (await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations))) as Finding[];
    return found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  }

  it('enrols from the typed key, confirms with the app’s code, and then asks for a code after the password', async () => {
    const page = await freshPage();
    await signInWithPassword(page, DEMO_ACCOUNT.accountName, DEMO_ACCOUNT.password);
    expect(await heading(page)).toBe('我的帳戶');

    await page.getByRole('link', { name: '軟體式動態密碼（TOTP）與備用代碼', exact: true }).click();
    await page.waitForURL('**/account/totp');
    expect(await heading(page)).toBe('軟體式動態密碼');
    expect((await facts(page))['目前狀態']).toBe('未啟用');
    // The QR code is an image with a name that points to the typed key as the alternative.
    const qr = page.getByRole('img', { name: /QR Code.*請使用下方的金鑰/ });
    await qr.waitFor();
    expect(await qr.boundingBox()).toMatchObject({ width: 240, height: 240 });
    const key = await typedKey(page);
    await screenshot(page, 'totp-enrol-zh-TW');

    await page.getByLabel('6 位數動態密碼', { exact: true }).fill(appCode(key));
    expect(await page.getByLabel('每次登入都要輸入動態密碼', { exact: true }).isChecked()).toBe(true);
    await Promise.all([page.waitForURL('**/account/totp/confirm'), page.getByRole('button', { name: '確認並啟用', exact: true }).click()]);
    expect(await heading(page)).toBe('您的備用代碼');
    await page.getByRole('status').filter({ hasText: '軟體式動態密碼已啟用。' }).waitFor();
    const codes = await page.locator('#recovery-codes li').allInnerTexts();
    expect(codes).toHaveLength(10);
    await screenshot(page, 'totp-recovery-codes-zh-TW');

    await page.getByRole('link', { name: '我已妥善保存，回我的帳戶', exact: true }).click();
    await page.waitForURL('**/account');
    await Promise.all([page.waitForURL('**/login?bye=1'), page.getByRole('button', { name: '登出', exact: true }).click()]);

    await signInWithPassword(page, DEMO_ACCOUNT.accountName, DEMO_ACCOUNT.password);
    expect(new URL(page.url()).pathname).toBe('/login/totp');
    expect(await heading(page)).toBe('輸入動態密碼');
    await screenshot(page, 'totp-sign-in-zh-TW');
    // The code of the enrolment's step is spent; the app's next one (accepted one step ahead) is not.
    await page.getByLabel('動態密碼或備用代碼', { exact: true }).fill(appCode(key, 1));
    await Promise.all([page.waitForURL('**/account'), page.getByRole('button', { name: '登入', exact: true }).click()]);
    expect(await heading(page)).toBe('我的帳戶');
    expect(await facts(page)).toMatchObject({ 本次登入方式: '帳號密碼 + 動態密碼（TOTP）', 身分確認等級: '中（兩階段驗證或行動自然人憑證）' });
  });

  it('has no serious or critical accessibility violations on the TOTP pages', async () => {
    // axe is injected as an inline script, so this context alone bypasses the CSP (as accessibility.test.ts does).
    const page = await freshPage({ bypassCSP: true });
    // The demo account has TOTP on from the test above: password, then its code step.
    await signInWithPassword(page, DEMO_ACCOUNT.accountName, DEMO_ACCOUNT.password);
    expect(new URL(page.url()).pathname).toBe('/login/totp');
    const onStep = await axeViolations(page);
    expect(onStep, JSON.stringify(onStep, null, 1)).toEqual([]);

    // The settings page of an account without TOTP: the enrolment, with its QR code.
    await page.getByRole('link', { name: '取消並回登入頁' }).click();
    await page.waitForURL('**/login');
    await platform.server.platform.accounts.createActivated({ ...DEMO_ACCOUNT, accountName: 'axe.check', email: 'axe.check@example.invalid' });
    await signInWithPassword(page, 'axe.check', DEMO_ACCOUNT.password);
    await page.goto('/account/totp');
    const onEnrol = await axeViolations(page);
    expect(onEnrol, JSON.stringify(onEnrol, null, 1)).toEqual([]);
  });
});

declare global {
  interface Window {
    axe: typeof axe;
  }
}
