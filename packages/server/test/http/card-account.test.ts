/**
 * The card around the account, over HTTP: registering from a first card login, the fresh e-mail check a binding
 * asks for, unlinking a card, the month-ahead expiry mail, and organisation sign-in with a business card where
 * CARD_LOGIN_KINDS allows it. Cards come from the development CA; its responder answers OCSP.
 */
import { issueCard } from '@menhu/pki/devca';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser } from '../support/http-browser';
import { linkIn, outbox } from '../support/mail';
import { manualClock, tempDir, testApp, type ManualClock, type TestApp } from '../support/platform';
import { CARD_SITE, citizenCard, componentAnswer, startCardCa, type Browser, type Card, type CardCa } from '../support/cards';

const PASSWORD = '藍色海洋 sailing 2026';
const tmp = tempDir('menhu-card-account-');
let ca: CardCa;
let clock: ManualClock;
let t: TestApp;

/** The login page's card panel: challenge, the component's answer, the post. */
async function cardLogin(b: Browser, card: Card) {
  await b.get('/login');
  const challenge = (await b.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
  const res = await b.json('/login/card', { nonce: challenge.nonce, signatureType: 'PKCS7', ...(await componentAnswer(card, challenge)) });
  return { res, body: res.json() as { redirect?: string; error?: string; message?: string } };
}

const mailsTo = (to: string) => outbox(t.dataDir).filter((m) => m.to === to);

/** The registration form's fields, as the card registration page posts them. */
function registration(overrides: Record<string, string> = {}) {
  return {
    accountName: 'lin.datong',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    displayName: '林大同',
    idNumber: 'F131104093',
    email: 'datong@example.tw',
    consent: 'yes',
    ...overrides,
  };
}

beforeAll(async () => {
  ca = await startCardCa(tmp.dir);
  // The dev CA issues from the real time, so the platform's clock starts there too.
  clock = manualClock(Date.now());
  t = await testApp({ env: { PUBLIC_URL: CARD_SITE, TRUST_ANCHORS: ca.trustDir }, clock });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await ca?.close();
  tmp.remove();
});

describe('registering from a first card login', () => {
  it('offers registration with the card’s name filled in and fixed, and the ID’s last four digits named', async () => {
    const b = browser(t);
    expect((await cardLogin(b, await citizenCard(ca.dir, { name: '林大同', id: 'F131104093' }))).body).toEqual({ redirect: '/login/card/bind' });
    const bind = await b.get('/login/card/bind');
    expect(bind.body).toContain('href="/login/card/register"');
    const page = await b.get('/login/card/register');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<input[^>]*name="displayName"[^>]*value="林大同"[^>]*readonly/i);
    expect(page.body).toContain('末四碼須為 4093');
    expect(page.body).toContain('憑證持有人：林大同（身分證末四碼 4093）');
  });

  it('refuses an ID number that does not end in the card’s digits, and a name that is not the card’s; no account is made', async () => {
    const b = browser(t);
    await cardLogin(b, await citizenCard(ca.dir, { name: '林大同', id: 'F131104093' }));
    // A valid number (checksum right) of someone else.
    const wrongId = await b.post('/login/card/register', registration({ accountName: 'lin.wrong.id', idNumber: 'A123456789' }));
    expect(wrongId.statusCode).toBe(400);
    expect(wrongId.body).toContain('末四碼與憑證不符');
    const wrongName = await b.post('/login/card/register', registration({ accountName: 'lin.wrong.name', displayName: '林小同' }));
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.body).toContain('姓名必須與憑證上的姓名相同');
    expect(await t.platform.accounts.byName('lin.wrong.id')).toBeUndefined();
    expect(await t.platform.accounts.byName('lin.wrong.name')).toBeUndefined();
  });

  it('makes an active account with the ID verified and the card bound, signed in at once; the address is proved by its link', async () => {
    const card = await citizenCard(ca.dir, { name: '林大同', id: 'F131104093' });
    const b = browser(t);
    await cardLogin(b, card);
    const done = await b.post('/login/card/register', registration());
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account');

    const { account } = (await t.platform.accounts.byName('lin.datong'))!;
    expect(account).toMatchObject({ status: 'active', idVerified: true, emailVerified: false });
    const page = await b.get('/account');
    expect(page.body).toContain('F*****4093（已由自然人憑證驗證）');
    expect(page.body).toContain('高（自然人憑證卡片）');
    expect(page.body).toMatch(/林大同，有效至 民國\d+年/);
    expect(page.body).toContain('尚未確認');
    expect((await t.platform.audit.list({ accountId: account.id, event: 'account.register', limit: 5 }))[0]).toMatchObject({ outcome: 'success' });
    expect((await t.platform.audit.list({ accountId: account.id, event: 'card.bind', limit: 5 })).length).toBe(1);

    // The card signs in to the new account from now on.
    expect((await cardLogin(browser(t), card)).body).toEqual({ redirect: '/account' });

    // The mailed link: the GET only shows a button; the POST proves the address, once.
    const mail = mailsTo('datong@example.tw').find((m) => m.subject.includes('用自然人憑證加入會員'))!;
    expect(mail.text).toContain('已綁定到帳號');
    const link = linkIn(mail, '/email/verify');
    const visitor = browser(t);
    const shown = await visitor.get(link.pathname + link.search);
    expect(shown.body).toContain('確認電子郵件');
    expect((await t.platform.accounts.byId(account.id))!.emailVerified).toBe(false);
    const confirmed = await visitor.post('/email/verify', { token: link.searchParams.get('token')! });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('電子郵件地址已確認');
    expect((await t.platform.accounts.byId(account.id))!.emailVerified).toBe(true);
    expect((await visitor.post('/email/verify', { token: link.searchParams.get('token')! })).statusCode).toBe(400);
  });

  it('will not verify one ID on a second account: a renewed card registers nothing new, and binds to the first', async () => {
    // lin.datong registered above with the first 林大同 card; this is the holder's renewed card.
    const renewed = await citizenCard(ca.dir, { name: '林大同', id: 'F131104093' });
    const b = browser(t);
    await cardLogin(b, renewed);
    const res = await b.post('/login/card/register', registration({ accountName: 'lin.second', email: 'datong2@example.tw' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('一個身分只能驗證一個帳號');
    expect(await t.platform.accounts.byName('lin.second')).toBeUndefined();
    // The renewal binds to the account the ID is verified on, by its password once (DESIGN.md step 5).
    const bound = await b.post('/login/card/bind', { account: 'lin.datong', password: PASSWORD });
    expect(bound.headers.location).toBe('/account');
    const account = (await t.platform.accounts.byName('lin.datong'))!.account;
    expect(await t.platform.cardLogin!.cardsOf(account.id)).toHaveLength(2);
  });

  it('will not register a second account with a card that is already bound', async () => {
    const card = await citizenCard(ca.dir, { name: '王美華', id: 'B220130183' });
    const first = browser(t);
    await cardLogin(first, card);
    const second = browser(t);
    await cardLogin(second, card);
    await first.post('/login/card/register', registration({ accountName: 'wang.first', displayName: '王美華', idNumber: 'B220130183', email: 'wang1@example.tw' }));
    const res = await second.post('/login/card/register', registration({ accountName: 'wang.second', displayName: '王美華', idNumber: 'B220130183', email: 'wang2@example.tw' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('這張憑證已綁定其他帳號');
    // Nothing half made: the second account does not exist.
    expect(await t.platform.accounts.byName('wang.second')).toBeUndefined();
  });

  it('shows the registration page only to a browser that has just verified an unbound card', async () => {
    const res = await browser(t).get('/login/card/register');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
  });
});

describe('binding, unlinking and expiry', () => {
  let card: Card;
  let b: Browser;
  let accountId: string;

  beforeAll(async () => {
    accountId = await t.platform.accounts.createActivated({ accountName: 'chang.li', password: PASSWORD, displayName: '張莉', idNumber: 'E223456785', email: 'li@example.tw' });
    card = await citizenCard(ca.dir, { name: '張莉', id: 'E223456785' });
    b = browser(t);
    await cardLogin(b, card);
    await b.post('/login/card/bind', { account: 'chang.li', password: PASSWORD });
  });

  it('asks for the e-mail address to be proved again after a binding (DESIGN.md step 5)', async () => {
    expect((await t.platform.accounts.byId(accountId))!.emailVerified).toBe(false);
    const subjects = mailsTo('li@example.tw').map((m) => m.subject);
    expect(subjects.some((s) => s.includes('綁定自然人憑證'))).toBe(true);
    expect(subjects.some((s) => s.includes('確認您的電子郵件'))).toBe(true);
    // Asking again within a minute sends nothing more, and says so.
    const before = mailsTo('li@example.tw').length;
    await b.get('/account'); // the sign-in gave the session a new form token
    const again = await b.post('/account/email/resend', {});
    expect(again.body).toContain('一分鐘內已寄過確認信');
    expect(mailsTo('li@example.tw').length).toBe(before);
  });

  it('lists the card with an unlink button; another account’s card cannot be unlinked', async () => {
    const page = await b.get('/account');
    expect(page.body).toContain('解除綁定');
    const res = await b.post('/account/cards/unbind', { cardId: 'not-a-card-of-this-account' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('找不到這張憑證');
  });

  it('mails a month ahead of expiry, once, and not when a renewed card is bound', async () => {
    const soon = (await issueCard(ca.dir, { kind: 'citizen', name: '張莉', id: 'E223456785', validity: { days: 20 }, output: { to: 'memory' } })) as Card;
    const other = browser(t);
    await cardLogin(other, soon);
    await other.post('/login/card/bind', { account: 'chang.li', password: PASSWORD });
    // chang.li now holds a 5-year card and a 20-day one: the 5-year one is the renewal, so no warning.
    expect(await t.platform.cardExpiry.warnExpiring()).toBe(0);

    const lone = await t.platform.accounts.createActivated({ accountName: 'kao.yu', password: PASSWORD, displayName: '高宇', idNumber: 'H125678904', email: 'yu@example.tw' });
    const expiring = (await issueCard(ca.dir, { kind: 'citizen', name: '高宇', id: 'H125678904', validity: { days: 20 }, output: { to: 'memory' } })) as Card;
    const kao = browser(t);
    await cardLogin(kao, expiring);
    await kao.post('/login/card/bind', { account: 'kao.yu', password: PASSWORD });
    expect(await t.platform.cardExpiry.warnExpiring()).toBe(1);
    const mail = mailsTo('yu@example.tw').find((m) => m.subject.includes('即將到期'))!;
    expect(mail.text).toMatch(/將於 民國\d+年\d+月\d+日 到期/);
    expect(mail.text).toContain('expires on');
    expect((await t.platform.audit.list({ accountId: lone, event: 'card.expiry_warning', limit: 5 })).length).toBe(1);
    // Once per card.
    expect(await t.platform.cardExpiry.warnExpiring()).toBe(0);
  });

  it('unlinks a card: audited, mailed, and the card no longer signs in', async () => {
    const fresh = browser(t);
    await cardLogin(fresh, card);
    const [bound] = (await t.platform.cardLogin!.cardsOf(accountId)).filter((c) => c.not_after === card.notAfter.getTime());
    await fresh.get('/account');
    const res = await fresh.post('/account/cards/unbind', { cardId: bound!.id });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`已解除綁定序號 ${bound!.serial} 的憑證`);
    expect(mailsTo('li@example.tw').some((m) => m.subject.includes('解除綁定'))).toBe(true);
    expect((await t.platform.audit.list({ accountId, event: 'card.unbind', limit: 5 }))[0]).toMatchObject({ outcome: 'success' });
    expect((await cardLogin(browser(t), card)).body).toEqual({ redirect: '/login/card/bind' });
  });

  it('asks for the password again before unlinking when the last sign-in is over 10 minutes old', async () => {
    const recent = browser(t);
    await cardLogin(recent, await citizenCard(ca.dir, { name: '張莉', id: 'E223456785' }));
    await recent.post('/login/card/bind', { account: 'chang.li', password: PASSWORD });
    const [newest] = await t.platform.cardLogin!.cardsOf(accountId);
    await recent.get('/account');
    clock.advance(11 * 60_000);
    try {
      const res = await recent.post('/account/cards/unbind', { cardId: newest!.id });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/account/reauth?return=%2Faccount');
      expect((await t.platform.cardLogin!.cardsOf(accountId)).some((c) => c.id === newest!.id)).toBe(true);
      // The password again renews the sign-in; then the card can be unlinked.
      const reauth = await recent.get('/account/reauth?return=%2Faccount');
      expect(reauth.body).toContain('請再次確認身分');
      const wrong = await recent.post('/account/reauth', { password: 'not the password at all', return: '/account' });
      expect(wrong.statusCode).toBe(401);
      const confirmed = await recent.post('/account/reauth', { password: PASSWORD, return: '/account' });
      expect(confirmed.headers.location).toBe('/account');
      await recent.get('/account');
      const unbound = await recent.post('/account/cards/unbind', { cardId: newest!.id });
      expect(unbound.statusCode).toBe(200);
    } finally {
      clock.advance(-11 * 60_000);
    }
  });
});

describe('organisation sign-in with a business card', () => {
  const businessCard = () =>
    issueCard(ca.dir, { kind: 'business', name: '門戶科技股份有限公司', businessId: '12345675', output: { to: 'memory' } }) as Promise<Card>;

  it('is refused where not configured, naming the card used and the card needed', async () => {
    const { res, body } = await cardLogin(browser(t), await businessCard());
    expect(res.statusCode).toBe(403);
    expect(body.message).toBe('您使用的是工商憑證，這裡需要使用自然人憑證。');
    const en = await cardLogin(browser(t, 'en'), await businessCard());
    expect(en.body.message).toBe('You used a business certificate; here you need a citizen digital certificate card.');
  });

  it('signs the organisation in as itself where CARD_LOGIN_KINDS allows it, never as a citizen account', async () => {
    const org = await testApp({ env: { PUBLIC_URL: CARD_SITE, TRUST_ANCHORS: ca.trustDir, CARD_LOGIN_KINDS: 'business' }, clock });
    try {
      const b = browser(org);
      await b.get('/login');
      const challenge = (await b.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
      const res = await b.json('/login/card', { nonce: challenge.nonce, signatureType: 'PKCS7', ...(await componentAnswer(await businessCard(), challenge)) });
      expect(res.json()).toEqual({ redirect: '/account' });
      const page = await b.get('/account');
      expect(page.body).toContain('機關或法人憑證登入');
      expect(page.body).toContain('您以工商憑證登入');
      expect(page.body).toContain('12345675');
      expect(page.body).toContain('門戶科技股份有限公司');
      // No account features: nothing to unlink, no binding page.
      expect((await b.post('/account/cards/unbind', { cardId: 'x' })).statusCode).toBe(303);
      expect((await b.get('/login/card/bind')).statusCode).toBe(303);
      const session = await org.platform.sessions.lookup(b.cookies().menhu_sid);
      expect(session.state === 'active' && session.session.record).toMatchObject({ accountId: 'org:business:12345675', acr: 'high' });

      // The card services stay for citizens only, and say which card they need.
      const service = browser(org);
      await service.get('/activate/card');
      const c2 = (await service.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
      const refused = await service.json('/card-service/activate', { account: 'x', nonce: c2.nonce, signatureType: 'PKCS7', ...(await componentAnswer(await businessCard(), c2)) });
      expect(refused.json()).toMatchObject({ error: 'ERR_CARD_WRONG_KIND', message: '您使用的是工商憑證，這裡需要使用自然人憑證。' });
    } finally {
      await org.close();
    }
  });

  it('names every card that would do when a kind is not allowed', async () => {
    const org = await testApp({ env: { PUBLIC_URL: CARD_SITE, TRUST_ANCHORS: ca.trustDir, CARD_LOGIN_KINDS: 'business' }, clock });
    try {
      const agency = (await issueCard(ca.dir, { kind: 'agency', name: '測試市政府', output: { to: 'memory' } })) as Card;
      const b = browser(org);
      await b.get('/login');
      const challenge = (await b.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
      const res = await b.json('/login/card', { nonce: challenge.nonce, signatureType: 'PKCS7', ...(await componentAnswer(agency, challenge)) });
      expect(res.json()).toMatchObject({ message: '您使用的是政府機關憑證，這裡需要使用自然人憑證或工商憑證。' });
    } finally {
      await org.close();
    }
  });
});
