import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChallengeSignedData, parseCertificate } from '@menhu/pki';
import { initDevCa, issueCard, revoke, startDevResponder, type DevResponder, type IssuedCard } from '@menhu/pki/devca';
import { manualClock, tempDir, testApp, type TestApp } from '../support/platform';
import { browser } from '../support/http-browser';
import { freePort } from '../support/ports';
import { outbox } from '../support/mail';

const SITE = 'http://login.test';
const PASSWORD = '藍色海洋 sailing 2026';

type Card = IssuedCard & { privateKeyPem: string };

let t: TestApp;
let responder: DevResponder;
let caDir: string;
const tmp = tempDir('menhu-card-login-');

async function newCard(options: { kind?: 'citizen' | 'business'; name?: string; businessId?: string } = {}): Promise<Card> {
  const kind = options.kind ?? 'citizen';
  const card = await issueCard(caDir, {
    kind,
    name: options.name ?? '陳美玲',
    ...(kind === 'citizen' ? { id: 'A123456789' } : { businessId: options.businessId ?? '12345675' }),
    output: { to: 'memory' },
  });
  return card as Card;
}

/** What our component answers a MakeSignature with: the CMS over the tbs, with the calling site's origin. */
async function componentAnswer(card: Card, challenge: { tbs: string; nonce: string }, origin = SITE) {
  const key = createPrivateKey(card.privateKeyPem);
  const der = await buildChallengeSignedData({
    tbs: challenge.tbs,
    nonce: new Uint8Array(Buffer.from(challenge.nonce, 'hex')),
    certificate: parseCertificate(card.certificateDer),
    sign: async (data) => new Uint8Array(nodeSign('sha256', data, key)),
    signedOrigin: origin,
    cardSerial: 'TP03000012345678',
  });
  return { certb64: Buffer.from(card.certificateDer).toString('base64'), signature: Buffer.from(der).toString('base64'), cardSN: 'TP03000012345678' };
}

/** The page's part: challenge, the component's answer, the post. Returns the platform's JSON answer. */
async function cardLogin(b: ReturnType<typeof browser>, card: Card, options: { origin?: string } = {}) {
  await b.get('/login');
  const challenge = (await b.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
  const answer = await componentAnswer(card, challenge, options.origin);
  const res = await b.json('/login/card', { nonce: challenge.nonce, signatureType: 'PKCS7', ...answer });
  return { res, body: res.json() as { redirect?: string; error?: string; message?: string }, challenge, answer };
}

beforeAll(async () => {
  const port = await freePort();
  const ca = await initDevCa(path.join(tmp.dir, 'ca'), { baseUrl: `http://127.0.0.1:${port}`, caKeyAlgorithm: 'rsa-2048' });
  caDir = ca.dir;
  responder = await startDevResponder(ca.dir, { port });
  // The dev CA issues from the real time, so the platform's clock starts there too.
  t = await testApp({ env: { PUBLIC_URL: SITE, TRUST_ANCHORS: ca.trustDir }, clock: manualClock(Date.now()) });
  await t.platform.accounts.createActivated({ accountName: 'chen.mei', password: PASSWORD, displayName: '陳美玲', idNumber: 'A123456789', email: 'mei@example.tw' });
  await t.platform.accounts.createActivated({ accountName: 'other.claim', password: PASSWORD, displayName: '陳美玲', idNumber: 'A123456789', email: 'other@example.tw' });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await responder?.close();
  tmp.remove();
});

describe('card login', () => {
  it('offers the card panel, enabled, pointing at the local component', async () => {
    const page = (await browser(t).get('/login')).body;
    expect(page).toMatch(/<fieldset id="card-login" class="form" aria-describedby="card-instruction pin-hint" data-signer-url="http:\/\/localhost:61161">/);
  });

  it('binds a first card to an account after its password, then signs in at acr high with amr sc pin mfa', async () => {
    const card = await newCard();
    const b = browser(t);
    const first = await cardLogin(b, card);
    expect(first.body).toEqual({ redirect: '/login/card/bind' });
    const bindPage = await b.get('/login/card/bind');
    expect(bindPage.body).toContain('憑證持有人：陳美玲（身分證末四碼 6789）');
    const bound = await b.post('/login/card/bind', { account: 'chen.mei', password: PASSWORD });
    expect(bound.statusCode).toBe(303);
    expect(bound.headers.location).toBe('/account');
    const account = await b.get('/account');
    expect(account.body).toContain('A*****6789（已由自然人憑證驗證）');
    expect(account.body).toContain('高（自然人憑證卡片）');
    expect(account.body).toContain('自然人憑證卡片');
    // The linked card and its expiry.
    expect(account.body).toMatch(/陳美玲，有效至 民國\d+年\d+月\d+日/);
    const session = await t.platform.sessions.lookup(b.cookies().menhu_sid);
    expect(session.state === 'active' && session.session.record).toMatchObject({ acr: 'high', amr: ['sc', 'pin', 'mfa'] });
    // The owner is told by mail, the binding is audited, and the other claimant of the ID is recorded.
    expect(outbox(t.dataDir).some((m) => m.to === 'mei@example.tw' && m.subject.includes('綁定自然人憑證'))).toBe(true);
    const other = (await t.platform.accounts.byName('other.claim'))!.account;
    expect((await t.platform.audit.list({ accountId: other.id, event: 'account.id_claim_conflict', limit: 5 })).length).toBe(1);

    // The next time, the card alone signs in.
    const again = await cardLogin(browser(t), card);
    expect(again.body).toEqual({ redirect: '/account' });
  });

  it('consumes a challenge at its first use: a replay is refused', async () => {
    const card = await newCard();
    const b = browser(t);
    const { challenge, answer } = await cardLogin(b, card);
    const replay = await b.json('/login/card', { nonce: challenge.nonce, signatureType: 'PKCS7', ...answer });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ error: 'ERR_CARD_CHALLENGE' });
  });

  it('refuses a challenge issued to another browser session', async () => {
    const card = await newCard();
    const mine = browser(t);
    const theirs = browser(t);
    await mine.get('/login');
    await theirs.get('/login');
    const challenge = (await theirs.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
    const res = await mine.json('/login/card', { nonce: challenge.nonce, signatureType: 'PKCS7', ...(await componentAnswer(card, challenge)) });
    expect(res.json()).toMatchObject({ error: 'ERR_CARD_CHALLENGE' });
  });

  it('refuses a signature whose signed origin is another site’s (a relayed challenge)', async () => {
    const { res, body } = await cardLogin(browser(t), await newCard(), { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(401);
    expect(body.error).toBe('ERR_PKI_ORIGIN_MISMATCH');
    expect(body.message).toContain('為其他網站產生');
  });

  it('refuses a revoked card, naming the reason', async () => {
    const card = await newCard();
    await revoke(caDir, card.serial, 'keyCompromise');
    const { body } = await cardLogin(browser(t), card);
    expect(body).toMatchObject({ error: 'ERR_PKI_REVOKED' });
  });

  it('refuses a business card for citizen sign-in, saying which card was used', async () => {
    const { res, body } = await cardLogin(browser(t), await newCard({ kind: 'business', name: '門戶科技股份有限公司' }));
    expect(res.statusCode).toBe(403);
    expect(body).toMatchObject({ error: 'ERR_CARD_WRONG_KIND' });
    expect(body.message).toContain('工商憑證');
  });

  it('will not bind a card whose holder is not the account’s holder', async () => {
    const b = browser(t);
    await cardLogin(b, await newCard({ name: '林大同' }));
    const res = await b.post('/login/card/bind', { account: 'chen.mei', password: PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('姓名或身分證末四碼與這個帳號的資料不符');
  });

  it('needs the form token for the challenge and the answer', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/login/card/challenge', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('account services with the card', () => {
  /** A card service page's script: challenge, the component's answer, and the page's fields. */
  async function cardService(b: ReturnType<typeof browser>, page: string, post: string, card: Card, fields: Record<string, string>) {
    await b.get(page);
    const challenge = (await b.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
    const res = await b.json(post, { ...fields, nonce: challenge.nonce, signatureType: 'PKCS7', ...(await componentAnswer(card, challenge)) });
    return { res, body: res.json() as { redirect?: string; error?: string; message?: string } };
  }

  it('offers both services on their pages, with labelled fields and the card panel', async () => {
    const activate = (await browser(t).get('/activate/card')).body;
    expect(activate).toContain('<label for="service-account">帳號</label>');
    expect(activate).toContain('data-card-post="/card-service/activate"');
    const reset = (await browser(t).get('/recover/card')).body;
    expect(reset).toContain('<label for="service-password">新密碼</label>');
    const login = (await browser(t).get('/login')).body;
    expect(login).toMatch(/<a href="\/activate\/card">以自然人憑證啟用帳號<\/a><p>/);
  });

  it('activates a not-yet-activated account and lifts its lock at once (以自然人憑證啟用帳號)', async () => {
    const reg = await t.platform.accounts.register(
      { accountName: 'pending.card', password: PASSWORD, passwordConfirm: PASSWORD, displayName: '陳美玲', idNumber: 'A123456789', email: 'pc@example.tw', consent: true },
      'zh-TW',
      {},
    );
    expect(reg.ok).toBe(true);
    for (let i = 0; i < 5; i++) await t.platform.password.verify('pending.card', `wrong ${i}`, {});
    expect((await t.platform.locks.state('pending.card')).locked).toBe(true);
    const { body } = await cardService(browser(t), '/activate/card', '/card-service/activate', await newCard(), { account: 'pending.card' });
    expect(body).toEqual({ redirect: '/login?done=activated' });
    expect((await t.platform.accounts.byName('pending.card'))!.account.status).toBe('active');
    expect((await t.platform.locks.state('pending.card')).locked).toBe(false);
    expect((await t.platform.password.verify('pending.card', PASSWORD, {})).outcome).toBe('verified');
    expect((await browser(t).get('/login?done=activated')).body).toContain('帳號已啟用，鎖定也已解除');
  });

  it('answers a card whose holder is not the account’s, and an account that does not exist, the same way', async () => {
    const stranger = await newCard({ name: '林大同' });
    const mismatch = await cardService(browser(t), '/activate/card', '/card-service/activate', stranger, { account: 'chen.mei' });
    const missing = await cardService(browser(t), '/activate/card', '/card-service/activate', await newCard(), { account: 'no.such.account' });
    expect(mismatch.body).toMatchObject({ error: 'ERR_CARD_MISMATCH' });
    expect(missing.body).toEqual(mismatch.body);
  });

  it('sets a new password, ends the account’s sessions, and refuses a weak one (以自然人憑證重設密碼)', async () => {
    await t.platform.accounts.createActivated({ accountName: 'reset.me', password: PASSWORD, displayName: '陳美玲', idNumber: 'A123456789', email: 'reset@example.tw' });
    const signedIn = browser(t);
    await signedIn.get('/login');
    await signedIn.post('/login', { account: 'reset.me', password: PASSWORD });
    expect((await signedIn.get('/account')).statusCode).toBe(200);

    const weak = await cardService(browser(t), '/recover/card', '/card-service/reset', await newCard(), { account: 'reset.me', password: 'password1', passwordConfirm: 'password1' });
    expect(weak.body).toMatchObject({ error: 'ERR_PASSWORD_COMMON' });
    expect((await t.platform.password.verify('reset.me', PASSWORD, {})).outcome).toBe('verified');

    const NEW = 'a brand new sentence 2027';
    const done = await cardService(browser(t), '/recover/card', '/card-service/reset', await newCard(), { account: 'reset.me', password: NEW, passwordConfirm: NEW });
    expect(done.body).toEqual({ redirect: '/login?done=reset' });
    expect((await t.platform.password.verify('reset.me', NEW, {})).outcome).toBe('verified');
    expect((await t.platform.password.verify('reset.me', PASSWORD, {})).outcome).toBe('failed');
    // The session signed in with the old password has ended.
    expect((await signedIn.get('/account')).headers.location).toBe('/login');
  });
});
