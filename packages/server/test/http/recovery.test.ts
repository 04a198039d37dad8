import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as translate } from '@menhu/protocol';
import { testApp, type TestApp } from '../support/platform';
import { browser } from '../support/http-browser';
import { linkIn, outbox } from '../support/mail';
import { HINT_PRESETS, normaliseHintAnswer } from '../../src/services/hint';

const MIN = 60_000;
const HOUR = 60 * MIN;
const PUBLIC_URL = 'http://login.test:8080';
const PASSWORD = '藍色海洋 sailing 2026';
const NEW_PASSWORD = '山頂的雲 hiking 2027';
const PRESET_TEXTS = HINT_PRESETS.map((key) => translate('zh-TW', key));

type Browser = ReturnType<typeof browser>;

/** An active account, with a hint question set as 我的帳戶 would set it (preset 1 unless told). */
async function citizen(t: TestApp, accountName: string, options: { idNumber?: string; email?: string; hint?: { choice: string; own?: string; answer: string } | null } = {}) {
  const accountId = await t.platform.accounts.createActivated({
    accountName,
    password: PASSWORD,
    displayName: '陳美玲',
    idNumber: options.idNumber ?? 'A123456789',
    email: options.email ?? `${accountName}@example.tw`,
  });
  const hint = options.hint === undefined ? { choice: '1', answer: '臺北市立第一國小' } : options.hint;
  if (hint) {
    const prepared = await t.platform.hints.prepare({ choice: hint.choice, own: hint.own ?? '', answer: hint.answer }, true);
    if (!prepared.ok || !prepared.hint) throw new Error('test hint refused');
    await t.platform.hints.setAtRegistration(accountId, prepared.hint, {});
  }
  return accountId;
}

async function signIn(b: Browser, account: string, password = PASSWORD) {
  await b.get('/login');
  return b.post('/login', { account, password });
}

/** Steps 1 and 2: the question page for this account name and ID number. */
async function question(b: Browser, account: string, idNumber: string) {
  await b.get('/recover/hint');
  return b.post('/recover/hint', { account, idNumber });
}

/** The question shown on a step-2 page (the answer field's label). */
function shownQuestion(body: string): string {
  const match = /<label for="answer">([^<]*)<\/label>/.exec(body);
  if (!match?.[1]) throw new Error('no question on the page');
  return match[1];
}

/** A page with what differs between any two requests (nonces, form tokens, timers) taken out. */
function shape(body: string, ...vary: string[]): string {
  let s = body
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"')
    .replace(/<meta name="csrf-token" content="[^"]*"\/>/g, '')
    .replace(/data-session-(expires-in|warn-before)="\d+"/g, '');
  for (const v of vary) s = s.split(v).join('…');
  return s;
}

async function audit(t: TestApp, event: string) {
  const rows = await t.platform.audit.list({ event, limit: 200 });
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail ?? '{}') as Record<string, unknown> }));
}

describe('the password-hint answer is compared in a normalised form', () => {
  it.each([
    ['ＴＡＩＰＥＩ　１０１', 'taipei 101'],
    ['  Taipei   101  ', 'taipei 101'],
    ['taipei\t\n101', 'taipei 101'],
    ['臺北市立　第一國小', '臺北市立 第一國小'],
    ['ＡＢＣ abc Abc', 'abc abc abc'],
    ['Straße', 'strasse'],
  ])('%j becomes %j', (input, expected) => {
    expect(normaliseHintAnswer(input)).toBe(expected);
  });
});

describe('以密碼提示問題重設密碼', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { PUBLIC_URL } });
    await citizen(t, 'chen.mei');
    await citizen(t, 'no.hint', { idNumber: 'B200106789', hint: null });
    await citizen(t, 'own.question', { idNumber: 'F120190056', hint: { choice: 'own', own: '阿嬤家的狗叫什麼？', answer: 'Lucky Boy' } });
  });
  afterAll(() => t.close());

  it('shows step 1 with labelled account and ID number fields', async () => {
    const res = await browser(t).get('/recover/hint');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>以密碼提示問題重設密碼</h1>');
    expect(res.body).toContain('步驟 1／4');
    expect(res.body).toContain('<label for="account">帳號</label>');
    expect(res.body).toContain('<label for="idNumber">身分證統一編號</label>');
  });

  it('resets the password: account and ID, the question, the answer in any width or case, the new password; not signed in', async () => {
    const b = browser(t);
    const step2 = await question(b, 'ＣＨＥＮ.mei', 'a123456789');
    expect(step2.statusCode).toBe(200);
    expect(shownQuestion(step2.body)).toBe('您就讀的第一所小學校名？');
    const wrong = await b.post('/recover/hint/answer', { answer: '臺北市立第二國小' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('答案不正確');
    const right = await b.post('/recover/hint/answer', { answer: '　臺北市立第一國小  ' });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('步驟 4／4');
    expect(right.body).toContain('<label for="password">新密碼</label>');
    const weak = await b.post('/recover/hint/password', { password: 'password1', passwordConfirm: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('這個密碼太常見');
    const done = await b.post('/recover/hint/password', { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login?done=reset');
    // Not signed in by the reset: 我的帳戶 sends the browser to the login page.
    expect((await b.get('/account')).headers.location).toBe('/login');
    // The flow is over: its last step cannot be posted again.
    expect((await b.post('/recover/hint/password', { password: PASSWORD + 'x', passwordConfirm: PASSWORD + 'x' })).statusCode).toBe(400);
    expect((await signIn(browser(t), 'chen.mei', PASSWORD)).statusCode).toBe(401);
    expect((await signIn(browser(t), 'chen.mei', NEW_PASSWORD)).headers.location).toBe('/account');
    const mail = outbox(t.dataDir).filter((m) => m.to === 'chen.mei@example.tw').at(-1)!;
    expect(mail.subject).toContain('密碼已重設');
    const resets = await audit(t, 'account.password_reset');
    expect(resets[0]?.detail).toMatchObject({ via: 'hint' });
  });

  it('shows a citizen’s own question as typed, and takes its answer in another case', async () => {
    const b = browser(t);
    const step2 = await question(b, 'own.question', 'F120190056');
    expect(shownQuestion(step2.body)).toBe('阿嬤家的狗叫什麼？');
    expect((await b.post('/recover/hint/answer', { answer: 'ＬＵＣＫＹ   boy' })).body).toContain('步驟 4／4');
  });

  it('ends every session of the account', async () => {
    const accountId = await citizen(t, 'many.devices');
    const phone = browser(t);
    const laptop = browser(t);
    expect((await signIn(phone, 'many.devices')).headers.location).toBe('/account');
    expect((await signIn(laptop, 'many.devices')).headers.location).toBe('/account');
    const b = browser(t);
    await question(b, 'many.devices', 'A123456789');
    await b.post('/recover/hint/answer', { answer: '臺北市立第一國小' });
    expect((await b.post('/recover/hint/password', { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD })).statusCode).toBe(303);
    for (const device of [phone, laptop]) {
      expect((await t.platform.sessions.lookup(device.cookies().menhu_sid)).state).not.toBe('active');
      expect((await device.get('/account')).headers.location).toBe('/login');
    }
    const resets = await audit(t, 'account.password_reset');
    expect(resets.find((r) => r.account_id === accountId)?.detail).toMatchObject({ via: 'hint', sessionsEnded: 2 });
  });

  it('gives a decoy for a wrong ID, an unknown name or no question: one of the presets, the same for the same input', async () => {
    const first = shownQuestion((await question(browser(t), 'chen.mei', 'B200106789')).body);
    const again = shownQuestion((await question(browser(t), 'ＣＨＥＮ.MEI', 'b200106789')).body);
    expect(PRESET_TEXTS).toContain(first);
    expect(again).toBe(first);
    const unknown = shownQuestion((await question(browser(t), 'nobody.here', 'B200106789')).body);
    expect(PRESET_TEXTS).toContain(unknown);
    expect(shownQuestion((await question(browser(t), 'nobody.here', 'B200106789')).body)).toBe(unknown);
    const noHint = shownQuestion((await question(browser(t), 'no.hint', 'B200106789')).body);
    expect(PRESET_TEXTS).toContain(noHint);
    // Different inputs may get different questions: over twelve names, more than one preset is shown.
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) seen.add(shownQuestion((await question(browser(t), `someone${i}`, 'A123456789')).body));
    expect(seen.size).toBeGreaterThan(1);
    for (const q of seen) expect(PRESET_TEXTS).toContain(q);
  });

  it('answers an existing account with a wrong ID exactly as a missing account, at every step', async () => {
    const existing = browser(t);
    const missing = browser(t);
    const a = await question(existing, 'own.question', 'B200106789');
    const b = await question(missing, 'nobody.else', 'B200106789');
    expect(a.statusCode).toBe(b.statusCode);
    expect(shape(a.body, ...PRESET_TEXTS)).toBe(shape(b.body, ...PRESET_TEXTS));
    // Even the real answer does not pass a decoy.
    const wrongA = await existing.post('/recover/hint/answer', { answer: 'Lucky Boy' });
    const wrongB = await missing.post('/recover/hint/answer', { answer: 'Lucky Boy' });
    expect(wrongA.statusCode).toBe(400);
    expect(wrongB.statusCode).toBe(400);
    expect(shape(wrongA.body, ...PRESET_TEXTS)).toBe(shape(wrongB.body, ...PRESET_TEXTS));
    expect(Object.keys(a.headers).sort()).toEqual(Object.keys(b.headers).sort());
  });

  it('points out a malformed ID number, which tells nothing about accounts', async () => {
    const res = await question(browser(t), 'chen.mei', 'A12345');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('格式不正確');
  });

  it('starts again when the flow is missing or took too long', async () => {
    expect((await browser(t).get('/recover/hint')).statusCode).toBe(200);
    const b = browser(t);
    await b.get('/recover/hint');
    const res = await b.post('/recover/hint/answer', { answer: 'anything' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('請重新開始');
  });

  it('audits each step with the account when there is one, and never the ID number or the answer', async () => {
    const rows = await audit(t, 'account.hint_reset');
    expect(rows.some((r) => r.outcome === 'refused' && r.detail.reason === 'id_mismatch')).toBe(true);
    expect(rows.some((r) => r.outcome === 'refused' && r.detail.reason === 'no_account')).toBe(true);
    expect(rows.some((r) => r.outcome === 'refused' && r.detail.reason === 'no_hint')).toBe(true);
    expect(rows.some((r) => r.outcome === 'failure' && r.detail.reason === 'wrong_answer')).toBe(true);
    expect(rows.some((r) => r.outcome === 'success')).toBe(true);
    const trail = JSON.stringify(rows);
    for (const secret of ['A123456789', 'B200106789', '第一國小', 'Lucky']) expect(trail).not.toContain(secret);
  });
});

describe('wrong hint answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await citizen(t, 'chen.mei');
  });
  afterAll(() => t.close());

  async function wrongAnswers(account: string, idNumber: string, n: number) {
    const b = browser(t);
    await question(b, account, idNumber);
    let last;
    for (let i = 0; i < n; i++) last = await b.post('/recover/hint/answer', { answer: `wrong ${i}` });
    return { b, last: last! };
  }

  it('close the route for the account name for an hour after five, the right answer included; the same for an unknown name', async () => {
    const four = await wrongAnswers('chen.mei', 'A123456789', 4);
    expect(four.last.statusCode).toBe(400);
    const fifth = await four.b.post('/recover/hint/answer', { answer: 'wrong 5' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.body).toContain('答錯太多次');
    // Closed from the first step, whatever the answer, for a new browser too.
    const b = browser(t);
    const closed = await question(b, 'ＣＨＥＮ.MEI', 'A123456789');
    expect(closed.statusCode).toBe(429);
    expect(closed.body).toContain('答錯太多次');

    const unknown = await wrongAnswers('nobody.here', 'A123456789', 5);
    expect(unknown.last.statusCode).toBe(429);
    expect(shape(unknown.last.body)).toBe(shape(fifth.body));
    expect((await question(browser(t), 'nobody.here', 'A123456789')).statusCode).toBe(429);

    t.clock.advance(HOUR + MIN);
    const open = browser(t);
    expect((await question(open, 'chen.mei', 'A123456789')).statusCode).toBe(200);
    expect((await open.post('/recover/hint/answer', { answer: '臺北市立第一國小' })).body).toContain('步驟 4／4');
  });

  it('close it for the rest of the day after ten in a day (the daily cap)', async () => {
    // Five more after the pause that ended: ten today.
    expect((await wrongAnswers('chen.mei', 'A123456789', 5)).last.statusCode).toBe(429);
    t.clock.advance(HOUR + MIN);
    expect((await question(browser(t), 'chen.mei', 'A123456789')).statusCode).toBe(429);
    t.clock.advance(22 * HOUR);
    expect((await question(browser(t), 'chen.mei', 'A123456789')).statusCode).toBe(200);
    const rows = await audit(t, 'account.hint_reset');
    expect(rows.some((r) => r.outcome === 'refused' && r.detail.reason === 'closed')).toBe(true);
  });
});

describe('密碼提示問題 at registration and in 我的帳戶', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp({ env: { PUBLIC_URL } })));
  afterAll(() => t.close());

  const FORM = {
    accountName: 'lin.wei',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    displayName: '林偉',
    idNumber: 'A123456789',
    email: 'wei@example.tw',
    consent: 'yes',
  };

  it('offers the optional question on the registration form, with the presets and an own question', async () => {
    const { body } = await browser(t).get('/register');
    expect(body).toContain('<legend>密碼提示問題（選填）</legend>');
    expect(body).toContain('<label for="hintQuestion">提示問題</label>');
    for (const text of PRESET_TEXTS) expect(body).toContain(text);
    expect(body).toContain('<option value="own">自訂問題</option>');
    expect(body).toContain('<label for="hintAnswer">答案</label>');
  });

  it('refuses an own question left empty, and an answer without a question, creating nothing', async () => {
    const b = browser(t);
    await b.get('/register');
    const empty = await b.post('/register', { ...FORM, hintQuestion: 'own', hintOwn: '', hintAnswer: '一二三' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('請填寫自訂問題');
    expect(empty.body).not.toContain('一二三');
    const noQuestion = await b.post('/register', { ...FORM, hintQuestion: '', hintAnswer: '一二三' });
    expect(noQuestion.statusCode).toBe(400);
    expect(noQuestion.body).toContain('請選擇提示問題');
    expect(await t.platform.accounts.byName('lin.wei')).toBeUndefined();
  });

  it('stores the chosen preset as preset:<n> and the answer as argon2id only', async () => {
    const b = browser(t);
    await b.get('/register');
    expect((await b.post('/register', { ...FORM, hintQuestion: '3', hintAnswer: 'Ｍｉｍｉ' })).statusCode).toBe(200);
    const found = await t.platform.accounts.byName('lin.wei');
    expect(found?.row.hint_question).toBe('preset:3');
    expect(found?.row.hint_answer_hash).toMatch(/^\$argon2id\$/);
    expect(found?.row.hint_answer_hash).not.toContain('mimi');
  });

  it('registers without a question when none is chosen', async () => {
    const b = browser(t);
    await b.get('/register');
    expect((await b.post('/register', { ...FORM, accountName: 'no.question', email: 'nq@example.tw' })).statusCode).toBe(200);
    expect((await t.platform.accounts.byName('no.question'))?.row.hint_question).toBeNull();
  });

  it('lets a recently signed-in citizen set, change and remove it, mailing each change', async () => {
    await citizen(t, 'chen.mei', { idNumber: 'B200106789', hint: null });
    expect((await browser(t).get('/account/hint')).headers.location).toBe('/login');
    const b = browser(t);
    await signIn(b, 'chen.mei');
    const page = await b.get('/account/hint');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('您尚未設定密碼提示問題。');
    const before = outbox(t.dataDir).length;
    const missing = await b.post('/account/hint', { action: 'set', hintQuestion: '', hintAnswer: '' });
    expect(missing.statusCode).toBe(400);
    const saved = await b.post('/account/hint', { action: 'set', hintQuestion: 'own', hintOwn: '最喜歡的 夜市？', hintAnswer: '士林' });
    expect(saved.headers.location).toBe('/account/hint?done=saved');
    const shown = await b.get('/account/hint?done=saved');
    expect(shown.body).toContain('目前的提示問題：最喜歡的 夜市？');
    expect(shown.body).toContain('密碼提示問題已儲存。');
    const mails = outbox(t.dataDir).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('密碼提示問題已變更');
    // It works for a reset at once.
    const r = browser(t);
    expect(shownQuestion((await question(r, 'chen.mei', 'B200106789')).body)).toBe('最喜歡的 夜市？');
    expect((await r.post('/recover/hint/answer', { answer: '士林' })).body).toContain('步驟 4／4');

    expect((await b.post('/account/hint', { action: 'remove' })).headers.location).toBe('/account/hint?done=removed');
    expect((await t.platform.accounts.byName('chen.mei'))?.row.hint_question).toBeNull();
    expect(outbox(t.dataDir).length).toBe(before + 2);
    const changes = await audit(t, 'account.hint_changed');
    expect(changes[0]?.detail).toMatchObject({ via: 'settings', removed: true });
  });

  it('asks for a recent sign-in before a change', async () => {
    const b = browser(t);
    await signIn(b, 'chen.mei');
    t.clock.advance(11 * MIN);
    const res = await b.get('/account/hint');
    expect(res.headers.location).toBe('/account/reauth?return=%2Faccount%2Fhint');
  });
});

describe('忘記密碼 by e-mail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { PUBLIC_URL } });
    await citizen(t, 'chen.mei', { email: 'Mei@Example.tw' });
    await citizen(t, 'limit.me', { idNumber: 'B200106789' });
  });
  afterAll(() => t.close());

  async function requestLink(account: string, email: string) {
    const b = browser(t);
    await b.get('/recover/email');
    return b.post('/recover/email', { account, email });
  }

  function lastLink(to: string): URL {
    const mail = outbox(t.dataDir).filter((m) => m.to.toLowerCase() === to.toLowerCase()).at(-1)!;
    return linkIn(mail, '/recover/email/reset');
  }

  it('mails a link built from PUBLIC_URL when the name and address match, whatever their width or case', async () => {
    const res = await requestLink('ＣＨＥＮ.mei', 'ｍｅｉ@example.TW');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('如果帳號與電子郵件地址相符');
    const mail = outbox(t.dataDir).at(-1)!;
    // The address as registered (the mail library writes domains in lower case).
    expect(mail.to).toBe('Mei@example.tw');
    expect(mail.subject).toBe('【門戶】重設密碼的連結');
    expect(mail.text).toContain('chen.mei');
    expect(mail.text).toContain('30 分鐘');
    const link = linkIn(mail, '/recover/email/reset');
    expect(link.origin).toBe(PUBLIC_URL);
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Stored hashed only.
    const rows = await t.platform.store.db.selectFrom('email_tokens').selectAll().where('purpose', '=', 'reset_password').execute();
    expect(JSON.stringify(rows)).not.toContain(link.searchParams.get('token'));
  });

  it('answers the same page, and sends nothing, for an unknown name or an address that is not the account’s', async () => {
    const known = await requestLink('chen.mei', 'mei@example.tw');
    const before = outbox(t.dataDir).length;
    const unknownName = await requestLink('nobody.here', 'mei@example.tw');
    const otherAddress = await requestLink('chen.mei', 'someone@example.tw');
    for (const res of [unknownName, otherAddress]) {
      expect(res.statusCode).toBe(known.statusCode);
      expect(shape(res.body)).toBe(shape(known.body));
    }
    expect(outbox(t.dataDir).length).toBe(before);
  });

  it('shows the form on GET without using the link up; only the POST uses it, once; sessions end', async () => {
    const signedIn = browser(t);
    expect((await signIn(signedIn, 'chen.mei')).headers.location).toBe('/account');
    await requestLink('chen.mei', 'mei@example.tw');
    const link = lastLink('Mei@Example.tw');
    const b = browser(t);
    for (let i = 0; i < 2; i++) {
      const page = await b.get(link.pathname + link.search);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('請為帳號 chen.mei 設定新密碼');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
    const token = link.searchParams.get('token')!;
    const mismatch = await b.post('/recover/email/reset', { token, password: NEW_PASSWORD, passwordConfirm: 'something else' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('兩次輸入的密碼不一致');
    const done = await b.post('/recover/email/reset', { token, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login?done=reset');
    const again = await b.post('/recover/email/reset', { token, password: NEW_PASSWORD + '!', passwordConfirm: NEW_PASSWORD + '!' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('這個重設連結已失效');
    expect((await b.get(link.pathname + link.search)).statusCode).toBe(400);
    expect((await t.platform.sessions.lookup(signedIn.cookies().menhu_sid)).state).not.toBe('active');
    expect((await signIn(browser(t), 'chen.mei', NEW_PASSWORD)).headers.location).toBe('/account');
    const resets = await audit(t, 'account.password_reset');
    expect(resets.find((r) => r.outcome === 'success')?.detail).toMatchObject({ via: 'email', sessionsEnded: 1 });
    expect(resets.some((r) => r.outcome === 'refused' && r.detail.reason === 'link_invalid')).toBe(true);
  });

  it('makes older links of the account stop working once one is used', async () => {
    await requestLink('limit.me', 'limit.me@example.tw');
    const older = lastLink('limit.me@example.tw');
    await requestLink('limit.me', 'limit.me@example.tw');
    const newer = lastLink('limit.me@example.tw');
    const b = browser(t);
    await b.get(newer.pathname + newer.search);
    expect((await b.post('/recover/email/reset', { token: newer.searchParams.get('token')!, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD })).statusCode).toBe(303);
    expect((await b.get(older.pathname + older.search)).statusCode).toBe(400);
  });

  it('sends at most three a hour to one address; over it the page is the same and nothing is sent', async () => {
    t.clock.advance(2 * HOUR);
    const first = await requestLink('limit.me', 'limit.me@example.tw');
    const before = outbox(t.dataDir).length;
    await requestLink('limit.me', 'LIMIT.me@example.tw');
    await requestLink('limit.me', 'limit.me@example.tw');
    expect(outbox(t.dataDir).length).toBe(before + 2);
    const over = await requestLink('limit.me', 'limit.me@example.tw');
    expect(over.statusCode).toBe(200);
    expect(shape(over.body)).toBe(shape(first.body));
    expect(outbox(t.dataDir).length).toBe(before + 2);
    const refused = (await audit(t, 'account.password_reset_link')).filter((r) => r.detail.reason === 'mail_limit');
    expect(refused).toHaveLength(1);
    t.clock.advance(HOUR + MIN);
    await requestLink('limit.me', 'limit.me@example.tw');
    expect(outbox(t.dataDir).length).toBe(before + 3);
    // The log keeps a keyed hash of the address, never the address.
    const log = await t.platform.store.db.selectFrom('mail_log').selectAll().execute();
    expect(log.length).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain('limit.me');
    expect(log.map((row) => row.address_hash)).toContain(t.platform.mailLimits.addressRef('limit.me@example.tw'));
  });

  it('lets a link expire after 30 minutes', async () => {
    t.clock.advance(2 * HOUR);
    await requestLink('limit.me', 'limit.me@example.tw');
    const link = lastLink('limit.me@example.tw');
    t.clock.advance(29 * MIN);
    expect((await browser(t).get(link.pathname + link.search)).statusCode).toBe(200);
    t.clock.advance(2 * MIN);
    const b = browser(t);
    const page = await b.get(link.pathname + link.search);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('超過 30 分鐘');
    await b.get('/recover/email');
    expect((await b.post('/recover/email/reset', { token: link.searchParams.get('token')!, password: NEW_PASSWORD + '2', passwordConfirm: NEW_PASSWORD + '2' })).statusCode).toBe(400);
  });

  it('points out a malformed address', async () => {
    const res = await requestLink('chen.mei', 'not-an-address');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('電子郵件格式不正確');
  });

  it('audits every outcome, the address only as its keyed hash', async () => {
    const rows = await audit(t, 'account.password_reset_link');
    const reasons = new Set(rows.map((r) => (r.outcome === 'success' ? 'sent' : r.detail.reason)));
    for (const reason of ['sent', 'no_account', 'address_differs', 'mail_limit']) expect(reasons).toContain(reason);
    for (const row of rows) expect(row.detail.address).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows).toLowerCase()).not.toMatch(/example\.tw/);
  });
});

describe('忘記帳號 by e-mail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { PUBLIC_URL } });
    await citizen(t, 'wang.home', { email: 'wang@example.tw' });
    // Registering with the card may reuse an address; both names are listed.
    await citizen(t, 'wang.work', { idNumber: 'B200106789', email: 'WANG@example.tw' });
    await t.platform.accounts.setStatus(await citizen(t, 'wang.closed', { idNumber: 'F120190056', email: 'wang@example.tw' }), 'disabled');
  });
  afterAll(() => t.close());

  async function ask(email: string) {
    const b = browser(t);
    await b.get('/recover/account/email');
    return b.post('/recover/account/email', { email });
  }

  it('mails the address the account names that use it, none disabled', async () => {
    const res = await ask('ｗａｎｇ@example.tw');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('如果有帳號使用這個電子郵件地址');
    const mail = outbox(t.dataDir).at(-1)!;
    expect(mail.subject).toBe('【門戶】您的帳號');
    expect(mail.text).toContain('wang.home');
    expect(mail.text).toContain('wang.work');
    expect(mail.text).not.toContain('wang.closed');
    const rows = await audit(t, 'account.recover_name');
    expect(rows.filter((r) => r.outcome === 'success')).toHaveLength(2);
    expect(rows[0]?.detail).toMatchObject({ via: 'email', count: 2 });
  });

  it('answers an unknown address with the same page, and sends nothing', async () => {
    const known = await ask('wang@example.tw');
    const before = outbox(t.dataDir).length;
    const unknown = await ask('nobody@example.tw');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(shape(unknown.body)).toBe(shape(known.body));
    expect(outbox(t.dataDir).length).toBe(before);
  });

  it('keeps to three mails an hour per address', async () => {
    // Two were sent above.
    await ask('wang@example.tw');
    const before = outbox(t.dataDir).length;
    const over = await ask('wang@example.tw');
    expect(over.statusCode).toBe(200);
    expect(outbox(t.dataDir).length).toBe(before);
    const rows = await audit(t, 'account.recover_name');
    expect(rows.some((r) => r.detail.reason === 'mail_limit')).toBe(true);
    expect(rows.some((r) => r.detail.reason === 'no_account')).toBe(true);
    expect(JSON.stringify(rows).toLowerCase()).not.toMatch(/example\.tw/);
  });
});

describe('recovery routes switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    const { availability } = await import('../../src/methods/availability');
    t = await testApp({ methods: { ...availability, recoverPassword: false, recoverAccount: false, hintReset: false } });
  });
  afterAll(() => t.close());

  it('answer 501 for 忘記密碼 and 忘記帳號 when no way is on, and for each way', async () => {
    for (const url of ['/recover', '/recover/account', '/recover/hint', '/recover/email', '/recover/account/email']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(501);
      expect(res.body).toContain('尚未在本伺服器啟用');
    }
  });
});
