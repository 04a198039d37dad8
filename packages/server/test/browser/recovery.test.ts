/**
 * 忘記密碼 as a citizen meets it in Chromium: from the login page to the hint question and a new password (a
 * wrong answer refused first), and the e-mailed reset link (mismatched passwords refused first, the link dead
 * once used). Fields are found by their labels and buttons by their visible text, as a person would find them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable } from '../support/services';
import { DESKTOP, WAIT_MS, screenshot, startBrowserPlatform, type BrowserPlatform } from '../support/browser';
import { linkIn, outbox } from '../support/mail';

const haveChromium = await chromiumAvailable();

const PASSWORD = '藍色海洋 sailing 2026';
const NEW_PASSWORD = '山頂的雲 hiking 2027';

describe.skipIf(!haveChromium)('忘記密碼 in Chromium', () => {
  let platform: BrowserPlatform;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await startBrowserPlatform();
    const { accounts, hints } = platform.server.platform;
    const make = async (accountName: string, idNumber: string) => {
      const id = await accounts.createActivated({ accountName, password: PASSWORD, displayName: '陳美玲', idNumber, email: `${accountName}@example.tw` });
      const prepared = await hints.prepare({ choice: '2', own: '', answer: 'Ａ-Ming Wang' }, true);
      if (!prepared.ok || !prepared.hint) throw new Error('test hint refused');
      await hints.setAtRegistration(id, prepared.hint, {});
    };
    await make('hint.user', 'A123456789');
    await make('mail.user', 'B200106789');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await platform?.close();
  });

  async function freshPage(path = '/login'): Promise<Page> {
    const context = await platform.browser.newContext({ ...DESKTOP, locale: 'zh-TW', baseURL: platform.baseUrl });
    context.setDefaultTimeout(WAIT_MS);
    contexts.push(context);
    const page = await context.newPage();
    expect((await page.goto(path))?.status()).toBe(200);
    return page;
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

  async function signIn(page: Page, accountName: string, password: string): Promise<void> {
    await page.goto('/login');
    const form = page.getByRole('region', { name: '帳號登入', exact: true });
    await form.getByLabel('帳號', { exact: true }).fill(accountName);
    await form.getByLabel('密碼', { exact: true }).fill(password);
    await form.getByRole('button', { name: '登入', exact: true }).click();
    await page.waitForLoadState();
  }

  it('resets the password with the hint question, refusing a wrong answer first, and ends the other sign-ins', async () => {
    const elsewhere = await freshPage();
    await signIn(elsewhere, 'hint.user', PASSWORD);
    await elsewhere.waitForURL('**/account');

    const page = await freshPage();
    await page.getByRole('link', { name: '忘記密碼', exact: true }).click();
    await page.waitForURL('**/recover');
    expect(await heading(page)).toBe('忘記密碼');
    await page.getByRole('link', { name: '以密碼提示問題重設密碼', exact: true }).click();
    await page.waitForURL('**/recover/hint');
    await page.getByLabel('帳號', { exact: true }).fill('hint.user');
    await page.getByLabel('身分證統一編號', { exact: true }).fill('A123456789');
    await page.getByRole('button', { name: '下一步', exact: true }).click();

    const answer = page.getByLabel('您童年最要好朋友的名字？', { exact: true });
    await answer.waitFor();
    await answer.fill('Someone Else');
    await page.getByRole('button', { name: '送出答案', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('答案不正確');

    await page.getByLabel('您童年最要好朋友的名字？', { exact: true }).fill('a-ming   WANG');
    await page.getByRole('button', { name: '送出答案', exact: true }).click();
    await page.getByText('步驟 4／4').waitFor();
    await page.getByLabel('新密碼', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('確認新密碼', { exact: true }).fill(NEW_PASSWORD);
    await screenshot(page, 'recovery-hint-new-password');
    await page.getByRole('button', { name: '設定新密碼', exact: true }).click();
    await page.waitForURL('**/login?done=reset');
    expect(await page.getByRole('status').first().innerText()).toContain('密碼已重設，請用新密碼登入。');

    // The other browser's sign-in ended with the reset.
    await elsewhere.goto('/account');
    expect(new URL(elsewhere.url()).pathname).toBe('/login');

    await signIn(page, 'hint.user', NEW_PASSWORD);
    await page.waitForURL('**/account');
  });

  it('resets the password by the e-mailed link, refusing mismatched passwords first; the link then stops working', async () => {
    const page = await freshPage('/recover');
    await page.getByRole('link', { name: '以電子郵件重設密碼', exact: true }).click();
    await page.waitForURL('**/recover/email');
    await page.getByLabel('帳號', { exact: true }).fill('mail.user');
    await page.getByLabel('電子郵件', { exact: true }).fill('mail.user@example.tw');
    await page.getByRole('button', { name: '寄出重設連結', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '請收信' }).waitFor();

    const mail = outbox(platform.server.platform.config.dataDir).filter((m) => m.to === 'mail.user@example.tw').at(-1);
    if (!mail) throw new Error('no reset mail');
    const link = linkIn(mail, '/recover/email/reset');
    expect(link.origin).toBe(platform.baseUrl);

    expect((await page.goto(link.href))?.status()).toBe(200);
    expect(await heading(page)).toBe('設定新密碼');
    await page.getByLabel('新密碼', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('確認新密碼', { exact: true }).fill('not the same');
    await page.getByRole('button', { name: '設定新密碼', exact: true }).click();
    await expect.poll(() => page.locator('#error-summary').innerText()).toContain('兩次輸入的密碼不一致');

    await page.getByLabel('新密碼', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('確認新密碼', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '設定新密碼', exact: true }).click();
    await page.waitForURL('**/login?done=reset');

    expect((await page.goto(link.href))?.status()).toBe(400);
    expect(await page.locator('main').innerText()).toContain('這個重設連結已失效');

    await signIn(page, 'mail.user', NEW_PASSWORD);
    await page.waitForURL('**/account');
  });
});
