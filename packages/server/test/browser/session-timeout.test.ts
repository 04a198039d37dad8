/**
 * The warning before the session times out (DESIGN.md "Pages"; WCAG 2.1 SC 2.2.1): with a 30-second idle
 * time-out and a 27-second warning, the dialog opens about three seconds after the page loads, and "繼續使用"
 * gives the session its full time again. The browser runs under the platform's real CSP, so the dialog
 * appearing at all shows the page script's nonce works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable } from '../support/services';
import { DESKTOP, WAIT_MS, startBrowserPlatform, type BrowserPlatform } from '../support/browser';

const haveChromium = await chromiumAvailable();

const IDLE_SECONDS = 30;
const WARNING_SECONDS = 27;

interface Status {
  active: boolean;
  expiresIn?: number;
}

describe.skipIf(!haveChromium)('session time-out warning in Chromium', () => {
  let platform: BrowserPlatform;
  let context: BrowserContext;
  let page: Page;
  const cspReports: string[] = [];
  const pageErrors: string[] = [];
  let csp = '';

  beforeAll(async () => {
    platform = await startBrowserPlatform({
      SESSION_IDLE_SECONDS: String(IDLE_SECONDS),
      SESSION_WARNING_SECONDS: String(WARNING_SECONDS),
    });
    // No bypassCSP: the page runs exactly as a citizen's browser would run it.
    context = await platform.browser.newContext({ ...DESKTOP, locale: 'zh-TW', baseURL: platform.baseUrl });
    context.setDefaultTimeout(WAIT_MS);
    page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspReports.push(msg.text());
    });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const response = await page.goto('/login');
    expect(response?.status()).toBe(200);
    csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await platform?.close();
  });

  /** What the server says is left of this browser's session (the call itself does not count as activity). */
  function status(): Promise<Status> {
    return page.evaluate(async () => {
      const res = await fetch('/session/status', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      return (await res.json()) as Status;
    });
  }

  it('runs the page script under a nonce-based CSP that allows nothing inline without the nonce', async () => {
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=_-]+'/);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    const tag = await page.locator('script[src="/assets/app.js"]').evaluate((el: HTMLScriptElement) => el.nonce);
    expect(tag).toBe(nonce);
  });

  it('opens the warning dialog shortly before the session would end, with the time left and focus on "繼續使用"', async () => {
    const dialog = page.locator('#session-timeout');
    expect(await dialog.isVisible()).toBe(false);
    // Due about 3 s after load; allow for a slow machine but do not wait long.
    await dialog.waitFor({ state: 'visible', timeout: (IDLE_SECONDS - WARNING_SECONDS) * 1000 + WAIT_MS });
    expect(await dialog.evaluate((el: HTMLDialogElement) => el.open)).toBe(true);
    expect(await page.getByRole('dialog', { name: '即將逾時' }).isVisible()).toBe(true);
    expect(await page.locator('#session-timeout-body').innerText()).toMatch(/系統將在 \d+ 秒後結束這次使用/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('session-extend');
    // The script ran although the policy blocks anything without the nonce: nothing was refused, nothing threw.
    expect(cspReports).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('closes the dialog and gives the session its full time again when "繼續使用" is pressed', async () => {
    const before = await status();
    expect(before.active).toBe(true);
    expect(before.expiresIn).toBeLessThanOrEqual(WARNING_SECONDS);

    await page.getByRole('button', { name: '繼續使用', exact: true }).click();
    await page.locator('#session-timeout').waitFor({ state: 'hidden', timeout: WAIT_MS });
    expect(await page.locator('#session-timeout').evaluate((el: HTMLDialogElement) => el.open)).toBe(false);
    expect(await page.locator('#session-timeout-status').textContent()).toBe('已延長使用時間。');

    const after = await status();
    expect(after.active).toBe(true);
    expect(after.expiresIn).toBeGreaterThanOrEqual(IDLE_SECONDS - 2);
    expect(after.expiresIn).toBeLessThanOrEqual(IDLE_SECONDS);
    expect(after.expiresIn).toBeGreaterThan(before.expiresIn ?? Number.POSITIVE_INFINITY);
    expect(pageErrors).toEqual([]);
  });
});
