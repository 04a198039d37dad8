/**
 * 軟體式動態密碼 (TOTP, RFC 6238) over HTTP: enrolment in 我的帳戶, the sign-in step after the password, the
 * recovery codes, the pause after wrong codes, turning it off. Codes come from oathtool (OATH Toolkit), an
 * independent implementation, told the platform's manual clock time with `--now`.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRocDateTime } from '@menhu/protocol';
import { createAttemptLimits } from '../../src/services/attempt-limits';
import { createAudit } from '../../src/services/audit';
import type { SecurityChange } from '../../src/services/security-mail';
import { ENROLMENT_LIFETIME_MS, createTotp } from '../../src/services/totp';
import { manualClock, testApp, type TestApp } from '../support/platform';
import { browser } from '../support/http-browser';
import { linkIn, outbox } from '../support/mail';
import { OATHTOOL, oathtoolAvailable } from '../support/services';
import { storageEngines, useStore } from '../storage/engines';

const haveOathtool = await oathtoolAvailable();
const engines = await storageEngines();

const MIN = 60_000;
/** RFC 6238 §4: X = 30 seconds. */
const STEP = 30_000;
const PASSWORD = '藍色海洋 sailing 2026';

type Browser = ReturnType<typeof browser>;

/** The code an authenticator app shows for `base32` at `atMs`, as oathtool makes it. */
function oathtool(base32: string, atMs: number): string {
  return execFileSync(OATHTOOL, ['--totp', '-b', '--now', `@${Math.floor(atMs / 1000)}`, base32], { encoding: 'utf8' }).trim();
}

/** The typed key as the enrolment page shows it (grouped), without the spaces. */
function keyOn(html: string): string {
  const match = /<code id="totp-key">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!match?.[1]) throw new Error('no typed key on the page');
  return match[1].replace(/ /g, '');
}

function recoveryCodesOn(html: string): string[] {
  const list = /<ol id="recovery-codes">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<code>([A-Z0-9-]+)<\/code>/g)].map((m) => m[1]!);
}

function mailsTo(t: TestApp, email: string) {
  return outbox(t.dataDir).filter((m) => m.to.includes(email));
}

/** A registered, activated account, signed in with its password in a fresh browser. */
async function citizen(t: TestApp, accountName: string, lang?: string): Promise<Browser> {
  const email = `${accountName}@example.tw`;
  const b = browser(t, lang);
  await b.get('/register');
  const res = await b.post('/register', {
    accountName,
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    displayName: '陳美玲',
    idNumber: 'A123456789',
    email,
    consent: 'yes',
  });
  expect(res.statusCode, res.body).toBe(200);
  const link = linkIn(mailsTo(t, email).at(-1)!, '/activate/email');
  await b.get(link.pathname + link.search);
  expect((await b.post('/activate/email', { token: link.searchParams.get('token')! })).statusCode).toBe(200);
  await signInWithPassword(b, accountName);
  return b;
}

async function signInWithPassword(b: Browser, accountName: string) {
  await b.get('/login');
  return b.post('/login', { account: accountName, password: PASSWORD });
}

/** Turns TOTP on from 我的帳戶; the key (as the app holds it) and the recovery codes. */
async function enrol(t: TestApp, b: Browser, options: { everySignIn?: boolean } = {}): Promise<{ key: string; codes: string[] }> {
  const page = await b.get('/account/totp');
  expect(page.statusCode, page.body).toBe(200);
  const key = keyOn(page.body);
  const done = await b.post('/account/totp/confirm', { code: oathtool(key, t.clock.now()), ...(options.everySignIn === false ? {} : { everySignIn: 'yes' }) });
  expect(done.statusCode, done.body).toBe(200);
  const codes = recoveryCodesOn(done.body);
  expect(codes).toHaveLength(10);
  return { key, codes };
}

async function sessionOf(t: TestApp, b: Browser) {
  const found = await t.platform.sessions.lookup(b.cookies().menhu_sid);
  return found.state === 'active' ? found.session.record : undefined;
}

async function accountId(t: TestApp, accountName: string): Promise<string> {
  return (await t.platform.accounts.byName(accountName))!.account.id;
}

describe.skipIf(!haveOathtool)('軟體式動態密碼 (TOTP)', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t?.close());

  /** A new step: each test's codes are then unused ones. */
  const nextStep = () => t.clock.advance(STEP);

  it('enrolment shows the QR code (with an accessible name) and the typed key, and stays off until a correct code confirms it', async () => {
    const b = await citizen(t, 'enrol.one');
    const page = await b.get('/account/totp');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="totp-qr-title"/);
    expect(page.body).toContain('<title id="totp-qr-title">將本網站加入驗證器 App 的 QR Code（無法掃描時，請使用下方的金鑰）</title>');
    const key = keyOn(page.body);
    expect(key).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes in base32 (RFC 4648 §6)
    expect(page.body).toMatch(/<code id="totp-key">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<\/code>/);
    // A reload shows the same key, so an app that already scanned it still fits.
    expect(keyOn((await b.get('/account/totp')).body)).toBe(key);

    const id = await accountId(t, 'enrol.one');
    expect(await t.platform.totp.status(id)).toEqual({ state: 'off' });
    // Not in use yet: its code proves nothing, and a password sign-in is not asked for one.
    expect(await t.platform.totp.verify(id, oathtool(key, t.clock.now()))).toEqual({ verified: false, reason: 'off' });
    const other = browser(t);
    expect((await signInWithPassword(other, 'enrol.one')).headers.location).toBe('/account');

    const wrong = await b.post('/account/totp/confirm', { code: '000000', everySignIn: 'yes' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('動態密碼或備用代碼不正確');
    expect(await t.platform.totp.status(id)).toEqual({ state: 'off' });

    const done = await b.post('/account/totp/confirm', { code: oathtool(key, t.clock.now()), everySignIn: 'yes' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('軟體式動態密碼已啟用');
    expect(done.body).toContain('只會顯示這一次');
    const codes = recoveryCodesOn(done.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    expect(await t.platform.totp.status(id)).toMatchObject({ state: 'on', everySignIn: true, recoveryCodesLeft: 10 });

    const mail = mailsTo(t, 'enrol.one@example.tw').at(-1)!;
    expect(mail.subject).toBe('【門戶】帳號安全通知：已啟用軟體式動態密碼（TOTP）');
    const audit = await t.platform.audit.list({ accountId: id, eventPrefix: 'totp.enable' });
    expect(audit.map((r) => r.outcome)).toEqual(['success']);
    // On: the settings page manages it now, and shows no key.
    const on = await b.get('/account/totp');
    expect(on.body).toContain('已啟用');
    expect(on.body).not.toContain('id="totp-key"');
  });

  it('carries the secret in an otpauth URI for authenticator apps: issuer 門戶, the account name, SHA1, 6 digits, 30 s', async () => {
    await citizen(t, 'uri.one');
    const id = await accountId(t, 'uri.one');
    const enrolment = (await t.platform.totp.begin({ id, accountName: 'uri.one' }, '門戶'))!;
    const uri = new URL(enrolment.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/門戶:uri.one');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: '門戶', secret: enrolment.secret, algorithm: 'SHA1', digits: '6', period: '30' });
  });

  it('keeps the secret sealed at rest and the recovery codes only as SHA-256 hashes', async () => {
    const b = await citizen(t, 'sealed.one');
    const { key, codes } = await enrol(t, b);
    const id = await accountId(t, 'sealed.one');
    const row = await t.platform.store.db.selectFrom('totp_secrets').selectAll().where('account_id', '=', id).executeTakeFirstOrThrow();
    expect(row.secret_enc).toMatch(/^v1\./);
    expect(row.secret_enc).not.toContain(key);
    expect(row.secret_enc.toLowerCase()).not.toContain(Buffer.from(key).toString('hex'));
    const stored = await t.platform.store.db.selectFrom('recovery_codes').select('code_hash').where('account_id', '=', id).execute();
    expect(stored).toHaveLength(10);
    for (const { code_hash } of stored) {
      expect(code_hash).toMatch(/^[0-9a-f]{64}$/);
      for (const code of codes) expect(code_hash).not.toContain(code);
    }
  });

  it('asks for the code after the password; a code from oathtool signs in at substantial with pwd otp mfa', async () => {
    const b = await citizen(t, 'step.one');
    const { key } = await enrol(t, b);
    nextStep();
    const fresh = browser(t);
    const answer = await signInWithPassword(fresh, 'step.one');
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/login/totp');
    // Not signed in yet.
    expect((await fresh.get('/account')).headers.location).toBe('/login');
    expect((await sessionOf(t, fresh))?.accountId).toBeNull();
    const step = await fresh.get('/login/totp');
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('<label for="code">動態密碼或備用代碼</label>');
    expect(step.body).toContain('autocomplete="one-time-code"');

    const done = await fresh.post('/login/totp', { code: oathtool(key, t.clock.now()) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account');
    expect(await sessionOf(t, fresh)).toMatchObject({ accountId: await accountId(t, 'step.one'), acr: 'substantial', amr: ['pwd', 'otp', 'mfa'] });
    const account = await fresh.get('/account');
    expect(account.body).toContain('中（兩階段驗證或行動自然人憑證）');
  });

  it('refuses a replayed code, also when two browsers send the same code at once', async () => {
    const b = await citizen(t, 'replay.one');
    const { key } = await enrol(t, b);
    nextStep();
    const [x, y] = [browser(t), browser(t)];
    await signInWithPassword(x, 'replay.one');
    await signInWithPassword(y, 'replay.one');
    await x.get('/login/totp');
    await y.get('/login/totp');
    const code = oathtool(key, t.clock.now());
    const answers = await Promise.all([x.post('/login/totp', { code }), y.post('/login/totp', { code })]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 401]);
    const refused = answers.find((a) => a.statusCode === 401)!;
    expect(refused.body).toContain('已經使用過');

    // And later, within the window, the same code once more.
    t.clock.advance(10_000);
    const z = browser(t);
    await signInWithPassword(z, 'replay.one');
    await z.get('/login/totp');
    expect((await z.post('/login/totp', { code })).statusCode).toBe(401);
  });

  it('accepts a code one step old and refuses one two steps old (RFC 6238 §5.2)', async () => {
    const b = await citizen(t, 'drift.one');
    const { key } = await enrol(t, b);
    t.clock.advance(5 * STEP);
    const id = await accountId(t, 'drift.one');
    expect(await t.platform.totp.verify(id, oathtool(key, t.clock.now() - 2 * STEP))).toEqual({ verified: false, reason: 'wrong' });
    expect(await t.platform.totp.verify(id, oathtool(key, t.clock.now() - STEP))).toEqual({ verified: true, method: 'totp' });
    t.clock.advance(5 * STEP);
    expect(await t.platform.totp.verify(id, oathtool(key, t.clock.now() + STEP))).toEqual({ verified: true, method: 'totp' });
    // An earlier step than one already accepted is refused too, even inside the window.
    expect(await t.platform.totp.verify(id, oathtool(key, t.clock.now()))).toEqual({ verified: false, reason: 'wrong' });
  });

  it('pauses TOTP for 15 minutes after five wrong codes, says until when, and leaves the password counter alone', async () => {
    const b = await citizen(t, 'pause.one');
    const { key } = await enrol(t, b);
    nextStep();
    const id = await accountId(t, 'pause.one');
    const s = browser(t);
    await signInWithPassword(s, 'pause.one');
    await s.get('/login/totp');
    for (let i = 1; i <= 4; i++) {
      const wrong = await s.post('/login/totp', { code: '123456' });
      expect(wrong.statusCode, `wrong code ${i}`).toBe(401);
    }
    const until = t.clock.now() + 15 * MIN;
    const fifth = await s.post('/login/totp', { code: '123456' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.body).toContain(`動態密碼錯誤次數過多，已暫停驗證至 ${formatRocDateTime(new Date(until), 'zh-TW')}。`);
    // Paused: even the right code is not looked at.
    const right = await s.post('/login/totp', { code: oathtool(key, t.clock.now()) });
    expect(right.statusCode).toBe(429);
    // The password counter is another matter: no failure there, no lock.
    expect(await t.platform.locks.state('pause.one')).toEqual({ locked: false });
    const row = await t.platform.store.db.selectFrom('login_failures').selectAll().where('account_name', '=', 'pause.one').executeTakeFirst();
    expect(row?.failures ?? 0).toBe(0);
    expect(await t.platform.attempts.state(`totp:${id}`, { maxFailures: 5, pauseMs: 15 * MIN, dailyCap: 20 })).toEqual({ paused: true, until });
    expect((await t.platform.audit.list({ accountId: id, eventPrefix: 'totp.pause' })).length).toBe(1);

    // In English too, for a citizen who reads English.
    const en = browser(t, 'en');
    await signInWithPassword(en, 'pause.one');
    await en.get('/login/totp');
    expect((await en.post('/login/totp', { code: '123456' })).body).toContain(`Too many wrong codes: code checks are paused until ${formatRocDateTime(new Date(until), 'en')}.`);

    t.clock.advance(15 * MIN);
    const later = browser(t);
    await signInWithPassword(later, 'pause.one');
    await later.get('/login/totp');
    const ok = await later.post('/login/totp', { code: oathtool(key, t.clock.now()) });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account');
  });

  it('signs in with a recovery code once, tells how many remain, and audits it', async () => {
    const b = await citizen(t, 'recover.one');
    const { codes } = await enrol(t, b);
    const id = await accountId(t, 'recover.one');
    const s = browser(t);
    await signInWithPassword(s, 'recover.one');
    await s.get('/login/totp');
    // Typed in lower case and without hyphens, as someone reading it off paper might.
    const used = await s.post('/login/totp', { code: codes[3]!.replace(/-/g, ' ').toLowerCase() });
    expect(used.statusCode).toBe(303);
    expect(used.headers.location).toBe('/login/totp/recovered');
    const after = await s.get('/login/totp/recovered');
    expect(after.body).toContain('目前還剩 9 組未使用的備用代碼');
    expect(await sessionOf(t, s)).toMatchObject({ acr: 'substantial', amr: ['pwd', 'otp', 'mfa'] });
    // In the sign-in history, beside the password: the step and how it was passed.
    const audited = await t.platform.audit.list({ accountId: id, eventPrefix: 'login.totp' });
    expect(audited.map((r) => [r.outcome, JSON.parse(r.detail ?? '{}')])).toEqual([['success', { method: 'recovery_code', remaining: 9, purpose: 'sign_in' }]]);

    const again = browser(t);
    await signInWithPassword(again, 'recover.one');
    await again.get('/login/totp');
    expect((await again.post('/login/totp', { code: codes[3]! })).statusCode).toBe(401);
    expect(await t.platform.totp.status(id)).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it('makes new recovery codes only after a code, voids the old ones, and mails it', async () => {
    const b = await citizen(t, 'renew.one');
    const { key, codes } = await enrol(t, b);
    const id = await accountId(t, 'renew.one');
    const refused = await b.post('/account/totp/recovery-codes', { code: '' });
    expect(refused.statusCode).toBe(400);
    expect(await t.platform.totp.status(id)).toMatchObject({ recoveryCodesLeft: 10 });
    nextStep();
    const before = mailsTo(t, 'renew.one@example.tw').length;
    const renewed = await b.post('/account/totp/recovery-codes', { code: oathtool(key, t.clock.now()) });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.body).toContain('先前的代碼全部失效');
    const fresh = recoveryCodesOn(renewed.body);
    expect(fresh).toHaveLength(10);
    const mails = mailsTo(t, 'renew.one@example.tw').slice(before);
    expect(mails.map((m) => m.subject)).toEqual(['【門戶】帳號安全通知：已產生新的備用代碼，舊的代碼全部失效']);
    expect(await t.platform.totp.useRecoveryCode(id, codes[0]!)).toEqual({ verified: false, reason: 'wrong' });
    expect(await t.platform.totp.useRecoveryCode(id, fresh[0]!)).toEqual({ verified: true, method: 'recovery', remaining: 9 });
  });

  it('turns off only after a recent sign-in and a current code, mails it, and sign-in asks for the password alone again', async () => {
    const b = await citizen(t, 'off.one');
    const { key } = await enrol(t, b);
    const id = await accountId(t, 'off.one');

    const noCode = await b.post('/account/totp/off', { code: '' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.body).toContain('動態密碼或備用代碼不正確');
    expect(await t.platform.totp.status(id)).toMatchObject({ state: 'on' });

    // An old sign-in is sent to confirm the password first.
    t.clock.advance(11 * MIN);
    const stale = await b.post('/account/totp/off', { code: oathtool(key, t.clock.now()) });
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe('/account/reauth?return=%2Faccount%2Ftotp');
    expect(await t.platform.totp.status(id)).toMatchObject({ state: 'on' });

    await b.get('/account/reauth?return=/account/totp');
    await b.post('/account/reauth', { password: PASSWORD, return: '/account/totp' });
    await b.get('/account/totp');
    const before = mailsTo(t, 'off.one@example.tw').length;
    nextStep();
    const off = await b.post('/account/totp/off', { code: oathtool(key, t.clock.now()) });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/account/totp?done=off');
    expect((await b.get('/account/totp?done=off')).body).toContain('軟體式動態密碼已停用');
    expect(await t.platform.totp.status(id)).toEqual({ state: 'off' });
    expect(mailsTo(t, 'off.one@example.tw').slice(before).map((m) => m.subject)).toEqual(['【門戶】帳號安全通知：已停用軟體式動態密碼（TOTP）']);
    expect(await t.platform.store.db.selectFrom('recovery_codes').select('id').where('account_id', '=', id).execute()).toEqual([]);
    expect((await signInWithPassword(browser(t), 'off.one')).headers.location).toBe('/account');
  });

  it('lets the citizen not be asked at every sign-in: then the password alone signs in, and the choice can change', async () => {
    const b = await citizen(t, 'choice.one');
    await enrol(t, b, { everySignIn: false });
    const id = await accountId(t, 'choice.one');
    expect(await t.platform.totp.status(id)).toMatchObject({ state: 'on', everySignIn: false });
    expect((await signInWithPassword(browser(t), 'choice.one')).headers.location).toBe('/account');

    const saved = await b.post('/account/totp/every-sign-in', { everySignIn: 'yes' });
    expect(saved.headers.location).toBe('/account/totp?done=saved');
    expect((await signInWithPassword(browser(t), 'choice.one')).headers.location).toBe('/login/totp');
  });

  it('gives the code 5 minutes after the password; then the sign-in starts again', async () => {
    const b = await citizen(t, 'slow.one');
    const { key } = await enrol(t, b);
    const s = browser(t);
    await signInWithPassword(s, 'slow.one');
    await s.get('/login/totp');
    t.clock.advance(5 * MIN + 1000);
    const late = await s.post('/login/totp', { code: oathtool(key, t.clock.now()) });
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe('/login?done=totp-expired');
    expect((await s.get('/login?done=totp-expired')).body).toContain('輸入動態密碼的時間已超過 5 分鐘');
    expect((await sessionOf(t, s))?.accountId).toBeNull();
  });

  it('needs a recent sign-in to enrol', async () => {
    const b = await citizen(t, 'recent.one');
    t.clock.advance(11 * MIN);
    const page = await b.get('/account/totp');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/account/reauth?return=%2Faccount%2Ftotp');
    expect((await browser(t).get('/account/totp')).headers.location).toBe('/login');
  });
});

for (const engine of engines) {
  describe.skipIf(!haveOathtool || !engine.available)(`the TOTP service's storage on ${engine.name}`, () => {
    const store = useStore(engine);
    const ACCOUNT = { id: 'acc-1', accountName: 'store.one', email: 'store.one@example.tw', displayName: '陳美玲' };
    const OPTIONS = { lang: 'zh-TW', from: { ip: '192.0.2.1', userAgent: 'test' } } as const;

    async function service() {
      const clock = manualClock();
      const db = store().db;
      await db
        .insertInto('accounts')
        .values({
          id: ACCOUNT.id,
          account_name: ACCOUNT.accountName,
          password_hash: 'x',
          display_name: ACCOUNT.displayName,
          id_number_enc: 'x',
          id_number_hash: 'x',
          id_number_last4: '6789',
          id_verified: 0,
          email: ACCOUNT.email,
          email_norm: ACCOUNT.email,
          status: 'active',
          created_at: clock.now(),
          activated_at: clock.now(),
          email_verified_at: clock.now(),
        })
        .execute();
      const mailed: SecurityChange[] = [];
      const totp = createTotp({
        db,
        clock,
        dataEncryptionKey: Buffer.alloc(32, 7),
        attempts: createAttemptLimits(db, clock),
        audit: createAudit(db, clock),
        securityMail: { notify: async (_to, change) => void mailed.push(change) },
      });
      return { totp, clock, db, mailed };
    }

    it('accepts a code once when several submissions of it arrive at the same time', async () => {
      const { totp, clock } = await service();
      const { secret } = (await totp.begin(ACCOUNT, '門戶'))!;
      expect(await totp.confirm(ACCOUNT, oathtool(secret, clock.now()), { ...OPTIONS, everySignIn: true })).toMatchObject({ verified: true });
      clock.advance(STEP);
      const code = oathtool(secret, clock.now());
      // Four, not more: each refused one counts as a failure, and five in a row would pause TOTP.
      const answers = await Promise.all(Array.from({ length: 4 }, () => totp.verify(ACCOUNT.id, code)));
      expect(answers.filter((a) => a.verified)).toHaveLength(1);
      expect(answers.filter((a) => !a.verified)).toEqual(Array(3).fill({ verified: false, reason: 'wrong' }));
      // So are recovery codes.
      const renewed = await totp.newRecoveryCodes(ACCOUNT, oathtool(secret, clock.now() + STEP), OPTIONS);
      if (!renewed.verified) throw new Error(`no new recovery codes: ${renewed.reason}`);
      const { recoveryCodes } = renewed;
      const uses = await Promise.all(Array.from({ length: 4 }, () => totp.useRecoveryCode(ACCOUNT.id, recoveryCodes[0]!)));
      expect(uses.filter((a) => a.verified)).toHaveLength(1);
    });

    it('replaces a waiting secret after an hour but never a confirmed one; turning off removes the secret and the codes', async () => {
      const { totp, clock, db, mailed } = await service();
      const first = (await totp.begin(ACCOUNT, '門戶'))!;
      expect((await totp.begin(ACCOUNT, '門戶'))!.secret).toBe(first.secret);
      clock.advance(ENROLMENT_LIFETIME_MS);
      // The old key's code no longer confirms anything: the enrolment has lapsed.
      expect(await totp.confirm(ACCOUNT, oathtool(first.secret, clock.now()), { ...OPTIONS, everySignIn: true })).toEqual({ verified: false, reason: 'off' });
      const second = (await totp.begin(ACCOUNT, '門戶'))!;
      expect(second.secret).not.toBe(first.secret);
      await totp.confirm(ACCOUNT, oathtool(second.secret, clock.now()), { ...OPTIONS, everySignIn: true });
      expect(await totp.begin(ACCOUNT, '門戶')).toBeUndefined();
      expect(await totp.requiredAtSignIn(ACCOUNT.id)).toBe(true);
      expect(await totp.status(ACCOUNT.id)).toMatchObject({ state: 'on', recoveryCodesLeft: 10 });

      clock.advance(STEP);
      expect(await totp.disable(ACCOUNT, oathtool(second.secret, clock.now()), OPTIONS)).toEqual({ verified: true });
      expect(await totp.status(ACCOUNT.id)).toEqual({ state: 'off' });
      expect(await totp.requiredAtSignIn(ACCOUNT.id)).toBe(false);
      expect(await db.selectFrom('totp_secrets').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('recovery_codes').selectAll().execute()).toEqual([]);
      expect(mailed).toEqual(['totp_on', 'totp_off']);
    });
  });
}
