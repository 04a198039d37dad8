import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/platform';
import { browser } from '../support/http-browser';
import { outbox, linkIn } from '../support/mail';

const MIN = 60_000;

const GOOD = {
  accountName: 'chen.mei',
  password: '藍色海洋 sailing 2026',
  passwordConfirm: '藍色海洋 sailing 2026',
  displayName: '陳美玲',
  idNumber: 'A123456789',
  email: 'mei@example.tw',
  consent: 'yes',
};

async function registerAndActivate(t: TestApp, overrides: Partial<typeof GOOD> = {}) {
  const b = browser(t);
  await b.get('/register');
  const res = await b.post('/register', { ...GOOD, ...overrides });
  expect(res.statusCode, res.body).toBe(200);
  const mail = outbox(t.dataDir).at(-1)!;
  const link = linkIn(mail, '/activate/email');
  await b.get(link.pathname + link.search);
  const done = await b.post('/activate/email', { token: link.searchParams.get('token')! });
  expect(done.statusCode).toBe(200);
  return b;
}

describe('registration (加入會員)', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp({ env: { PUBLIC_URL: 'http://login.test:8080' } })));
  afterAll(() => t.close());

  it('shows the form with every field labelled, the personal-data notice and the consent box', async () => {
    const { body } = await browser(t).get('/register');
    for (const [id, label] of [['accountName', '帳號'], ['password', '密碼'], ['passwordConfirm', '確認密碼'], ['displayName', '姓名'], ['idNumber', '身分證統一編號'], ['email', '電子郵件']]) {
      expect(body).toContain(`<label for="${id}">${label}</label>`);
    }
    expect(body).toContain('個人資料蒐集告知');
    expect(body).toContain('個人資料保護法');
    expect(body).toMatch(/<input type="checkbox" id="consent" name="consent"/);
  });

  it('creates a pending account and mails an activation link built from PUBLIC_URL', async () => {
    const b = browser(t);
    await b.get('/register');
    const res = await b.post('/register', { ...GOOD, accountName: 'ＬＩＮ.Wei', email: 'wei@example.tw' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('我們已寄出一封啟用信到 wei@example.tw');
    const mail = outbox(t.dataDir).at(-1)!;
    expect(mail.to).toBe('wei@example.tw');
    expect(mail.subject).toBe('【門戶】請啟用您的帳號');
    expect(mail.text).toContain('陳美玲 您好');
    expect(mail.text).toContain('帳號：lin.wei');
    const link = linkIn(mail, '/activate/email');
    expect(link.origin).toBe('http://login.test:8080');
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const found = await t.platform.accounts.byName('lin.wei');
    expect(found?.account.status).toBe('pending');
    expect(found?.account.maskedId).toBe('A*****6789');
    expect(found?.account.idVerified).toBe(false);
    // The ID number is stored sealed, never in clear.
    expect(found?.row.id_number_enc).not.toContain('A123456789');
    expect(found?.row.id_number_last4).toBe('6789');
  });

  it('refuses a taken account name, whatever its width or case', async () => {
    const b = browser(t);
    await b.get('/register');
    await b.post('/register', { ...GOOD, accountName: 'taken01', email: 'first@example.tw' });
    await b.get('/register');
    const res = await b.post('/register', { ...GOOD, accountName: 'ＴＡＫＥＮ01', email: 'second@example.tw' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('這個帳號已有人使用');
  });

  it('does not reveal a taken e-mail address on screen, and mails its owner instead', async () => {
    const b = browser(t);
    await b.get('/register');
    await b.post('/register', { ...GOOD, accountName: 'owner01', email: 'owner@example.tw' });
    const before = outbox(t.dataDir).length;
    await b.get('/register');
    const res = await b.post('/register', { ...GOOD, accountName: 'someone02', email: 'OWNER@example.tw' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('我們已寄出一封啟用信到 OWNER@example.tw');
    const mails = outbox(t.dataDir).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe('owner@example.tw');
    expect(mails[0]!.subject).toBe('【門戶】有人以您的電子郵件申請帳號');
    expect(await t.platform.accounts.byName('someone02')).toBeUndefined();
  });

  it.each([
    [{ idNumber: 'A123456788' }, '檢查碼不符'],
    [{ idNumber: 'A1234' }, '格式不正確'],
    [{ password: 'password1', passwordConfirm: 'password1' }, '這個密碼太常見'],
    [{ password: 'short', passwordConfirm: 'short' }, '密碼至少需要 8 個字元'],
    [{ password: 'xx-chen.mei-xx', passwordConfirm: 'xx-chen.mei-xx' }, '密碼不可包含帳號'],
    [{ passwordConfirm: 'something else' }, '兩次輸入的密碼不一致'],
    [{ accountName: 'ab' }, '帳號須為 4 至 30 個字元'],
    [{ accountName: '陳美玲的帳號' }, '帳號只能使用英文字母'],
    [{ email: 'not-an-address' }, '電子郵件格式不正確'],
    [{ consent: '' }, '請閱讀並勾選同意'],
  ])('refuses %o with a message on the field, keeps what was typed except passwords, and creates nothing', async (change, message) => {
    const b = browser(t);
    await b.get('/register');
    const before = outbox(t.dataDir).length;
    const res = await b.post('/register', { ...GOOD, accountName: 'chen.mei', ...change });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('value="陳美玲"');
    expect(res.body).not.toContain(GOOD.password);
    expect(outbox(t.dataDir).length).toBe(before);
    expect(await t.platform.accounts.byName((change as { accountName?: string }).accountName ?? 'chen.mei')).toBeUndefined();
  });

  it('accepts a new-format resident certificate number and full-width digits', async () => {
    const b = browser(t);
    await b.get('/register');
    const res = await b.post('/register', { ...GOOD, accountName: 'resident01', email: 'res@example.tw', idNumber: 'Ａ８００００００１４' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.platform.accounts.byName('resident01'))?.account.maskedId).toBe('A*****0014');
  });

  it('refuses a post without the form token and writes nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/register', payload: { ...GOOD, accountName: 'nocsrf01' } });
    expect(res.statusCode).toBe(403);
    expect(await t.platform.accounts.byName('nocsrf01')).toBeUndefined();
  });
});

describe('activation by e-mail link', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t.close());

  it('shows a button on GET and activates only on POST, so a mail scanner cannot use the link up', async () => {
    const b = browser(t);
    await b.get('/register');
    await b.post('/register', { ...GOOD, accountName: 'scan01', email: 'scan@example.tw' });
    const link = linkIn(outbox(t.dataDir).at(-1)!, '/activate/email');
    const page = await b.get(link.pathname + link.search);
    expect(page.body).toContain('<button type="submit" class="button button--primary">啟用帳號</button>');
    await b.get(link.pathname + link.search);
    expect((await t.platform.accounts.byName('scan01'))?.account.status).toBe('pending');
    const done = await b.post('/activate/email', { token: link.searchParams.get('token')! });
    expect(done.body).toContain('帳號已啟用');
    expect((await t.platform.accounts.byName('scan01'))?.account.status).toBe('active');
  });

  it('works once: a used link is refused', async () => {
    const b = browser(t);
    await b.get('/register');
    await b.post('/register', { ...GOOD, accountName: 'once01', email: 'once@example.tw' });
    const token = linkIn(outbox(t.dataDir).at(-1)!, '/activate/email').searchParams.get('token')!;
    await b.get('/activate/email?token=' + token);
    expect((await b.post('/activate/email', { token })).statusCode).toBe(200);
    const again = await b.post('/activate/email', { token });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('這個連結已失效');
  });

  it('expires after 24 hours', async () => {
    const b = browser(t);
    await b.get('/register');
    await b.post('/register', { ...GOOD, accountName: 'late01', email: 'late@example.tw' });
    const token = linkIn(outbox(t.dataDir).at(-1)!, '/activate/email').searchParams.get('token')!;
    t.clock.advance(24 * 60 * MIN + 1000);
    await b.get('/activate/email?token=' + token);
    const res = await b.post('/activate/email', { token });
    expect(res.statusCode).toBe(400);
    expect((await t.platform.accounts.byName('late01'))?.account.status).toBe('pending');
  });
});

describe('password sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await registerAndActivate(t);
  });
  afterAll(() => t.close());

  it('signs in, renews the session, and shows 我的帳戶 with the masked ID, method, time and level', async () => {
    const b = browser(t);
    await b.get('/login');
    const before = b.cookies().menhu_sid;
    const res = await b.post('/login', { account: 'Chen.Mei', password: GOOD.password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    expect(b.cookies().menhu_sid).not.toBe(before);
    const page = await b.get('/account');
    expect(page.body).toContain('陳美玲');
    expect(page.body).toContain('A*****6789（未驗證，僅為註冊時填寫）');
    expect(page.body).toContain('帳號密碼');
    expect(page.body).toContain('民國115年11月28日 10:00');
    expect(page.body).toContain('低（帳號密碼）');
    const session = await t.platform.sessions.lookup(b.cookies().menhu_sid);
    expect(session.state === 'active' && session.session.record).toMatchObject({ acr: 'low', amr: ['pwd'], authTime: Math.floor(t.clock.now() / 1000) });
  });

  it('accepts the password in the width it was set (NFKC)', async () => {
    const b = browser(t);
    await b.get('/login');
    const res = await b.post('/login', { account: 'chen.mei', password: '藍色海洋 ｓａｉｌｉｎｇ ２０２６' });
    expect(res.statusCode).toBe(303);
  });

  it('gives one message for a wrong password and for an unknown account', async () => {
    const b = browser(t);
    await b.get('/login');
    const wrong = await b.post('/login', { account: 'chen.mei', password: 'not the password' });
    const unknown = await b.post('/login', { account: 'nobody.here', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = (html: string) => /id="login-notice"[^>]*>([^<]+)</.exec(html)?.[1];
    expect(message(wrong.body)).toBe('帳號或密碼錯誤。');
    expect(message(unknown.body)).toBe(message(wrong.body));
    await t.platform.locks.unlock('chen.mei');
    await t.platform.locks.unlock('nobody.here');
  });

  it('signs out: the session ends and 我的帳戶 is no longer reachable with the old cookie', async () => {
    const b = browser(t);
    await b.get('/login');
    await b.post('/login', { account: 'chen.mei', password: GOOD.password });
    const cookie = b.cookies().menhu_sid!;
    await b.get('/account');
    const out = await b.post('/logout', {});
    expect(out.headers.location).toBe('/login?bye=1');
    expect((await b.get('/login?bye=1')).body).toContain('您已登出');
    const old = await t.app.inject({ url: '/account', cookies: { menhu_sid: cookie } });
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toBe('/login');
  });

  it('tells a not-activated account so only after its correct password, and resends the link', async () => {
    const b = browser(t);
    await b.get('/register');
    await b.post('/register', { ...GOOD, accountName: 'pending01', email: 'pending@example.tw' });
    await b.get('/login');
    const wrong = await b.post('/login', { account: 'pending01', password: 'wrong password here' });
    expect(wrong.body).toContain('帳號或密碼錯誤');
    const right = await b.post('/login', { account: 'pending01', password: GOOD.password });
    expect(right.statusCode).toBe(403);
    expect(right.body).toContain('帳號尚未啟用');
    const before = outbox(t.dataDir).length;
    // Within a minute of the first mail nothing is sent, and the page says so.
    expect((await b.post('/activate/resend', {})).body).toContain('這次沒有再寄');
    expect(outbox(t.dataDir).length).toBe(before);
    t.clock.advance(2 * MIN);
    const resent = await b.post('/activate/resend', {});
    expect(resent.body).toContain('已重新寄出啟用信');
    const mails = outbox(t.dataDir).slice(before);
    expect(mails.map((m) => m.to)).toEqual(['pending@example.tw']);
    // The new link activates the account.
    const link = linkIn(mails[0]!, '/activate/email');
    await b.get(link.pathname + link.search);
    expect((await b.post('/activate/email', { token: link.searchParams.get('token')! })).statusCode).toBe(200);
    expect((await t.platform.accounts.byName('pending01'))?.account.status).toBe('active');
  });

  it('sends no activation mail to a browser that did not give the account’s password', async () => {
    const b = browser(t);
    await b.get('/login');
    const res = await b.post('/activate/resend', {});
    expect(res.statusCode).toBe(403);
  });
});

describe('locks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await registerAndActivate(t, { accountName: 'lock.me', email: 'lock@example.tw' });
  });
  afterAll(() => t.close());

  async function attempt(account: string, password: string) {
    const b = browser(t);
    await b.get('/login');
    return b.post('/login', { account, password });
  }

  it('lock a name after five failures, answering 鎖定 even to the right password, for 15 minutes', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('lock.me', `wrong ${i}`)).body).toContain('帳號或密碼錯誤');
    expect((await attempt('lock.me', 'wrong 5')).body).toContain('鎖定');
    const right = await attempt('lock.me', GOOD.password);
    expect(right.body).toContain('鎖定');
    expect(right.body).toContain('15 分鐘後再試');
    t.clock.advance(15 * MIN);
    expect((await attempt('lock.me', GOOD.password)).statusCode).toBe(303);
  });

  it('double the lock when it happens again', async () => {
    for (let i = 0; i < 5; i++) await attempt('lock.me', `wrong ${i}`);
    expect((await attempt('lock.me', GOOD.password)).body).toContain('15 分鐘後再試');
    t.clock.advance(15 * MIN);
    for (let i = 0; i < 5; i++) await attempt('lock.me', `wrong ${i}`);
    expect((await attempt('lock.me', GOOD.password)).body).toContain('30 分鐘後再試');
    t.clock.advance(30 * MIN);
    expect((await attempt('lock.me', GOOD.password)).statusCode).toBe(303);
  });

  it('lock unknown names the same way, so a lock tells nothing about whether a name exists', async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    await registerAndActivate(t, { accountName: 'known.two', email: 'k2@example.tw' });
    for (let i = 0; i < 6; i++) {
      known.push(/id="login-notice"[^>]*>([^<]+)</.exec((await attempt('known.two', `wrong ${i}`)).body)![1]!);
      unknown.push(/id="login-notice"[^>]*>([^<]+)</.exec((await attempt('ghost.two', `wrong ${i}`)).body)![1]!);
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toContain('鎖定');
  });

  it('forget old failures: four failures a day apart never lock', async () => {
    await registerAndActivate(t, { accountName: 'slow.typist', email: 'slow@example.tw' });
    for (let day = 0; day < 3; day++) {
      for (let i = 0; i < 4; i++) await attempt('slow.typist', 'wrong');
      t.clock.advance(24 * 60 * MIN + MIN);
    }
    expect((await attempt('slow.typist', GOOD.password)).statusCode).toBe(303);
  });

  it('let no more than five passwords of a burst be checked before the lock lands', async () => {
    await registerAndActivate(t, { accountName: 'burst.target', email: 'burst@example.tw' });
    const browsers = await Promise.all(Array.from({ length: 12 }, async () => {
      const b = browser(t);
      await b.get('/login');
      return b;
    }));
    const answers = await Promise.all(browsers.map((b, i) => b.post('/login', { account: 'burst.target', password: `guess number ${i}` })));
    expect(answers.every((r) => r.statusCode === 401)).toBe(true);
    const checked = (await t.platform.audit.list({ event: 'login.password', outcome: 'failure', limit: 1000 })).filter((e) => e.detail?.includes('"account_name":"burst.target"'));
    expect(checked.length).toBeLessThanOrEqual(5);
    expect((await attempt('burst.target', GOOD.password)).body).toContain('鎖定');
  });

  it('are audited: each failure, the lock, and the refusals while locked', async () => {
    const events = await t.platform.audit.list({ limit: 1000 });
    const forLockMe = events.filter((e) => e.detail?.includes('"account_name":"lock.me"'));
    expect(forLockMe.some((e) => e.event === 'login.lock')).toBe(true);
    expect(forLockMe.some((e) => e.event === 'login.password' && e.outcome === 'refused' && e.detail!.includes('locked'))).toBe(true);
    expect(forLockMe.some((e) => e.event === 'login.password' && e.outcome === 'failure')).toBe(true);
    expect(forLockMe.every((e) => e.ip === '127.0.0.1')).toBe(true);
  });
});

describe('the audit trail of an account’s life', () => {
  it('records registration, activation, sign-in, failure and sign-out with time, address and browser', async () => {
    const t = await testApp();
    try {
      const b = await registerAndActivate(t, { accountName: 'audit.me', email: 'audit@example.tw' });
      await b.get('/login');
      await b.post('/login', { account: 'audit.me', password: 'wrong password' });
      await b.post('/login', { account: 'audit.me', password: GOOD.password });
      await b.get('/account');
      await b.post('/logout', {});
      const id = (await t.platform.accounts.byName('audit.me'))!.account.id;
      const rows = (await t.platform.audit.list({ accountId: id, limit: 50 })).reverse();
      expect(rows.map((r) => `${r.event}:${r.outcome}`)).toEqual([
        'account.register:success',
        'account.activate:success',
        'login.password:failure',
        'login.password:success',
        'logout:success',
      ]);
      for (const r of rows) {
        expect(r.at).toBe(t.clock.now());
        expect(r.ip).toBe('127.0.0.1');
        expect(r.user_agent).toBe('lightMyRequest');
        // No password or ID number ever reaches the trail.
        expect(JSON.stringify(r)).not.toContain(GOOD.password);
        expect(JSON.stringify(r)).not.toContain('A123456789');
      }
    } finally {
      await t.close();
    }
  });
});
