import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, setCookie, type TestApp } from '../support/platform';

const HOUR = 3600_000;

describe('the login page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    const now = t.clock.now();
    await t.platform.announcements.add({ title: '網路設備維護', body: '維護期間電子查驗服務暫停。', publishAt: new Date(Date.parse('2026-11-20T10:00:00+08:00')) });
    await t.platform.announcements.add({ title: '已過期的公告', body: '不應出現。', publishAt: new Date(now - 48 * HOUR), expiresAt: new Date(now - HOUR) });
    await t.platform.announcements.add({ title: '尚未發布的公告', body: '不應出現。', publishAt: new Date(now + HOUR) });
  });
  afterAll(() => t.close());

  it('is where / leads a signed-out visitor', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
  });

  it('holds the account form with labelled fields and the links of the e-Government page', async () => {
    const { body } = await t.app.inject('/login');
    expect(body).toContain('<label for="account">帳號</label>');
    expect(body).toMatch(/<input id="account" name="account"/);
    expect(body).toContain('<label for="password">密碼</label>');
    expect(body).toMatch(/<input id="password" name="password" type="password"/);
    expect(body).toMatch(/<button type="submit"[^>]*>登入<\/button>/);
    for (const [href, text] of [['/recover', '忘記密碼'], ['/recover/account', '忘記帳號'], ['/register', '加入會員']]) {
      expect(body).toContain(`<a href="${href}">${text}</a>`);
    }
  });

  it('holds the certificate panel: a 6–8 digit PIN field, notes on the component, PIN problems, help and environment check', async () => {
    const { body } = await t.app.inject('/login');
    expect(body).toContain('<h2 id="card-heading">憑證登入</h2>');
    expect(body).toContain('<label for="pin">PIN 碼</label>');
    expect(body).toMatch(/<input id="pin" name="pin" type="password" inputmode="numeric" pattern="\[0-9\]\{6,8\}" minlength="6" maxlength="8"/);
    expect(body).toContain('最新版的憑證元件');
    expect(body).toContain('忘記 PIN 碼或卡片已被鎖住');
    expect(body).toContain('<a href="/help">常見問題</a>');
    expect(body).toContain('<a href="/envcheck">環境檢測</a>');
  });

  it('never lets the PIN be submitted to this server: the PIN field is in no form', async () => {
    const { body } = await t.app.inject('/login');
    const forms = body.match(/<form[\s\S]*?<\/form>/g) ?? [];
    for (const form of forms) expect(form).not.toContain('name="pin"');
    expect(body).toContain('name="pin"');
  });

  it('holds the mobile certificate panel, Google and Facebook, and the account management box', async () => {
    const { body } = await t.app.inject('/login');
    expect(body).toContain('行動自然人憑證登入');
    expect(body).toContain('電子查驗服務目前只接受實體自然人憑證');
    expect(body).toContain('使用 Google 帳號登入');
    expect(body).toContain('使用 Facebook 帳號登入');
    expect(body).toContain('<a href="/activate/card">以自然人憑證啟用帳號</a>');
    expect(body).toContain('<a href="/recover/hint">以密碼提示問題重設密碼</a>');
    expect(body).toContain('<a href="/recover/card">以自然人憑證重設密碼</a>');
  });

  it('says plainly which sign-in methods are not enabled on this server, and disables their controls', async () => {
    const { body } = await t.app.inject('/login');
    // Card and mobile certificate are not built yet; the account form is.
    expect(body.match(/此登入方式尚未在本伺服器啟用/g)).toHaveLength(2);
    expect(body).toMatch(/<fieldset id="card-login" class="form" disabled/);
    expect(body).toMatch(/<fieldset>[\s\S]*name="account"/);
  });

  it('lists current announcements with ROC dates, and hides expired and future ones', async () => {
    const zh = (await t.app.inject('/login')).body;
    expect(zh).toContain('網路設備維護');
    expect(zh).toContain('民國115年11月20日');
    expect(zh).not.toContain('已過期的公告');
    expect(zh).not.toContain('尚未發布的公告');
    const en = (await t.app.inject({ url: '/login', headers: { 'accept-language': 'en' } })).body;
    expect(en).toContain('20 November 2026 (ROC 115)');
  });
});

describe('language', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t.close());

  it('is Traditional Chinese by default', async () => {
    const { body } = await t.app.inject('/login');
    expect(body).toContain('<html lang="zh-Hant-TW">');
    expect(body).toContain('href="/login?lang=en"');
  });

  it('follows Accept-Language when the reader has not chosen', async () => {
    const { body } = await t.app.inject({ url: '/login', headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('<label for="account">Account</label>');
  });

  it('remembers a choice made with the switch, over Accept-Language, and drops ?lang from the address', async () => {
    const res = await t.app.inject({ url: '/help?lang=en', headers: { 'accept-language': 'zh-TW' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/help');
    const cookie = setCookie(res.headers, 'lang');
    expect(cookie?.value).toBe('en');
    const page = await t.app.inject({ url: '/help', headers: { 'accept-language': 'zh-TW' }, cookies: { lang: 'en' } });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('href="/help?lang=zh-TW"');
  });

  it('ignores a language it does not serve', async () => {
    const res = await t.app.inject({ url: '/login', cookies: { lang: 'fr' }, headers: { 'accept-language': 'fr' } });
    expect(res.body).toContain('<html lang="zh-Hant-TW">');
  });
});

describe('other pages', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t.close());

  it('frame every page with the skip link and the three ::: anchors with access keys', async () => {
    for (const url of ['/login', '/help', '/sitemap', '/register']) {
      const { body } = await t.app.inject(url);
      expect(body.indexOf('class="skip-link" href="#C"'), url).toBeLessThan(body.indexOf('id="U"'));
      for (const key of ['U', 'C', 'Z']) expect(body, url).toContain(`id="${key}" href="#${key}" accesskey="${key}"`);
    }
  });

  it('explain the access keys in the site map (網站導覽)', async () => {
    const { body } = await t.app.inject('/sitemap');
    expect(body).toContain('<h1>網站導覽</h1>');
    expect(body).toContain('Alt+U');
    expect(body).toContain('Alt+C');
    expect(body).toContain('Alt+Z');
  });

  it('give the steps for 「憑證登入失敗，請插卡再試」 on the help page', async () => {
    const { body } = await t.app.inject('/help');
    expect(body).toContain('憑證登入失敗，請插卡再試');
    expect(body).toContain('Chrome');
    expect(body).toContain('Edge');
    expect(body).toContain('0800-080-117');
  });

  it('answer 501 with a plain notice for functions not built yet', async () => {
    for (const [url, name] of [['/login/mobile', '行動自然人憑證登入'], ['/login/google', '使用 Google 帳號登入']]) {
      const res = await t.app.inject(url!);
      expect(res.statusCode, url).toBe(501);
      expect(res.body).toContain(`「${name}」尚未在本伺服器啟用`);
    }
  });

  it('offer every way of 忘記密碼 and 忘記帳號 that is on, and name the card’s ways as not enabled without card login', async () => {
    const password = (await t.app.inject('/recover')).body;
    expect(password).toContain('<h1 id="recovery-title">忘記密碼</h1>');
    expect(password).toContain('<a href="/recover/email">以電子郵件重設密碼</a>');
    expect(password).toContain('<a href="/recover/hint">以密碼提示問題重設密碼</a>');
    expect(password).not.toContain('<a href="/recover/card">');
    expect(password).toContain('以自然人憑證重設密碼<span class="off-tag">（本伺服器尚未啟用）</span>');
    const account = (await t.app.inject('/recover/account')).body;
    expect(account).toContain('<a href="/recover/account/email">以電子郵件查詢帳號</a>');
    expect(account).not.toContain('<a href="/recover/account/card">');
    expect(account).toContain('以自然人憑證查詢帳號<span class="off-tag">（本伺服器尚未啟用）</span>');
  });

  it('report health with the database check', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });
});
