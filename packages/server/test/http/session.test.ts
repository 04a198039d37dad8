import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, setCookie, csrfFrom, type TestApp } from '../support/platform';

const MIN = 60_000;

describe('session time-outs as the browser sees them', () => {
  let t: TestApp;
  // 20 minutes idle, 8 hours at most, warning 2 minutes before: the defaults.
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t.close());

  async function visit() {
    const res = await t.app.inject('/login');
    return { cookies: { menhu_sid: setCookie(res.headers, 'menhu_sid')!.value }, token: csrfFrom(res.body), body: res.body };
  }
  const status = async (cookies: Record<string, string>) => (await t.app.inject({ url: '/session/status', cookies })).json();
  const extend = (cookies: Record<string, string>, token: string) =>
    t.app.inject({ method: 'POST', url: '/session/extend', cookies, headers: { 'x-csrf-token': token, accept: 'application/json' } });

  it('tells the page how long is left and when to warn', async () => {
    const { body, cookies } = await visit();
    expect(body).toContain('data-session-expires-in="1200"');
    expect(body).toContain('data-session-warn-before="120"');
    expect(body).toContain('<dialog id="session-timeout"');
    expect(await status(cookies)).toEqual({ active: true, expiresIn: 1200, signedIn: false });
  });

  it('ends a session left idle past the time-out, and clears its cookie', async () => {
    const { cookies } = await visit();
    t.clock.advance(20 * MIN);
    const res = await t.app.inject({ url: '/session/status', cookies });
    expect(res.json()).toEqual({ active: false });
    expect(setCookie(res.headers, 'menhu_sid')?.attributes).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('does not count a status check as activity', async () => {
    const { cookies } = await visit();
    t.clock.advance(10 * MIN);
    expect((await status(cookies)).expiresIn).toBe(600);
    t.clock.advance(10 * MIN);
    expect((await status(cookies)).active).toBe(false);
  });

  it('counts “stay signed in” as activity and restarts the idle time', async () => {
    const { cookies, token } = await visit();
    t.clock.advance(19 * MIN);
    const res = await extend(cookies, token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ active: true, expiresIn: 1200 });
    t.clock.advance(15 * MIN);
    expect((await status(cookies)).active).toBe(true);
  });

  it('ends a session at the absolute limit however active it is', async () => {
    const { cookies, token } = await visit();
    for (let i = 0; i < 8 * 4 - 1; i++) {
      t.clock.advance(15 * MIN);
      expect((await extend(cookies, token)).statusCode).toBe(200);
    }
    // 7 h 45 min in: at most 15 minutes left, however recent the activity.
    expect((await status(cookies)).expiresIn).toBe(15 * 60);
    t.clock.advance(15 * MIN);
    expect((await status(cookies)).active).toBe(false);
  });

  it('tells a form sent after the time-out that the session ended, and starts a fresh one on the next page', async () => {
    const { cookies, token } = await visit();
    t.clock.advance(21 * MIN);
    const res = await extend(cookies, token);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'ERR_SESSION_EXPIRED' });
    const again = await t.app.inject({ url: '/login', cookies });
    expect(setCookie(again.headers, 'menhu_sid')?.value).not.toBe(cookies.menhu_sid);
  });
});
