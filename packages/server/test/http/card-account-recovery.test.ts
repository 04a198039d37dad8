import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, tempDir, testApp, type TestApp } from '../support/platform';
import { browser } from '../support/http-browser';
import { CARD_SITE, cardService, citizenCard, startCardCa, type Card, type CardCa } from '../support/cards';

const PASSWORD = '藍色海洋 sailing 2026';
const HOLDER = { name: '王小明', id: 'B200106789' };
const PAGE = '/recover/account/card';
const POST = '/card-service/account';

let t: TestApp;
let ca: CardCa;
let holderCard: Card;
const tmp = tempDir('menhu-card-account-');

/** The page's script with the holder's own card unless another is given. */
function lookUp(idNumber: string, card = holderCard, b = browser(t)) {
  return cardService(b, PAGE, POST, card, { idNumber });
}

async function auditRows(reason?: string) {
  const rows = await t.platform.audit.list({ event: 'account.recover_name', limit: 100 });
  return rows
    .map((row) => ({ ...row, detail: JSON.parse(row.detail ?? '{}') as Record<string, unknown> }))
    .filter((row) => reason === undefined || row.detail.reason === reason);
}

beforeAll(async () => {
  ca = await startCardCa(tmp.dir);
  // The dev CA issues from the real time, so the platform's clock starts there too.
  t = await testApp({ env: { PUBLIC_URL: CARD_SITE, TRUST_ANCHORS: ca.trustDir }, clock: manualClock(Date.now()) });
  const accounts = t.platform.accounts;
  const make = (accountName: string, displayName: string, idNumber: string) =>
    accounts.createActivated({ accountName, password: PASSWORD, displayName, idNumber, email: `${accountName}@example.tw` });
  await make('wang.home', HOLDER.name, HOLDER.id);
  await make('wang.work', HOLDER.name, HOLDER.id);
  await accounts.setStatus(await make('wang.closed', HOLDER.name, HOLDER.id), 'disabled');
  // The same ID typed under another name is only a claim: not the card holder's.
  await make('someone.else', '王大明', HOLDER.id);
  holderCard = await citizenCard(ca.dir, HOLDER);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await ca?.close();
  tmp.remove();
});

describe('以自然人憑證查詢帳號 (forgotten account name, with the card)', () => {
  it('offers a page with a labelled ID number field and the card panel, and no PIN in any form', async () => {
    const page = (await browser(t).get(PAGE)).body;
    expect(page).toContain('<h1>以自然人憑證查詢帳號</h1>');
    expect(page).toContain('<label for="service-id">身分證統一編號</label>');
    expect(page).toMatch(/<input id="service-id" name="idNumber" data-card-field/);
    expect(page).toContain(`data-card-post="${POST}"`);
    expect(page).not.toMatch(/<form[\s\S]*name="pin"[\s\S]*<\/form>/);
    const en = (await browser(t, 'en').get(PAGE)).body;
    expect(en).toContain('Find your account name with the card');
  });

  it('shows the holder’s account names once, without a disabled account or another holder’s', async () => {
    const b = browser(t);
    const { body } = await lookUp(' b200106789 ', holderCard, b);
    expect(body).toEqual({ redirect: `${PAGE}/result` });
    const result = await b.get(`${PAGE}/result`);
    expect(result.statusCode).toBe(200);
    expect(result.headers['cache-control']).toBe('no-store');
    expect(result.body).toContain('<strong>wang.home</strong>');
    expect(result.body).toContain('<strong>wang.work</strong>');
    expect(result.body).not.toContain('wang.closed');
    expect(result.body).not.toContain('someone.else');
    expect(result.body).toContain('<a class="button button--primary" href="/login">前往登入</a>');
    expect(result.body).toContain('<a href="/recover/card">');
    // Shown once: the names left the session with that page.
    const again = await b.get(`${PAGE}/result`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(PAGE);
  });

  it('answers a wrong ID number and a card of another holder the same way', async () => {
    const otherDigits = await lookUp('F120190056');
    const sameDigitsNoAccount = await lookUp('B200156789');
    const otherHolder = await lookUp(HOLDER.id, await citizenCard(ca.dir, { name: '林大同', id: HOLDER.id }));
    expect(otherDigits.res.statusCode).toBe(400);
    expect(otherDigits.body).toMatchObject({ error: 'ERR_CARD_NO_ACCOUNT' });
    expect(otherDigits.body.message).toContain('找不到這張憑證持有人名下的帳號');
    expect(sameDigitsNoAccount.body).toEqual(otherDigits.body);
    expect(otherHolder.body).toEqual(otherDigits.body);
  });

  it('keeps no result after a refusal', async () => {
    const b = browser(t);
    await lookUp('F120190056', holderCard, b);
    expect((await b.get(`${PAGE}/result`)).headers.location).toBe(PAGE);
  });

  it('says what to fix in a mistyped ID number (its check digit), which tells nothing about accounts', async () => {
    const { res, body } = await lookUp('B200106788');
    expect(res.statusCode).toBe(400);
    expect(body).toMatchObject({ error: 'ERR_ID_CHECKSUM' });
  });

  it('shows the account the card is bound to, whatever ID number that account typed', async () => {
    // Typed with the holder's last four digits but another number: binding checks only those four.
    await t.platform.accounts.createActivated({ accountName: 'wang.bound', password: PASSWORD, displayName: HOLDER.name, idNumber: 'B200306789', email: 'bound@example.tw' });
    const card = await citizenCard(ca.dir, HOLDER);
    const b = browser(t);
    expect((await cardService(b, '/login', '/login/card', card, {})).body).toEqual({ redirect: '/login/card/bind' });
    expect((await b.post('/login/card/bind', { account: 'wang.bound', password: PASSWORD })).headers.location).toBe('/account');

    const other = browser(t);
    expect((await lookUp(HOLDER.id, card, other)).body.redirect).toBe(`${PAGE}/result`);
    const names = (await other.get(`${PAGE}/result`)).body;
    for (const name of ['wang.home', 'wang.work', 'wang.bound']) expect(names).toContain(`<strong>${name}</strong>`);
  });

  it('needs a fresh challenge: a replayed answer is refused', async () => {
    const b = browser(t);
    const first = await lookUp(HOLDER.id, holderCard, b);
    expect(first.body.redirect).toBe(`${PAGE}/result`);
    const replay = await b.json(POST, first.posted);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ error: 'ERR_CARD_CHALLENGE' });
  });

  it('needs the form token', async () => {
    const b = browser(t);
    await b.get(PAGE);
    const res = await t.app.inject({ method: 'POST', url: POST, cookies: b.cookies(), headers: { accept: 'application/json' }, payload: { idNumber: HOLDER.id } });
    expect(res.statusCode).toBe(403);
  });

  it('records every outcome in the audit trail, never the ID number', async () => {
    const before = (await auditRows()).length;
    await lookUp(HOLDER.id);
    await lookUp('F120190056');
    await lookUp('B200156789');
    const all = await auditRows();
    const rows = all.slice(0, all.length - before); // newest first
    const home = (await t.platform.accounts.byName('wang.home'))!.account;
    expect(rows.find((row) => row.outcome === 'success' && row.account_id === home.id)?.detail).toMatchObject({ via: 'card', count: 2 });
    expect(rows.filter((row) => row.outcome === 'success')).toHaveLength(2);
    expect(rows.filter((row) => row.outcome === 'refused').map((row) => row.detail.reason).sort()).toEqual(['id_digits', 'no_account']);
    expect((await auditRows('challenge')).length).toBeGreaterThan(0);
    const trail = JSON.stringify(all);
    for (const id of [HOLDER.id, 'F120190056', 'B200156789']) expect(trail).not.toContain(id);
  });

  // Last in this group: it moves the platform's clock on.
  it('keeps a result only a few minutes', async () => {
    const b = browser(t);
    expect((await lookUp(HOLDER.id, holderCard, b)).body.redirect).toBe(`${PAGE}/result`);
    t.clock.advance(6 * 60_000);
    expect((await b.get(`${PAGE}/result`)).headers.location).toBe(PAGE);
    // The session itself lives on: only the names expired.
    expect((await t.platform.sessions.lookup(b.cookies().menhu_sid)).state).toBe('active');
  });
});

describe('忘記帳號 and 忘記密碼 when the card is configured', () => {
  it('offer the card’s ways beside e-mail (and, for the password, the hint question)', async () => {
    for (const [url, href, text, others] of [
      ['/recover/account', PAGE, '以自然人憑證查詢帳號', ['/recover/account/email']],
      ['/recover', '/recover/card', '以自然人憑證重設密碼', ['/recover/email', '/recover/hint']],
    ] as const) {
      const res = await browser(t).get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain(`<a href="${href}">${text}</a>`);
      for (const other of others) expect(res.body).toContain(`<a href="${other}">`);
    }
  });

  it('list the look-up in the site map', async () => {
    expect((await browser(t).get('/sitemap')).body).toContain(`href="${PAGE}"`);
  });
});
