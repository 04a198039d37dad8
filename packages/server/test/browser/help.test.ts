/**
 * The help page in Chromium, under the platform's real CSP: the search filters the questions as one types and
 * announces the count in the status region; axe finds no serious or critical violation; and the browser notes
 * of client/browser-support.ts appear on a phone and stay away on a laptop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { chromiumAvailable } from '../support/services';
import { DESKTOP, PHONE, WAIT_MS, startBrowserPlatform, type BrowserPlatform } from '../support/browser';

const haveChromium = await chromiumAvailable();

const BLOCKING = new Set(['serious', 'critical']);

describe.skipIf(!haveChromium)('the help page in Chromium', () => {
  let platform: BrowserPlatform;

  beforeAll(async () => {
    platform = await startBrowserPlatform();
  });

  afterAll(async () => {
    await platform?.close();
  });

  async function open(path: string, options: BrowserContextOptions, extra: { bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await platform.browser.newContext({ ...options, baseURL: platform.baseUrl, ...extra });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(errors).toEqual([]);
    return page;
  }

  const visible = (page: Page) =>
    page.locator('[data-help-question]').evaluateAll((all) => all.filter((s) => !(s as HTMLElement).hidden).map((s) => s.id || s.getAttribute('data-help-question')));

  it('filters the questions as one types, and announces how many match', async () => {
    const page = await open('/help', { ...DESKTOP, locale: 'zh-TW' });
    try {
      expect(await visible(page)).toHaveLength(9);
      const box = page.getByRole('searchbox', { name: '搜尋常見問題' });
      await box.fill('Cookie');
      await expect.poll(() => page.locator('#help-search-status').textContent(), { timeout: WAIT_MS }).toMatch(/^找到 \d+ 個相關問題。$/);
      const shown = await visible(page);
      expect(shown).toContain('card-failed');
      expect(shown).not.toContain('locked-card');
      expect(await page.locator('#help-search-status').textContent()).toBe(`找到 ${shown.length} 個相關問題。`);
      expect(await page.locator('#help-search-status').getAttribute('role')).toBe('status');

      // Enter runs the same filter in place instead of reloading.
      await box.fill('ｐｉｎ');
      await box.press('Enter');
      expect(page.url()).toMatch(/\/help$/);
      expect(await visible(page)).toContain('locked-card');

      // A wrong clock has its own answer.
      await box.fill('電腦時間');
      await expect.poll(() => visible(page), { timeout: WAIT_MS }).toContain('clock');

      await box.fill('這個詞不會出現');
      await expect.poll(() => page.locator('#help-search-status').textContent(), { timeout: WAIT_MS }).toContain('沒有找到相關問題');
      expect(await visible(page)).toEqual([]);

      await box.fill('');
      await expect.poll(() => visible(page), { timeout: WAIT_MS }).toHaveLength(9);
      await expect.poll(() => page.locator('#help-search-status').textContent(), { timeout: WAIT_MS }).toBe('');
    } finally {
      await page.context().close();
    }
  });

  it('reaches an answer by its anchor, as error messages link to it', async () => {
    const page = await open('/help#locked-card', { ...DESKTOP, locale: 'en' });
    try {
      expect(await page.evaluate(() => location.hash)).toBe('#locked-card');
      await expect.poll(() => page.locator('#locked-card').isVisible()).toBe(true);
      expect(await page.locator('#locked-card').innerText()).toBe('I forgot the PIN, or the card is locked. What do I do?');
    } finally {
      await page.context().close();
    }
  });

  for (const lang of ['zh-TW', 'en'] as const) {
    it(`has no serious or critical axe violations, with and without a search (${lang})`, async () => {
      const page = await open('/help', { ...DESKTOP, locale: lang === 'en' ? 'en-US' : 'zh-TW' }, { bypassCSP: true });
      try {
        await page.addScriptTag({ content: axe.source });
        const run = () =>
          page.evaluate(() =>
            window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html) }))),
          );
        const before = (await run()).filter((v) => v.impact && BLOCKING.has(v.impact));
        expect(before, JSON.stringify(before, null, 2)).toEqual([]);
        await page.locator('#help-search').fill('PIN');
        await page.locator('#help-search').press('Enter');
        const after = (await run()).filter((v) => v.impact && BLOCKING.has(v.impact));
        expect(after, JSON.stringify(after, null, 2)).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }

  /** The login page carries both notes: the unsupported-browser banner (every page) and the card panel's phone note. */
  async function withNotes(options: BrowserContextOptions, initScript?: string): Promise<{ handheld: boolean; banner: boolean }> {
    const context = await platform.browser.newContext({ ...options, baseURL: platform.baseUrl });
    context.setDefaultTimeout(WAIT_MS);
    try {
      if (initScript) await context.addInitScript(initScript);
      const page = await context.newPage();
      await page.goto('/login');
      await page.waitForFunction(() => document.readyState === 'complete');
      return {
        handheld: await page.locator('#card-handheld-note').isVisible(),
        // Visible means the stylesheet's @supports rule and the script agree it should be seen.
        banner: await page.locator('#browser-banner').isVisible(),
      };
    } finally {
      await context.close();
    }
  }

  it('tells a phone that card sign-in needs a computer, and a laptop nothing', async () => {
    expect(await withNotes({ ...PHONE, locale: 'zh-TW' })).toEqual({ handheld: true, banner: false });
    expect(await withNotes({ ...DESKTOP, locale: 'zh-TW' })).toEqual({ handheld: false, banner: false });
  });

  it('shows the unsupported-browser banner when an API card sign-in needs is missing', async () => {
    // A modern engine with postMessage taken away: the bundle runs, and must admit the browser cannot sign in.
    expect(await withNotes({ ...DESKTOP, locale: 'zh-TW' }, 'delete window.postMessage; delete Window.prototype.postMessage;')).toEqual({
      handheld: false,
      banner: true,
    });
  });
});

declare global {
  interface Window {
    axe: typeof axe;
  }
}
