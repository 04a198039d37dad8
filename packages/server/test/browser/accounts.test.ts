/**
 * Accounts as a newcomer meets them in Chromium: 加入會員 from the login page, the activation mail (read from
 * the platform's outbox), signing in, 我的帳戶, signing out; registration errors; the per-name lock after five
 * wrong passwords, the same for an unknown name; and an account that has not been activated yet.
 * Fields are found by their labels and buttons by their visible text, as a person would find them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable } from '../support/services';
import { DESKTOP, WAIT_MS, screenshot, startBrowserPlatform, type BrowserPlatform } from '../support/browser';
import { linkIn, outbox, type ReadMail } from '../support/mail';

const haveChromium = await chromiumAvailable();

/** What a newcomer types into the registration form. */
interface Newcomer {
  readonly accountName: string;
  readonly password: string;
  readonly displayName: string;
  readonly idNumber: string;
  readonly email: string;
}

function newcomer(accountName: string, overrides: Partial<Newcomer> = {}): Newcomer {
  return {
    accountName,
    password: '藍色海洋 sailing 2026',
    displayName: '陳美玲',
    idNumber: 'A123456789',
    email: `${accountName}@example.tw`,
    ...overrides,
  };
}

describe.skipIf(!haveChromium)('accounts in Chromium', () => {
  let platform: BrowserPlatform;
  let dataDir: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    platform = await startBrowserPlatform();
    dataDir = platform.server.platform.config.dataDir;
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await platform?.close();
  });

  /** A fresh browser profile (no cookies) in Traditional Chinese, for one test; the previous one is closed. */
  async function freshPage(path = '/login'): Promise<Page> {
    await context?.close().catch(() => undefined);
    context = await platform.browser.newContext({ ...DESKTOP, locale: 'zh-TW', baseURL: platform.baseUrl });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    return page;
  }

  /** The mail sent to one address so far, oldest first. */
  function mailTo(email: string): ReadMail[] {
    return outbox(dataDir).filter((m) => m.to.includes(email));
  }

  function heading(page: Page): Promise<string> {
    return page.getByRole('heading', { level: 1 }).innerText();
  }

  /** Fills the registration form the way a person would: by the labels they read. */
  async function fillRegistration(page: Page, who: Newcomer): Promise<void> {
    await page.getByLabel('帳號', { exact: true }).fill(who.accountName);
    await page.getByLabel('密碼', { exact: true }).fill(who.password);
    await page.getByLabel('確認密碼', { exact: true }).fill(who.password);
    await page.getByLabel('姓名', { exact: true }).fill(who.displayName);
    await page.getByLabel('身分證統一編號', { exact: true }).fill(who.idNumber);
    await page.getByLabel('電子郵件', { exact: true }).fill(who.email);
    await page.getByLabel(/^我已閱讀並同意/).check();
  }

  /** From the login page's 加入會員 link to the page saying that the activation mail is on its way. */
  async function register(page: Page, who: Newcomer, options: { screenshotAs?: string } = {}): Promise<void> {
    await page.goto('/login');
    await page.getByRole('link', { name: '加入會員', exact: true }).click();
    await page.waitForURL('**/register');
    expect(await heading(page)).toBe('加入會員');
    await fillRegistration(page, who);
    if (options.screenshotAs) await screenshot(page, options.screenshotAs);
    await page.getByRole('button', { name: '送出', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '請收信啟用帳號' }).waitFor();
  }

  /** Opens the link in the newest activation mail and presses 啟用帳號. */
  async function activateFromMail(page: Page, who: Newcomer): Promise<void> {
    const mails = mailTo(who.email);
    const mail = mails.at(-1);
    if (!mail) throw new Error(`no mail to ${who.email}`);
    expect(mail.subject).toBe('【門戶】請啟用您的帳號');
    const link = linkIn(mail, '/activate/email');
    // The link is built from PUBLIC_URL, which is this server's address.
    expect(link.origin).toBe(platform.baseUrl);
    const opened = await page.goto(link.href);
    expect(opened?.status()).toBe(200);
    await page.getByRole('button', { name: '啟用帳號', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '帳號已啟用' }).waitFor();
  }

  /** The account sign-in form on the login page (the card panel has a 登入 button of its own). */
  function accountForm(page: Page) {
    return page.getByRole('region', { name: '帳號登入', exact: true });
  }

  /** Signs in with account name and password; returns the HTTP status of the answer to the form (303 when signed in). */
  async function signIn(page: Page, accountName: string, password: string): Promise<number> {
    if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
    const form = accountForm(page);
    await form.getByLabel('帳號', { exact: true }).fill(accountName);
    await form.getByLabel('密碼', { exact: true }).fill(password);
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
    // Fires once the page that finally answers (after any redirect) is shown.
    const shown = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
    await form.getByRole('button', { name: '登入', exact: true }).click();
    const response = await answered;
    await shown;
    await page.waitForLoadState();
    return response.status();
  }

  /** The message above the account form after a failed sign-in: its text, and the status it came with. */
  async function failedSignIn(page: Page, accountName: string, password: string): Promise<{ status: number; text: string }> {
    const status = await signIn(page, accountName, password);
    expect(new URL(page.url()).pathname).toBe('/login');
    const alert = accountForm(page).getByRole('alert');
    return { status, text: (await alert.innerText()).trim() };
  }

  /** 我的帳戶's facts, as label → value. */
  function facts(page: Page): Promise<Record<string, string>> {
    return page.locator('dl.facts').evaluate((dl) => {
      const out: Record<string, string> = {};
      for (const dt of dl.querySelectorAll('dt')) {
        const dd = dt.nextElementSibling;
        if (dd?.tagName === 'DD') out[dt.textContent?.trim() ?? ''] = (dd as HTMLElement).innerText.trim();
      }
      return out;
    });
  }

  it('takes a newcomer from 加入會員 through the activation mail to 我的帳戶, and out again', async () => {
    const page = await freshPage();
    const who = newcomer('lin.yating', { displayName: '林雅婷' });

    await register(page, who, { screenshotAs: 'register-zh-TW-form' });
    const done = await page.locator('main').innerText();
    expect(done).toContain(`我們已寄出一封啟用信到 ${who.email}`);
    expect(mailTo(who.email)).toHaveLength(1);

    await activateFromMail(page, who);
    await page.getByRole('main').getByRole('link', { name: '登入', exact: true }).click();
    await page.waitForURL('**/login');

    expect(await signIn(page, who.accountName, who.password)).toBe(303);
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await heading(page)).toBe('我的帳戶');
    const shown = await facts(page);
    expect(shown).toMatchObject({
      姓名: '林雅婷',
      帳號: who.accountName,
      身分證統一編號: 'A*****6789（未驗證，僅為註冊時填寫）',
      電子郵件: who.email,
      本次登入方式: '帳號密碼',
      上次登入: '這是第一次登入',
      身分確認等級: '低（帳號密碼）',
    });
    expect(shown['本次登入時間']).toMatch(/^民國\d+年/);
    // The full ID number is never sent back to the browser.
    expect(await page.content()).not.toContain(who.idNumber);
    await screenshot(page, 'account-zh-TW');

    await page.getByRole('button', { name: '登出', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await accountForm(page).getByRole('status').innerText()).toBe('您已登出。');

    const after = await page.goto('/account');
    expect(after?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await heading(page)).toBe('會員登入');
  });

  it('shows a registration error beside its field and in the summary, keeping what was typed except the passwords', async () => {
    const page = await freshPage('/register');
    const who = newcomer('wang.dawei', { displayName: '王大衛', idNumber: 'A123456788' });
    await fillRegistration(page, who);
    await page.getByRole('button', { name: '送出', exact: true }).click();
    await page.locator('#error-summary').waitFor();

    const checksum = '身分證統一編號的檢查碼不符，請確認是否輸入錯誤。';
    expect(await heading(page)).toBe('加入會員');
    const summary = page.getByRole('alert').filter({ hasText: '資料有誤，請修正下列欄位：' });
    const listed = summary.getByRole('link');
    expect(await listed.allInnerTexts()).toEqual([checksum]);
    expect(await listed.getAttribute('href')).toBe('#idNumber');

    // Beside the field, and tied to it for a screen reader (aria-describedby, aria-invalid).
    const id = page.getByLabel('身分證統一編號', { exact: true });
    expect(await id.getAttribute('aria-invalid')).toBe('true');
    const description = await id.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((ref) => document.getElementById(ref)?.textContent?.trim() ?? '')
        .filter(Boolean),
    );
    expect(description).toContain(checksum);
    expect(await id.inputValue()).toBe('A123456788');

    expect(await page.getByLabel('帳號', { exact: true }).inputValue()).toBe(who.accountName);
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('王大衛');
    expect(await page.getByLabel('電子郵件', { exact: true }).inputValue()).toBe(who.email);
    expect(await page.getByLabel('密碼', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('確認密碼', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel(/^我已閱讀並同意/).isChecked()).toBe(true);
    // The other fields carry no error.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(mailTo(who.email)).toEqual([]);
    await screenshot(page, 'register-zh-TW-errors');
  });

  it('locks a name after five wrong passwords, even against the right one, and answers an unknown name the same way', async () => {
    const page = await freshPage();
    const who = newcomer('huang.zhiming', { displayName: '黃志明' });
    await register(page, who);
    await activateFromMail(page, who);

    /** Five wrong passwords and then `last`, as seen on the page. */
    async function sixAttempts(accountName: string, last: string) {
      const seen: { status: number; text: string }[] = [];
      for (let i = 1; i <= 5; i++) seen.push(await failedSignIn(page, accountName, `wrong guess number ${i}`));
      seen.push(await failedSignIn(page, accountName, last));
      return seen;
    }

    const known = await sixAttempts(who.accountName, who.password);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
    const wrong = '帳號或密碼錯誤。';
    for (const [i, answer] of known.slice(0, 4).entries()) expect(answer.text, `attempt ${i + 1}`).toBe(wrong);
    const lockedMinutes = (text: string) => Number(/^鎖定：.*請於 (\d+) 分鐘後再試/.exec(text)?.[1]);
    expect(lockedMinutes(known[4]!.text), known[4]!.text).toBe(15);
    // The right password is not even tried while the name is locked (a minute has not passed since).
    expect(lockedMinutes(known[5]!.text), known[5]!.text).toBe(15);
    // The name is kept in the field after each attempt.
    expect(await accountForm(page).getByLabel('帳號', { exact: true }).inputValue()).toBe(who.accountName);
    await screenshot(page, 'login-zh-TW-locked');

    // An unknown name: the same texts, word for word, and the same statuses.
    const unknown = await sixAttempts('nobody.here', who.password);
    expect(unknown).toEqual(known);
  });

  it('tells a not-yet-activated account so only after its correct password, and answers its resend request', async () => {
    const page = await freshPage();
    const who = newcomer('chang.shufen', { displayName: '張淑芬' });
    await register(page, who);
    const registeredAt = Date.now();
    expect(mailTo(who.email)).toHaveLength(1);

    expect(await failedSignIn(page, who.accountName, 'not the password at all')).toEqual({ status: 401, text: '帳號或密碼錯誤。' });

    expect(await signIn(page, who.accountName, who.password)).toBe(403);
    expect(await heading(page)).toBe('帳號尚未啟用');
    expect(await page.locator('main').innerText()).toContain('帳號與密碼正確，但帳號還沒有啟用。');

    await page.getByRole('button', { name: '重新寄送啟用信', exact: true }).click();
    await page.waitForURL('**/activate/resend');
    expect(await heading(page)).toBe('帳號尚未啟用');
    expect(await page.locator('main').innerText()).toContain('啟用信在一分鐘內剛寄出過，這次沒有再寄。');

    // The platform sends at most one activation mail a minute per account, and this request came within that
    // minute of the first mail: the same answer page is shown, and no second mail goes out. (That a mail does go
    // out once the previous one is older than a minute is checked with a frozen clock in test/http/accounts.test.ts.)
    expect(Date.now() - registeredAt).toBeLessThan(60_000);
    expect(mailTo(who.email)).toHaveLength(1);

    // The first link still works.
    await activateFromMail(page, who);
    expect(await signIn(page, who.accountName, who.password)).toBe(303);
    expect(new URL(page.url()).pathname).toBe('/account');
  });
});
