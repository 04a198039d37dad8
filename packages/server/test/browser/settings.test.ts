/**
 * 我的帳戶's settings in Chromium, as a citizen uses them: changing the password (another device is signed out),
 * seeing the signed-in devices and signing out everywhere else, changing the e-mail address through the link
 * mailed to the new one (read from the platform's outbox), the sign-in history, correcting the name after the
 * password again, and deleting the account. Two browser contexts stand for two devices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable } from '../support/services';
import { DESKTOP, WAIT_MS, screenshot, startBrowserPlatform, type BrowserPlatform } from '../support/browser';
import { linkIn, outbox } from '../support/mail';

const haveChromium = await chromiumAvailable();

const PASSWORD = '藍色海洋 sailing 2026';
const NEW_PASSWORD = '綠色山脈 hiking 2027';

describe.skipIf(!haveChromium)('account settings in Chromium', () => {
  let platform: BrowserPlatform;
  const contexts: BrowserContext[] = [];
  let serial = 0;

  beforeAll(async () => {
    platform = await startBrowserPlatform();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await platform?.close();
  });

  /** A device: a browser profile of its own (no cookies), in Traditional Chinese. */
  async function device(): Promise<Page> {
    const context = await platform.browser.newContext({ ...DESKTOP, locale: 'zh-TW', baseURL: platform.baseUrl });
    context.setDefaultTimeout(WAIT_MS);
    contexts.push(context);
    return context.newPage();
  }

  async function member(): Promise<{ accountName: string; email: string }> {
    const accountName = `settings${++serial}`;
    const email = `${accountName}@example.tw`;
    await platform.server.platform.accounts.createActivated({ accountName, password: PASSWORD, displayName: '陳美玲', idNumber: 'A123456789', email });
    return { accountName, email };
  }

  async function signIn(page: Page, accountName: string, password = PASSWORD): Promise<void> {
    await page.goto('/login');
    const form = page.getByRole('region', { name: '帳號登入', exact: true });
    await form.getByLabel('帳號', { exact: true }).fill(accountName);
    await form.getByLabel('密碼', { exact: true }).fill(password);
    await form.getByRole('button', { name: '登入', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/account');
  }

  /** From 我的帳戶's settings list, as a person would go. */
  async function openSetting(page: Page, name: string): Promise<void> {
    await page.goto('/account');
    await page.getByRole('navigation', { name: '帳戶設定' }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('changes the password with the current one; another device is signed out, this one stays', async () => {
    const who = await member();
    const here = await device();
    const other = await device();
    await signIn(here, who.accountName);
    await signIn(other, who.accountName);

    await openSetting(here, '變更密碼');
    const form = here.getByRole('region', { name: '以目前的密碼確認' });
    await form.getByLabel('目前的密碼', { exact: true }).fill(PASSWORD);
    await form.getByLabel('新密碼', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('再輸入一次新密碼', { exact: true }).fill(NEW_PASSWORD);
    await screenshot(here, 'settings-password-zh-TW');
    await form.getByRole('button', { name: '變更密碼', exact: true }).click();

    await here.getByRole('status').filter({ hasText: '密碼已變更，其他裝置上的登入都已結束。' }).waitFor();
    expect(new URL(here.url()).pathname).toBe('/account/password');
    await here.goto('/account');
    expect(new URL(here.url()).pathname).toBe('/account');
    await other.goto('/account');
    expect(new URL(other.url()).pathname).toBe('/login');

    // The new password signs in; the mail told the owner.
    const third = await device();
    await signIn(third, who.accountName, NEW_PASSWORD);
    expect(outbox(platform.server.platform.config.dataDir).some((m) => m.to === who.email && m.subject.includes('密碼已變更'))).toBe(true);
  });

  it('lists the signed-in devices with this one marked, and signs out everywhere else', async () => {
    const who = await member();
    const here = await device();
    const other = await device();
    await signIn(other, who.accountName);
    await signIn(here, who.accountName);

    await openSetting(here, '登入中的裝置');
    const items = here.locator('#session-list > li');
    expect(await items.count()).toBe(2);
    const first = await items.nth(0).innerText();
    expect(first).toMatch(/Chrome \d+（Linux）（這個瀏覽器）/);
    expect(first).toContain('127.0.0.1');
    expect(await items.nth(1).innerText()).not.toContain('這個瀏覽器');
    await screenshot(here, 'settings-sessions-zh-TW');

    await here.getByRole('button', { name: '登出其他所有裝置', exact: true }).click();
    await here.getByRole('status').filter({ hasText: '已登出其他 1 個登入。' }).waitFor();
    expect(await here.locator('#session-list > li').count()).toBe(1);

    await other.goto('/account');
    expect(new URL(other.url()).pathname).toBe('/login');
    await here.goto('/account');
    expect(new URL(here.url()).pathname).toBe('/account');
  });

  it('changes the e-mail address through the link mailed to the new one', async () => {
    const who = await member();
    const newEmail = `moved.${who.email}`;
    const here = await device();
    await signIn(here, who.accountName);

    await openSetting(here, '變更電子郵件');
    expect(await here.locator('main').innerText()).toContain(`目前的電子郵件地址：${who.email}`);
    await here.getByLabel('新的電子郵件地址', { exact: true }).fill(newEmail);
    await here.getByRole('button', { name: '寄出確認信', exact: true }).click();
    await here.getByRole('status').filter({ hasText: `確認信已寄到 ${newEmail}` }).waitFor();

    const mails = outbox(platform.server.platform.config.dataDir);
    expect(mails.some((m) => m.to === who.email && m.subject === '【門戶】帳號的電子郵件地址即將更換')).toBe(true);
    const mail = mails.find((m) => m.to === newEmail);
    if (!mail) throw new Error(`no mail to ${newEmail}`);
    const link = linkIn(mail, '/account/email/confirm');
    expect(link.origin).toBe(platform.baseUrl);

    // Opened where the mail is read: another browser, not signed in.
    const mailReader = await device();
    await mailReader.goto(link.href);
    await mailReader.getByRole('button', { name: '確認更換', exact: true }).click();
    await mailReader.getByRole('heading', { level: 1, name: '電子郵件地址已更換' }).waitFor();

    await here.goto('/account');
    const email = await here.locator('dl.facts dt', { hasText: '電子郵件' }).locator('xpath=following-sibling::dd[1]').innerText();
    expect(email.trim()).toBe(newEmail);
  });
  it('shows the sign-in history with a failed attempt, and corrects the name after the password again', async () => {
    const who = await member();
    const here = await device();
    // A wrong password first, then the right one.
    await here.goto('/login');
    const form = here.getByRole('region', { name: '帳號登入', exact: true });
    await form.getByLabel('帳號', { exact: true }).fill(who.accountName);
    await form.getByLabel('密碼', { exact: true }).fill('not the password at all');
    await form.getByRole('button', { name: '登入', exact: true }).click();
    await here.locator('#login-notice').waitFor();
    await signIn(here, who.accountName);

    await openSetting(here, '登入紀錄');
    const rows = await here.locator('table tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/民國.*帳號密碼.*成功/s);
    expect(rows[1]).toMatch(/民國.*帳號密碼.*失敗/s);

    // The page a stale sign-in is sent to (this platform runs on the real clock, so it is opened directly; the
    // HTTP tests age the sign-in): a wrong password is refused, the right one leads back to the correction.
    await here.goto('/account/reauth?return=%2Faccount%2Fprofile');
    await here.getByLabel('密碼', { exact: true }).fill('still not the password');
    await here.getByRole('button', { name: '確認', exact: true }).click();
    await here.getByText('帳號或密碼錯誤', { exact: false }).first().waitFor();
    await here.getByLabel('密碼', { exact: true }).fill(PASSWORD);
    await here.getByRole('button', { name: '確認', exact: true }).click();
    await here.waitForURL((url) => url.pathname === '/account/profile');

    await here.getByLabel('姓名', { exact: true }).fill('陳美齡');
    await here.getByRole('button', { name: '儲存更正', exact: true }).click();
    await here.getByRole('status').filter({ hasText: '個人資料已更正。' }).waitFor();
    await here.goto('/account');
    expect(await here.locator('main').innerText()).toContain('陳美齡');
    expect(outbox(platform.server.platform.config.dataDir).some((m) => m.to === who.email && m.subject.includes('個人資料已更正'))).toBe(true);
  });

  it('deletes the account only with the password and the account name typed; then it cannot sign in', async () => {
    const who = await member();
    const here = await device();
    await signIn(here, who.accountName);
    await openSetting(here, '刪除帳號');
    await here.getByLabel('密碼', { exact: true }).fill(PASSWORD);
    await here.getByLabel(`請輸入您的帳號名稱（${who.accountName}）以確認`, { exact: true }).fill('someone.else');
    await here.getByRole('button', { name: '永久刪除帳號', exact: true }).click();
    await here.getByText('輸入的帳號名稱不符。').first().waitFor();
    expect(await platform.server.platform.accounts.byName(who.accountName)).toBeDefined();

    await here.getByLabel('密碼', { exact: true }).fill(PASSWORD);
    await here.getByLabel(`請輸入您的帳號名稱（${who.accountName}）以確認`, { exact: true }).fill(who.accountName);
    await here.getByRole('button', { name: '永久刪除帳號', exact: true }).click();
    await here.getByRole('heading', { level: 1, name: '帳號已刪除' }).waitFor();
    expect(await platform.server.platform.accounts.byName(who.accountName)).toBeUndefined();
    await here.goto('/account');
    expect(new URL(here.url()).pathname).toBe('/login');
  });
});
