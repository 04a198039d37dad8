/**
 * 我的帳戶's settings pages over HTTP (issue 7): 變更密碼 (with the current password or the card), 變更電子郵件
 * (the link to the new address), 登入中的裝置, 登入紀錄, 更正個人資料 and 刪除帳號 — each behind a recent
 * sign-in, each audited, each security change mailed. Cards come from the development CA.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browser } from '../support/http-browser';
import { linkIn, outbox } from '../support/mail';
import { csrfFrom, manualClock, setCookie, tempDir, testApp, type ManualClock, type TestApp } from '../support/platform';
import { CARD_SITE, cardService, citizenCard, componentAnswer, startCardCa, type Browser, type Card, type CardCa } from '../support/cards';
import { lookupHash } from '../../src/services/crypto';
import { ID_CONTEXT } from '../../src/services/accounts';

const PASSWORD = '藍色海洋 sailing 2026';
const NEW_PASSWORD = '綠色山脈 hiking 2027';
const MINUTE = 60_000;

const tmp = tempDir('menhu-settings-');
let ca: CardCa;
let clock: ManualClock;
let t: TestApp;
let serial = 0;

beforeAll(async () => {
  ca = await startCardCa(tmp.dir);
  // The dev CA issues from the real time, so the platform's clock starts there too.
  clock = manualClock(Date.now());
  t = await testApp({ env: { PUBLIC_URL: CARD_SITE, TRUST_ANCHORS: ca.trustDir }, clock });
}, 60_000);

// Tests move the clock; each starts again from the real time, which the card responder's answers carry.
beforeEach(() => clock.set(Date.now()));

afterAll(async () => {
  await t?.close();
  await ca?.close();
  tmp.remove();
});

interface Member {
  readonly id: string;
  readonly accountName: string;
  readonly email: string;
}

/** An active account of its own for each test; its e-mail address is `<name>@example.tw`. */
async function member(overrides: { displayName?: string; idNumber?: string } = {}): Promise<Member> {
  const accountName = `member${++serial}`;
  const email = `${accountName}@example.tw`;
  const id = await t.platform.accounts.createActivated({
    accountName,
    password: PASSWORD,
    displayName: overrides.displayName ?? '陳美玲',
    idNumber: overrides.idNumber ?? 'A123456789',
    email,
  });
  return { id, accountName, email };
}

async function signIn(b: Browser, accountName: string, password = PASSWORD) {
  await b.get('/login');
  const res = await b.post('/login', { account: accountName, password });
  expect(res.headers.location, res.body).toBe('/account');
}

async function signedIn(m: Member): Promise<Browser> {
  const b = browser(t);
  await signIn(b, m.accountName);
  return b;
}

/** A browser that says who it is (User-Agent) and comes from a given address, as http-browser otherwise does. */
function browserAt(userAgent: string, remoteAddress: string) {
  let cookies: Record<string, string> = {};
  let token = '';
  const remember = <R extends { headers: Record<string, unknown>; body: string }>(res: R): R => {
    const sid = setCookie(res.headers, 'menhu_sid');
    if (sid) cookies = sid.attributes.includes('1970') ? {} : { menhu_sid: sid.value };
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
      try {
        token = csrfFrom(res.body);
      } catch {
        /* a page without forms */
      }
    }
    return res;
  };
  const headers = { 'user-agent': userAgent };
  return {
    get: async (url: string) => remember(await t.app.inject({ method: 'GET', url, cookies, headers, remoteAddress })),
    post: async (url: string, payload: Record<string, string>) =>
      remember(await t.app.inject({ method: 'POST', url, cookies, headers, remoteAddress, payload: { _csrf: token, ...payload } })),
  };
}

const mailsTo = (to: string) => outbox(t.dataDir).filter((m) => m.to === to);
const auditOf = (m: Member, event: string) => t.platform.audit.list({ accountId: m.id, event, limit: 20 });
/** Whether a password signs in to the account (through the password method: counted, but the name is ours). */
async function passwordWorks(m: Member, password: string) {
  return (await t.platform.password.verify(m.accountName, password, {})).outcome === 'verified';
}

/** The login page's card panel: challenge, the component's answer, the post. */
async function cardLogin(b: Browser, card: Card) {
  await b.get('/login');
  const challenge = (await b.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
  return (await b.json('/login/card', { nonce: challenge.nonce, signatureType: 'PKCS7', ...(await componentAnswer(card, challenge)) })).json() as { redirect?: string };
}

describe('a change needs a sign-in within the last 10 minutes', () => {
  it.each([
    ['/account/password', '/account/password'],
    ['/account/email', '/account/email'],
    ['/account/sessions/end-others', '/account/sessions'],
    ['/account/profile', '/account/profile'],
    ['/account/delete', '/account/delete'],
  ])('sends a stale POST %s to /account/reauth, which leads back to %s', async (post, back) => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account');
    clock.advance(11 * MINUTE);

    const res = await b.post(post, { current: PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD, email: 'x@example.tw', accountName: m.accountName });

    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/account/reauth?return=${encodeURIComponent(back)}`);
    // Nothing changed: the password is the old one, the account is there.
    expect(await passwordWorks(m, PASSWORD)).toBe(true);
    expect(await t.platform.accounts.byId(m.id)).toBeDefined();

    await b.get(res.headers.location as string);
    const again = await b.post('/account/reauth', { return: back, password: PASSWORD });
    expect(again.headers.location).toBe(back);
    const page = await b.get(back);
    expect(page.statusCode).toBe(200);
  });

  it('asks already on the pages where a change is made, so nothing typed is lost', async () => {
    const b = await signedIn(await member());
    clock.advance(11 * MINUTE);
    for (const page of ['/account/password', '/account/email', '/account/profile', '/account/delete']) {
      const res = await b.get(page);
      expect(res.headers.location, page).toBe(`/account/reauth?return=${encodeURIComponent(page)}`);
    }
    // Looking is not changing.
    expect((await b.get('/account/sessions')).statusCode).toBe(200);
    expect((await b.get('/account/history')).statusCode).toBe(200);
  });

  it('answers the card panel’s script with the way to re-authentication, as JSON', async () => {
    const b = await signedIn(await member());
    await b.get('/account/password');
    clock.advance(11 * MINUTE);
    const res = await b.json('/account/password/card', { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(res.json()).toEqual({ redirect: '/account/reauth?return=%2Faccount%2Fpassword' });
  });

  it('sends a browser that is not signed in to the login page', async () => {
    for (const page of ['/account/password', '/account/email', '/account/sessions', '/account/history', '/account/profile', '/account/delete']) {
      expect((await browser(t).get(page)).headers.location, page).toBe('/login');
    }
  });
});

describe('變更密碼', () => {
  it('changes the password with the current one: this browser stays signed in, the others end; audited and mailed', async () => {
    const m = await member();
    const b = await signedIn(m);
    const elsewhere = await signedIn(m);
    const page = await b.get('/account/password');
    expect(page.body).toContain('<label for="current">目前的密碼</label>');
    expect(page.body).toContain('以自然人憑證確認');
    const before = b.cookies().menhu_sid;

    const res = await b.post('/account/password', { current: PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });

    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account/password?done=1');
    // A new token for this browser; it stays signed in.
    expect(b.cookies().menhu_sid).not.toBe(before);
    expect((await b.get(res.headers.location as string)).body).toContain('密碼已變更，其他裝置上的登入都已結束。');
    expect((await b.get('/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).headers.location).toBe('/login');
    expect(await passwordWorks(m, NEW_PASSWORD)).toBe(true);
    expect(await passwordWorks(m, PASSWORD)).toBe(false);
    expect((await auditOf(m, 'account.password_change'))[0]).toMatchObject({ outcome: 'success' });
    expect(JSON.parse((await auditOf(m, 'account.password_change'))[0]!.detail!)).toMatchObject({ via: 'settings', sessionsEnded: 1 });
    expect(mailsTo(m.email).map((mail) => mail.subject)).toContain('【門戶】帳號安全通知：密碼已變更');
  });

  it('refuses a wrong current password, and a new password that is the current one; nothing changes', async () => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/password');

    const wrong = await b.post('/account/password', { current: 'not my password', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('目前的密碼不正確。');
    expect(wrong.body).not.toContain(NEW_PASSWORD);
    expect(JSON.parse((await auditOf(m, 'account.password_change'))[0]!.detail!)).toMatchObject({ reason: 'current_password' });

    const reused = await b.post('/account/password', { current: PASSWORD, password: PASSWORD, passwordConfirm: PASSWORD });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('新密碼不能與目前或前兩次使用過的密碼相同');

    const mismatch = await b.post('/account/password', { current: PASSWORD, password: NEW_PASSWORD, passwordConfirm: `${NEW_PASSWORD}!` });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toMatch(/<p class="field__error" id="passwordConfirm-error">/);

    expect(await passwordWorks(m, PASSWORD)).toBe(true);
    expect(mailsTo(m.email)).toHaveLength(0);
  });

  it('refuses a password used two changes ago', async () => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/password');
    const second = '第二個密碼 second 2027';
    expect((await b.post('/account/password', { current: PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD })).statusCode).toBe(303);
    await b.get('/account/password');
    expect((await b.post('/account/password', { current: NEW_PASSWORD, password: second, passwordConfirm: second })).statusCode).toBe(303);
    await b.get('/account/password');
    const back = await b.post('/account/password', { current: second, password: PASSWORD, passwordConfirm: PASSWORD });
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain('新密碼不能與目前或前兩次使用過的密碼相同');
  });

  it('changes the password with a card whose holder’s name and last four ID digits are the account’s', async () => {
    const m = await member({ displayName: '林大同', idNumber: 'F131104093' });
    const b = await signedIn(m);
    const elsewhere = await signedIn(m);
    const card = await citizenCard(ca.dir, { name: '林大同', id: 'F131104093' });

    const { res, body, posted } = await cardService(b, '/account/password', '/account/password/card', card, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });

    expect(res.statusCode, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({ redirect: '/account/password?done=1' });
    expect(await passwordWorks(m, NEW_PASSWORD)).toBe(true);
    expect((await b.get('/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).headers.location).toBe('/login');
    expect(JSON.parse((await auditOf(m, 'account.password_change'))[0]!.detail!)).toMatchObject({ via: 'card' });
    expect(mailsTo(m.email).map((mail) => mail.subject)).toContain('【門戶】帳號安全通知：密碼已變更');

    // The answer is single use: posting it again is refused.
    const replay = await b.json('/account/password/card', posted);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ error: 'ERR_CARD_CHALLENGE' });
  });

  it('changes the password with the card bound to the account', async () => {
    const m = await member({ displayName: '張志明', idNumber: 'E123456701' });
    const card = await citizenCard(ca.dir, { name: '張志明', id: 'E123456701' });
    const b = browser(t);
    expect(await cardLogin(b, card)).toEqual({ redirect: '/login/card/bind' });
    expect((await b.post('/login/card/bind', { account: m.accountName, password: PASSWORD })).headers.location).toBe('/account');

    const { body } = await cardService(b, '/account/password', '/account/password/card', card, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });

    expect(body).toEqual({ redirect: '/account/password?done=1' });
    expect(await passwordWorks(m, NEW_PASSWORD)).toBe(true);
  });

  it('refuses the card of someone else, and a reused password given with the right card', async () => {
    const m = await member({ displayName: '林大同', idNumber: 'F131104093' });
    const b = await signedIn(m);

    const stranger = await citizenCard(ca.dir, { name: '王美華', id: 'B220130183' });
    const refused = await cardService(b, '/account/password', '/account/password/card', stranger, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(refused.res.statusCode).toBe(403);
    expect(refused.body).toMatchObject({ error: 'ERR_CARD_NOT_HOLDER' });
    expect(refused.body.message).toContain('這張憑證沒有綁定這個帳號');
    expect(JSON.parse((await auditOf(m, 'account.password_change'))[0]!.detail!)).toMatchObject({ via: 'card', reason: 'not_holder' });

    // Same name, other person: the last four digits differ.
    const namesake = await citizenCard(ca.dir, { name: '林大同', id: 'A123456789' });
    expect((await cardService(b, '/account/password', '/account/password/card', namesake, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD })).res.statusCode).toBe(403);

    const own = await citizenCard(ca.dir, { name: '林大同', id: 'F131104093' });
    const reused = await cardService(b, '/account/password', '/account/password/card', own, { password: PASSWORD, passwordConfirm: PASSWORD });
    expect(reused.res.statusCode).toBe(400);
    expect(reused.body).toMatchObject({ error: 'ERR_PASSWORD_REUSED' });
    expect(await passwordWorks(m, PASSWORD)).toBe(true);
  });

  it('never receives the PIN: the card panel sends only the fields marked for it', async () => {
    const b = await signedIn(await member());
    const page = await b.get('/account/password');
    expect(page.body).toMatch(/<fieldset id="card-login"[^>]*data-card-post="\/account\/password\/card"/);
    expect(page.body).toMatch(/<input id="pin" name="pin"(?![^>]*data-card-field)[^>]*>/);
    expect(page.body).toMatch(/<input id="card-password" name="password" data-card-field/);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
  });
});

describe('變更電子郵件', () => {
  it('mails a link to the new address and tells the old one at once; the link changes the address once, proved, and both are told', async () => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/email');

    const res = await b.post('/account/email', { email: 'ＮＥＷ.Mei@example.tw' });

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('確認信已寄到 NEW.Mei@example.tw');
    const toNew = mailsTo('NEW.Mei@example.tw');
    expect(toNew.map((mail) => mail.subject)).toEqual(['【門戶】請確認新的電子郵件地址']);
    const told = mailsTo(m.email);
    expect(told.map((mail) => mail.subject)).toEqual(['【門戶】帳號的電子郵件地址即將更換']);
    expect(told[0]!.text).toContain('NEW.Mei@example.tw');
    // Until the link is used, nothing changes.
    expect((await t.platform.accounts.byId(m.id))!.email).toBe(m.email);

    const link = linkIn(toNew[0]!, '/account/email/confirm');
    expect(link.origin).toBe(CARD_SITE);
    const visitor = browser(t);
    const shown = await visitor.get(link.pathname + link.search);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('確認更換');
    expect((await t.platform.accounts.byId(m.id))!.email).toBe(m.email);

    const confirmed = await visitor.post('/account/email/confirm', { token: link.searchParams.get('token')! });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('帳號的電子郵件地址已改為 NEW.Mei@example.tw');
    const account = (await t.platform.accounts.byId(m.id))!;
    expect(account).toMatchObject({ email: 'NEW.Mei@example.tw', emailVerified: true });
    for (const address of [m.email, 'NEW.Mei@example.tw']) {
      expect(mailsTo(address).map((mail) => mail.subject), address).toContain('【門戶】帳號安全通知：電子郵件地址已變更');
    }
    expect((await auditOf(m, 'account.email_change')).map((r) => r.outcome)).toEqual(['success', 'info']);

    // The link works once.
    const replay = await visitor.post('/account/email/confirm', { token: link.searchParams.get('token')! });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('這個連結已失效');
  });

  it.each([
    ['not-an-address', '電子郵件格式不正確。'],
    ['a b@example.tw', '電子郵件格式不正確。'],
  ])('refuses the address %s and mails nothing', async (email, message) => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/email');
    const res = await b.post('/account/email', { email });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
    expect(res.body).toContain('aria-invalid="true"');
    expect(outbox(t.dataDir).filter((mail) => mail.to === m.email || mail.to === email)).toHaveLength(0);
  });

  it('refuses the current address, whatever its case', async () => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/email');
    const res = await b.post('/account/email', { email: m.email.toUpperCase() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('這就是目前的地址');
  });

  it('sends at most one change mail a minute; a later request makes the earlier link useless', async () => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/email');
    expect((await b.post('/account/email', { email: `first.${m.email}` })).statusCode).toBe(200);

    const soon = await b.post('/account/email', { email: `second.${m.email}` });
    expect(soon.statusCode).toBe(429);
    expect(soon.body).toContain('一分鐘內只能寄出一次確認信');
    expect(mailsTo(`second.${m.email}`)).toHaveLength(0);
    expect(mailsTo(m.email)).toHaveLength(1);

    clock.advance(MINUTE + 1000);
    await b.get('/account/email');
    expect((await b.post('/account/email', { email: `second.${m.email}` })).statusCode).toBe(200);

    const first = linkIn(mailsTo(`first.${m.email}`)[0]!, '/account/email/confirm');
    const visitor = browser(t);
    await visitor.get(first.pathname + first.search);
    expect((await visitor.post('/account/email/confirm', { token: first.searchParams.get('token')! })).statusCode).toBe(400);
    const second = linkIn(mailsTo(`second.${m.email}`)[0]!, '/account/email/confirm');
    await visitor.get(second.pathname + second.search);
    expect((await visitor.post('/account/email/confirm', { token: second.searchParams.get('token')! })).statusCode).toBe(200);
    expect((await t.platform.accounts.byId(m.id))!.email).toBe(`second.${m.email}`);
  });

  it('does not take an address another account uses, and says so only to whoever holds that mailbox', async () => {
    const owner = await member();
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/email');

    const res = await b.post('/account/email', { email: owner.email });
    // The page reads the same as for a free address.
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`確認信已寄到 ${owner.email}`);

    const link = linkIn(mailsTo(owner.email).at(-1)!, '/account/email/confirm');
    const holder = browser(t);
    await holder.get(link.pathname + link.search);
    const used = await holder.post('/account/email/confirm', { token: link.searchParams.get('token')! });
    expect(used.statusCode).toBe(409);
    expect(used.body).toContain('這個地址已是另一個門戶帳號的電子郵件地址');
    expect((await t.platform.accounts.byId(m.id))!.email).toBe(m.email);
  });

  it('refuses a made-up link', async () => {
    const visitor = browser(t);
    await visitor.get('/account/email/confirm?token=x');
    expect((await visitor.post('/account/email/confirm', { token: 'A'.repeat(43) })).statusCode).toBe(400);
    expect((await visitor.post('/account/email/confirm', { token: 'not a token' })).statusCode).toBe(400);
  });
});

describe('登入中的裝置', () => {
  const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
  const CHROME_ON_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

  it('lists the signed-in browsers with when, the browser and the address, marks this one, and signs out the others', async () => {
    const m = await member();
    const other = await member();
    const here = browserAt(FIREFOX_ON_WINDOWS, '203.0.113.10');
    const phone = browserAt(CHROME_ON_ANDROID, '198.51.100.20');
    for (const b of [phone, here]) {
      await b.get('/login');
      expect((await b.post('/login', { account: m.accountName, password: PASSWORD })).headers.location).toBe('/account');
    }
    const stranger = await signedIn(other);

    const page = await here.get('/account/sessions');
    expect(page.statusCode).toBe(200);
    const list = /<ul class="manage-list" id="session-list">(.*?)<\/ul>/s.exec(page.body)![1]!;
    const items = [...list.matchAll(/<li[^>]*>(.*?)<\/li>/gs)].map((match) => match[0]);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('data-current="true"');
    expect(items[0]).toContain('Firefox 128（Windows）（這個瀏覽器）');
    expect(items[0]).toContain('203.0.113.10');
    expect(items[1]).toContain('Chrome 126（Android）');
    expect(items[1]).toContain('198.51.100.20');
    expect(items[1]).toMatch(/民國\d+年/);

    const ended = await here.post('/account/sessions/end-others', {});
    expect(ended.statusCode).toBe(200);
    expect(ended.body).toContain('已登出其他 1 個登入。');
    expect(ended.body).toContain('目前只有這個瀏覽器登入。');
    expect((await phone.get('/account')).headers.location).toBe('/login');
    expect((await here.get('/account')).statusCode).toBe(200);
    // Another account's sessions are not touched.
    expect((await stranger.get('/account')).statusCode).toBe(200);
    expect(JSON.parse((await auditOf(m, 'account.sessions_end'))[0]!.detail!)).toEqual({ sessionsEnded: 1 });
  });

  it('lists a browser it cannot name by what it sent, and says what it does not know', async () => {
    const m = await member();
    const b = browserAt('LibreWolf-ish/1.0', '192.0.2.5');
    await b.get('/login');
    await b.post('/login', { account: m.accountName, password: PASSWORD });
    const page = await b.get('/account/sessions');
    expect(page.body).toContain('LibreWolf-ish/1.0（這個瀏覽器）');
    expect(page.body).toContain('192.0.2.5');
  });
});

describe('登入紀錄', () => {
  it('lists the account’s sign-in attempts newest first, with method, ROC time in Taiwan, address and result', async () => {
    const m = await member();
    const b = browserAt('Mozilla/5.0 Firefox/128.0', '203.0.113.77');
    clock.set(Date.parse('2026-12-01T01:28:00Z'));
    await b.get('/login');
    expect((await b.post('/login', { account: m.accountName, password: 'wrong password here' })).statusCode).toBe(401);
    clock.set(Date.parse('2026-12-01T01:30:00Z'));
    expect((await b.post('/login', { account: m.accountName, password: PASSWORD })).headers.location).toBe('/account');
    // Someone else's sign-in is not shown.
    await signedIn(await member());

    const page = await b.get('/account/history');

    expect(page.statusCode).toBe(200);
    const rows = [...page.body.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((r) => r.slice(1));
    expect(rows).toHaveLength(2);
    // 09:30 in Taipei (UTC+8), 民國115年.
    expect(rows[0]![0]).toContain('民國115年12月1日');
    expect(rows[0]![0]).toContain('09:30');
    expect(rows[0]!.slice(1)).toEqual(['帳號密碼', '203.0.113.77', '成功']);
    expect(rows[1]![0]).toContain('09:28');
    expect(rows[1]!.slice(1)).toEqual(['帳號密碼', '203.0.113.77', '失敗']);
  });

  it('shows a locked sign-in as locked', async () => {
    const m = await member();
    const b = browser(t);
    await b.get('/login');
    for (let i = 0; i < 5; i++) await b.post('/login', { account: m.accountName, password: `wrong ${i}` });
    await t.platform.locks.unlock(m.accountName);
    await signIn(b, m.accountName);
    const page = await b.get('/account/history');
    expect(page.body).toContain('<td>已鎖定</td>');
  });
});

describe('更正個人資料', () => {
  it('corrects the name and ID number of an account no card has verified: sealed again, audited, mailed', async () => {
    const m = await member();
    const b = await signedIn(m);
    const page = await b.get('/account/profile');
    expect(page.body).toContain('value="陳美玲"');
    expect(page.body).toContain('目前登記為 A*****6789');

    const res = await b.post('/account/profile', { displayName: '陳美鈴', idNumber: 'h223456706' });

    expect(res.headers.location).toBe('/account/profile?done=1');
    expect((await b.get('/account/profile?done=1')).body).toContain('個人資料已更正。');
    const found = (await t.platform.accounts.byName(m.accountName))!;
    expect(found.account).toMatchObject({ displayName: '陳美鈴', maskedId: 'H*****6706', idLast4: '6706', idVerified: false });
    expect(found.row.id_number_hash).toBe(lookupHash(t.platform.secrets.lookupHashKey, 'H223456706', ID_CONTEXT));
    expect(found.row.id_number_enc).not.toContain('H223456706');
    expect(JSON.parse((await auditOf(m, 'account.profile_change'))[0]!.detail!)).toEqual({ fields: ['displayName', 'idNumber'] });
    expect(mailsTo(m.email).map((mail) => mail.subject)).toEqual(['【門戶】帳號安全通知：個人資料已更正']);

    // An empty ID field keeps the number.
    await b.post('/account/profile', { displayName: '陳美玲', idNumber: '' });
    expect((await t.platform.accounts.byId(m.id))).toMatchObject({ displayName: '陳美玲', maskedId: 'H*****6706' });
  });

  it.each([
    [{ displayName: '陳美玲', idNumber: 'A123456788' }, '檢查碼不符'],
    [{ displayName: '陳美玲', idNumber: 'A1234' }, '格式不正確'],
    [{ displayName: '   ', idNumber: '' }, '姓名長度須為 1 至 50 個字'],
  ])('refuses %o, keeps what was typed and changes nothing', async (input, message) => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/profile');
    const res = await b.post('/account/profile', input);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
    if (input.idNumber) expect(res.body).toContain(`value="${input.idNumber}"`);
    expect((await t.platform.accounts.byId(m.id))).toMatchObject({ displayName: '陳美玲', maskedId: 'A*****6789' });
    expect(mailsTo(m.email)).toHaveLength(0);
  });

  it('shows a card-verified name and ID read-only with the reason, and refuses a correction', async () => {
    const m = await member({ displayName: '黃小玉', idNumber: 'K111111103' });
    const card = await citizenCard(ca.dir, { name: '黃小玉', id: 'K111111103' });
    const b = browser(t);
    await cardLogin(b, card);
    expect((await b.post('/login/card/bind', { account: m.accountName, password: PASSWORD })).headers.location).toBe('/account');

    const page = await b.get('/account/profile');
    expect(page.body).toContain('已由自然人憑證驗證，必須與憑證上的資料一致');
    expect(page.body).not.toContain('name="idNumber"');
    expect(page.body).toContain('K*****1103');

    const res = await b.post('/account/profile', { displayName: '黃小王', idNumber: 'A123456789' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('姓名與身分證統一編號已由自然人憑證驗證，不能更改。');
    expect(await t.platform.accounts.byId(m.id)).toMatchObject({ displayName: '黃小玉', maskedId: 'K*****1103' });
    expect(JSON.parse((await auditOf(m, 'account.profile_change'))[0]!.detail!)).toEqual({ reason: 'id_verified' });
  });
});

describe('刪除帳號', () => {
  it('says what is deleted and what the audit trail keeps', async () => {
    const b = await signedIn(await member());
    const page = await b.get('/account/delete');
    expect(page.body).toContain('會刪除：');
    expect(page.body).toContain('會保留：依法令須保存的稽核紀錄');
    expect(page.body).toContain('個人資料保護法');
  });

  it('refuses a wrong password or a wrong account name, and deletes nothing', async () => {
    const m = await member();
    const b = await signedIn(m);
    await b.get('/account/delete');

    const wrongPassword = await b.post('/account/delete', { password: 'not it', accountName: m.accountName });
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.body).toContain('目前的密碼不正確。');
    const wrongName = await b.post('/account/delete', { password: PASSWORD, accountName: `${m.accountName}x` });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.body).toContain('輸入的帳號名稱不符。');

    expect(await t.platform.accounts.byId(m.id)).toBeDefined();
    expect((await b.get('/account')).statusCode).toBe(200);
    expect((await auditOf(m, 'account.delete')).map((r) => JSON.parse(r.detail!).reason)).toEqual(['name_differs', 'password']);
    expect(mailsTo(m.email)).toHaveLength(0);
  });

  it('deletes the account after its password and name: mailed first, every session ended, rows gone, the audit trail kept', async () => {
    const m = await member({ displayName: '吳家豪', idNumber: 'A123456707' });
    const card = await citizenCard(ca.dir, { name: '吳家豪', id: 'A123456707' });
    const b = browser(t);
    await cardLogin(b, card);
    expect((await b.post('/login/card/bind', { account: m.accountName, password: PASSWORD })).headers.location).toBe('/account');
    const elsewhere = await signedIn(m);
    await b.get('/account/delete');

    const res = await b.post('/account/delete', { password: PASSWORD, accountName: m.accountName.toUpperCase() });

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('帳號已刪除');
    expect(res.body).toContain('再見');
    expect(setCookie(res.headers, 'menhu_sid')?.attributes).toContain('1970');
    expect(mailsTo(m.email).map((mail) => mail.subject)).toContain('【門戶】帳號安全通知：帳號已刪除');
    expect(await t.platform.accounts.byId(m.id)).toBeUndefined();
    expect(await t.platform.cardLogin!.cardsOf(m.id)).toEqual([]);
    const tokens = await t.platform.store.db.selectFrom('email_tokens').select('token_hash').where('account_id', '=', m.id).execute();
    expect(tokens).toEqual([]);
    expect((await elsewhere.get('/account')).headers.location).toBe('/login');
    expect((await b.get('/account')).headers.location).toBe('/login');
    // The trail keeps its rows under the account id, the deletion among them.
    expect((await auditOf(m, 'account.delete'))[0]).toMatchObject({ outcome: 'success', account_id: m.id });
    expect((await auditOf(m, 'card.bind')).length).toBe(1);
    // The name can no longer sign in; the card finds no account.
    expect(await passwordWorks(m, PASSWORD)).toBe(false);
    expect(await cardLogin(browser(t), card)).toEqual({ redirect: '/login/card/bind' });
  });
});
