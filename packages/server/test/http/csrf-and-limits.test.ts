import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, setCookie, csrfFrom, type TestApp } from '../support/platform';

describe('CSRF protection', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t.close());

  async function visit() {
    const res = await t.app.inject('/login');
    const sid = setCookie(res.headers, 'menhu_sid')!.value;
    return { cookies: { menhu_sid: sid }, token: csrfFrom(res.body) };
  }

  it('puts a token in every form of the login page', async () => {
    const res = await t.app.inject('/login');
    const forms = res.body.match(/<form[\s\S]*?<\/form>/g) ?? [];
    expect(forms.length).toBeGreaterThan(0);
    for (const form of forms) expect(form).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
  });

  it('refuses a form post without a token, in the reader’s language, before the handler runs', async () => {
    const { cookies } = await visit();
    const res = await t.app.inject({ method: 'POST', url: '/login', cookies, payload: { account: 'a', password: 'b' } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('表單已失效');
    const en = await t.app.inject({ method: 'POST', url: '/login', cookies, headers: { 'accept-language': 'en' }, payload: { account: 'a' } });
    expect(en.body).toContain('The form is no longer valid');
  });

  it('refuses a token from another session', async () => {
    const mine = await visit();
    const theirs = await visit();
    const res = await t.app.inject({ method: 'POST', url: '/session/extend', cookies: mine.cookies, headers: { 'x-csrf-token': theirs.token, accept: 'application/json' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'ERR_CSRF' });
  });

  it('refuses a post from a browser with no session at all', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/session/extend', headers: { 'x-csrf-token': 'x'.repeat(43), accept: 'application/json' } });
    expect(res.statusCode).toBe(403);
  });

  it('accepts the session’s own token, as a form field or a header', async () => {
    const { cookies, token } = await visit();
    const header = await t.app.inject({ method: 'POST', url: '/session/extend', cookies, headers: { 'x-csrf-token': token, accept: 'application/json' } });
    expect(header.statusCode).toBe(200);
    const form = await t.app.inject({ method: 'POST', url: '/login', cookies, payload: { _csrf: token, account: 'citizen', password: 'secret' } });
    // Past the CSRF check, the password method answers.
    expect(form.statusCode).toBe(401);
    expect(form.body).toContain('帳號或密碼錯誤');
  });
});

describe('request size limits', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t.close());

  async function visit() {
    const res = await t.app.inject('/login');
    return { cookies: { menhu_sid: setCookie(res.headers, 'menhu_sid')!.value }, token: csrfFrom(res.body) };
  }

  it('refuses a body over 64 KiB with a message in the reader’s language', async () => {
    const { cookies, token } = await visit();
    const payload = `_csrf=${token}&account=${'a'.repeat(70 * 1024)}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const zh = await t.app.inject({ method: 'POST', url: '/login', cookies, headers, payload });
    expect(zh.statusCode).toBe(413);
    expect(zh.body).toContain('送出的資料太大');
    const en = await t.app.inject({ method: 'POST', url: '/login', cookies, headers: { ...headers, 'accept-language': 'en' }, payload });
    expect(en.body).toContain('too large');
  });

  it('refuses a field longer than the form allows, naming the field and the limit', async () => {
    const { cookies, token } = await visit();
    const res = await t.app.inject({ method: 'POST', url: '/login', cookies, payload: { _csrf: token, account: 'a', password: 'p'.repeat(300) } });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('「password」的內容太長，最多 256 個字');
  });

  it('refuses repeated fields instead of guessing which one was meant', async () => {
    const { cookies, token } = await visit();
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}&account=a&account=b`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('格式不正確');
  });

  it('refuses a content type no form sends', async () => {
    const { cookies, token } = await visit();
    const res = await t.app.inject({ method: 'POST', url: '/login', cookies, headers: { 'content-type': 'application/xml', 'x-csrf-token': token }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('格式不受支援');
  });
});

describe('rate limits per client address', () => {
  it('slow a flood from one address with a message saying how long to wait', async () => {
    const t = await testApp({ env: { RATE_LIMIT_PER_MINUTE: '10' } });
    try {
      for (let i = 0; i < 10; i++) expect((await t.app.inject('/help')).statusCode).toBe(200);
      const res = await t.app.inject('/help');
      expect(res.statusCode).toBe(429);
      expect(res.body).toMatch(/請稍候 \d+ 秒再試/);
    } finally {
      await t.close();
    }
  });

  it('believe X-Forwarded-For only from a trusted proxy', async () => {
    const trusting = await testApp({ env: { RATE_LIMIT_PER_MINUTE: '10', TRUSTED_PROXIES: '127.0.0.1' } });
    const untrusting = await testApp({ env: { RATE_LIMIT_PER_MINUTE: '10' } });
    try {
      const statuses = async (t: TestApp) => {
        const out: number[] = [];
        for (let i = 0; i < 12; i++) {
          out.push((await t.app.inject({ url: '/help', headers: { 'x-forwarded-for': `203.0.113.${i}` } })).statusCode);
        }
        return out;
      };
      // Behind the trusted proxy each citizen has their own allowance…
      expect(await statuses(trusting)).not.toContain(429);
      // …while an untrusted header is ignored: it all comes from one address.
      expect(await statuses(untrusting)).toContain(429);
    } finally {
      await trusting.close();
      await untrusting.close();
    }
  });
});
