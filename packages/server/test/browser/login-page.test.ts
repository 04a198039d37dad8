/**
 * The login page as a citizen sees it in Chromium: every part of the e-Government login page in Traditional
 * Chinese and English, the language choice, keyboard access (skip link, ":::" access keys), and a phone screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { formatRocDate } from '@menhu/protocol';
import { chromiumAvailable } from '../support/services';
import { DESKTOP, PHONE, WAIT_MS, screenshot, startBrowserPlatform, type BrowserPlatform } from '../support/browser';

const haveChromium = await chromiumAvailable();

describe.skipIf(!haveChromium)('login page in Chromium', () => {
  let platform: BrowserPlatform;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await startBrowserPlatform();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await platform?.close();
  });

  /** A fresh browser profile (no cookies); `locale` sets navigator.language and Accept-Language. */
  async function open(options: BrowserContextOptions & { locale: string }, path = '/login'): Promise<Page> {
    const context = await platform.browser.newContext({ ...options, baseURL: platform.baseUrl });
    context.setDefaultTimeout(WAIT_MS);
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    return page;
  }

  /** The visible text of the section headed by `heading`. */
  function panel(page: Page, heading: string) {
    return page.locator('section.panel').filter({ has: page.getByRole('heading', { name: heading, exact: true, level: 2 }) });
  }

  describe('in Traditional Chinese', () => {
    let page: Page;
    beforeAll(async () => {
      page = await open({ ...DESKTOP, locale: 'zh-TW' });
    });

    it('is in Chinese, with the page language declared', async () => {
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant-TW');
      expect(await page.title()).toBe('會員登入 | 門戶');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('會員登入');
    });

    it('shows every part of the e-Government login page', async () => {
      const main = page.locator('main');
      const texts = [
        '帳號',
        '密碼',
        '登入',
        '忘記密碼',
        '忘記帳號',
        '加入會員',
        '憑證登入',
        'PIN',
        '行動自然人憑證登入',
        'Google',
        'Facebook',
        '以自然人憑證啟用帳號',
        '以密碼提示問題重設密碼',
        '以自然人憑證重設密碼',
      ];
      const visible = await main.innerText();
      const missing = texts.filter((t) => !visible.includes(t));
      expect(missing, `not visible on the page: ${missing.join(', ')}`).toEqual([]);
      for (const name of ['忘記密碼', '忘記帳號', '加入會員', '以自然人憑證啟用帳號', '以密碼提示問題重設密碼', '以自然人憑證重設密碼']) {
        expect(await page.getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
      }
      expect(await page.getByRole('link', { name: /Google/ }).isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: /Facebook/ }).isVisible()).toBe(true);
    });

    it('shows the two demo announcements with their dates in the ROC calendar', async () => {
      const announcements = await platform.server.platform.announcements.current();
      expect(announcements).toHaveLength(2);
      const section = panel(page, '最新公告');
      const text = await section.innerText();
      for (const a of announcements) {
        expect(text).toContain(a.title);
        expect(text).toContain(formatRocDate(a.publishAt, 'zh-TW'));
      }
      expect(text).toMatch(/公告日期：民國\d+年\d{1,2}月\d{1,2}日/);
    });

    it('binds each label to its input', async () => {
      const account = page.getByLabel('帳號', { exact: true });
      const password = page.getByLabel('密碼', { exact: true });
      const pin = page.getByLabel('PIN 碼', { exact: true });
      expect(await account.getAttribute('id')).toBe('account');
      expect(await account.getAttribute('autocomplete')).toBe('username');
      expect(await password.getAttribute('type')).toBe('password');
      expect(await password.getAttribute('autocomplete')).toBe('current-password');
      expect(await pin.getAttribute('id')).toBe('pin');
    });

    it('lets the PIN field take 6 to 8 digits only', async () => {
      const pin = page.getByLabel('PIN 碼', { exact: true });
      expect(await pin.getAttribute('type')).toBe('password');
      expect(await pin.getAttribute('inputmode')).toBe('numeric');
      expect(await pin.getAttribute('pattern')).toBe('[0-9]{6,8}');
      expect(await pin.getAttribute('minlength')).toBe('6');
      expect(await pin.getAttribute('maxlength')).toBe('8');

      // The panel is disabled while card sign-in is not built, and a disabled field is never validated: ask
      // Chromium about an enabled copy of the same input, typed into as a person would.
      await page.evaluate(() => {
        const copy = document.getElementById('pin')!.cloneNode() as HTMLInputElement;
        copy.id = 'pin-probe';
        copy.removeAttribute('name');
        document.body.append(copy);
      });
      const probe = page.locator('#pin-probe');
      const verdict = async (typed: string) => {
        await probe.fill('');
        await probe.pressSequentially(typed);
        return probe.evaluate((el: HTMLInputElement) => ({ value: el.value, valid: el.checkValidity() }));
      };
      expect(await verdict('12345')).toEqual({ value: '12345', valid: false });
      expect(await verdict('123456')).toEqual({ value: '123456', valid: true });
      expect(await verdict('12345678')).toEqual({ value: '12345678', valid: true });
      expect(await verdict('123456789')).toEqual({ value: '12345678', valid: true });
      expect((await verdict('12ab56')).valid).toBe(false);
      await probe.evaluate((el) => el.remove());
    });

    it('says plainly which sign-in methods this server has not enabled, and disables their forms', async () => {
      for (const heading of ['憑證登入', '行動自然人憑證登入']) {
        expect(await panel(page, heading).innerText(), heading).toContain('此登入方式尚未在本伺服器啟用');
      }
      // Account sign-in is built: its form works and carries no such notice.
      expect(await panel(page, '帳號登入').innerText()).not.toContain('此登入方式尚未在本伺服器啟用');
      expect(await page.getByLabel('帳號', { exact: true }).isDisabled()).toBe(false);
      expect(await page.getByLabel('PIN 碼', { exact: true }).isDisabled()).toBe(true);
      expect(await page.locator('#card-submit').isDisabled()).toBe(true);
    });

    it('has the ":::" anchors with access keys U, C and Z for the top, main and bottom regions', async () => {
      const anchors = await page.locator('a.access-key').evaluateAll((els) =>
        els.map((el) => ({
          key: el.getAttribute('accesskey'),
          text: el.textContent?.trim(),
          title: el.getAttribute('title'),
          region: el.parentElement?.closest('header, main, footer')?.tagName.toLowerCase(),
        })),
      );
      expect(anchors).toEqual([
        { key: 'U', text: ':::', title: '上方功能區塊', region: 'header' },
        { key: 'C', text: ':::', title: '中央內容區塊', region: 'main' },
        { key: 'Z', text: ':::', title: '下方功能區塊', region: 'footer' },
      ]);
    });

    it('reaches the skip link first with Tab, and the skip link moves focus to the main region', async () => {
      await page.goto('/login');
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const box = el?.getBoundingClientRect();
        return {
          className: el?.className,
          text: el?.textContent?.trim(),
          onScreen: box ? box.left >= 0 && box.top >= 0 && box.width > 0 && box.right <= window.innerWidth : false,
        };
      });
      expect(first).toEqual({ className: 'skip-link', text: '跳到主要內容', onScreen: true });

      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#C');
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('main')?.id ?? null)).toBe('main');
      // And the next Tab continues inside the main region, not back in the header.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('main')?.id ?? null)).toBe('main');
    });

    it('leads from / to the login page', async () => {
      const response = await page.goto('/');
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/login');
    });

    it('lists the access keys on the site map', async () => {
      await page.getByRole('link', { name: '網站導覽' }).first().click();
      await page.waitForURL('**/sitemap');
      const keys = panel(page, '快速鍵');
      const text = await keys.innerText();
      expect(text).toContain(':::');
      expect(text).toContain('Alt+U');
      expect(text).toContain('Alt+C');
      expect(text).toContain('Alt+Z');
      expect(await page.getByRole('link', { name: '會員登入' }).count()).toBeGreaterThan(0);
    });

    it('keeps a desktop screenshot', async () => {
      await page.goto('/login');
      await screenshot(page, 'login-zh-TW-desktop');
    });
  });

  describe('language', () => {
    it('is Traditional Chinese when the browser asks for a language the site does not have', async () => {
      const page = await open({ ...DESKTOP, locale: 'fr-FR' });
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant-TW');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('會員登入');
    });

    it('switches to English with the visible "English" link, and keeps the choice across pages', async () => {
      const page = await open({ ...DESKTOP, locale: 'zh-TW' });
      const link = page.getByRole('link', { name: 'Switch to English' });
      expect(await link.innerText()).toBe('English');
      expect(await link.isVisible()).toBe(true);
      await link.click();
      await page.waitForURL((url) => url.pathname === '/login' && url.search === '');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === 'lang')).toMatchObject({ value: 'en', httpOnly: true, sameSite: 'Lax' });

      // Navigation (a plain link, then a typed address) stays in English although the browser prefers Chinese.
      await page.getByRole('link', { name: 'Help', exact: true }).first().click();
      await page.waitForURL('**/help');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Help');
      await page.goto('/login');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');

      // And the switch back is there, in Chinese.
      await page.getByRole('link', { name: '切換為中文' }).click();
      await page.waitForURL((url) => url.pathname === '/login' && url.search === '');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('會員登入');
    });

    it('is English without a click when the browser asks for English', async () => {
      const page = await open({ ...DESKTOP, locale: 'en-US' });
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.title()).toBe('Sign in | Menhu');
      const text = await page.locator('main').innerText();
      for (const t of [
        'Account',
        'Password',
        'Forgot password',
        'Forgot account name',
        'Register',
        'Certificate card sign-in',
        'PIN',
        'Mobile citizen certificate sign-in',
        'Sign in with Google',
        'Sign in with Facebook',
        'Activate an account with the card',
        'Reset the password with the hint question',
        'Reset the password with the card',
        'This way of signing in is not enabled on this server.',
      ]) {
        expect(text, t).toContain(t);
      }
      const announcements = await platform.server.platform.announcements.current();
      for (const a of announcements) expect(text).toContain(formatRocDate(a.publishAt, 'en'));
      expect(await page.getByLabel('Account', { exact: true }).getAttribute('id')).toBe('account');
      expect(await page.getByLabel('Password', { exact: true }).getAttribute('id')).toBe('password');
      expect(await page.getByLabel('PIN', { exact: true }).getAttribute('id')).toBe('pin');
      expect(await page.getByRole('link', { name: '切換為中文' }).innerText()).toBe('中文');
      await screenshot(page, 'login-en-desktop');

      await page.goto('/sitemap');
      const keys = await panel(page, 'Access keys').innerText();
      for (const k of ['Alt+U', 'Alt+C', 'Alt+Z']) expect(keys).toContain(k);
    });

    it('labels announcement dates with English punctuation on the English page', async () => {
      const page = await open({ ...DESKTOP, locale: 'en-US' });
      const dates = await page.locator('.announcement__date').allInnerTexts();
      expect(dates).toHaveLength(2);
      for (const d of dates) expect(d).toMatch(/^Published: \d{1,2} [A-Z][a-z]+ \d{4} \(ROC \d+\)$/);
    });
  });

  describe('on a phone', () => {
    for (const locale of ['zh-TW', 'en'] as const) {
      it(`fits the screen without sideways scrolling (${locale})`, async () => {
        const page = await open({ ...PHONE, locale: locale === 'en' ? 'en-US' : 'zh-TW' });
        expect(await page.locator('html').getAttribute('lang')).toBe(locale === 'en' ? 'en' : 'zh-Hant-TW');
        const widths = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
          innerWidth: window.innerWidth,
        }));
        expect(widths.innerWidth).toBe(390);
        expect(widths.scrollWidth, `the page is ${widths.scrollWidth}px wide on a ${widths.innerWidth}px screen`).toBeLessThanOrEqual(
          widths.innerWidth,
        );
        // The inputs are wide enough to tap.
        const box = await page.locator('#account').boundingBox();
        expect(box?.height ?? 0).toBeGreaterThanOrEqual(36);
        await screenshot(page, `login-${locale}-phone`);
      });
    }
  });
});
