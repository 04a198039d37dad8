/**
 * Card sign-in when it fails, and the card's account services, in Debian's Chromium with the project's own
 * signing component (packages/signer startSigner) answering through its popup: what the citizen reads in the
 * card panel for a wrong PIN (a SoftHSM2 card through the component's PKCS#11 path), no card in a real empty
 * reader (vpcd under pcscd, OpenSC as the PKCS#11 module), an expired card, a revoked card (OCSP from the dev
 * responder), a card from an issuer the platform does not trust, and a replayed or altered signature (the page's
 * post rewritten with page.route), and a challenge issued to another browser session. Then a holder without
 * an account registering from the first card login, 以自然人憑證查詢帳號, 以自然人憑證啟用帳號 for a pending and for a
 * locked account, and 以自然人憑證重設密碼, each followed by the password sign-in it makes possible.
 *
 * One development CA (plus a second, untrusted one), one platform, one browser and one component serve the whole
 * file; what changes between tests is the token the component reads (test/support/card-browser.ts).
 */
import path from 'node:path';
import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t, type Lang, type MessageKey } from '@menhu/protocol';
import { initDevCa, issueCard, revoke, startDevResponder, type DevCa, type DevResponder } from '@menhu/pki/devca';
import { softwareTokenProvider, startSigner, type RunningSigner, type TokenProvider } from '@menhu/signer';
import { pkcs11TokenProvider } from '../../../signer/src/token/pkcs11';
import {
  OPENSC_MODULE,
  SOFTHSM_MODULE,
  emptyReaderAvailable,
  initSoftHsmToken,
  softHsmAvailable,
  softHsmConfig,
  startPcscd,
  waitFor,
} from '../../../signer/test/token/support';
import { chromiumAvailable } from '../support/services';
import { freePort } from '../support/ports';
import { tempDir } from '../support/platform';
import { DESKTOP, WAIT_MS, screenshot, startBrowserPlatform, type BrowserPlatform } from '../support/browser';
import { cardFailure, pressCard, SwappableToken } from '../support/card-browser';

const PIN = '24681357';
const WRONG_PIN = '13572468';
const PASSWORD = '藍色海洋 sailing 2026';
const DAY_MS = 86_400_000;
/** The holder every card here names, and the accounts the services act on. */
const HOLDER = { displayName: '王小明', idNumber: 'A123456789' } as const;
/** A card holder with no account, who registers from the first card login. */
const NEWCOMER = { displayName: '林大同', idNumber: 'F131104093' } as const;

const haveChromium = await chromiumAvailable();
// Asked only when Chromium is there, so a machine without it gets one message, not three.
const haveSoftHsm = haveChromium && softHsmAvailable();
const haveReader = haveChromium && emptyReaderAvailable();

/** What the panel shows for a problem: its title as the citizen reads it, then the remedy the catalogue holds. */
function says(title: string, lang: Lang, remedy: MessageKey): string {
  return `${title} ${t(lang, remedy)}`;
}

/** The help page's five steps for a card that is not read, in order. */
const CARD_STEPS = ['help.cardFailed.s1', 'help.cardFailed.s2', 'help.cardFailed.s3', 'help.cardFailed.s4', 'help.cardFailed.s5'] as const;

/** The JSON the page posts to /login/card (never the PIN). */
interface CardPost {
  nonce: string;
  signatureType: string;
  certb64: string;
  signature: string;
  cardSN: string;
}

function isCardLoginPost(url: URL): boolean {
  return url.pathname === '/login/card';
}

/**
 * The CMS with its last byte flipped. SignerInfos end the SignedData and the SignerInfo ends with its signature
 * value (there are no unsigned attributes), so the byte changed is the RSA signature's own, and everything still
 * parses: the platform must find the signature wrong, not the data malformed.
 */
function alterSignature(signatureB64: string): string {
  const der = Buffer.from(signatureB64, 'base64');
  const last = der.length - 1;
  der.writeUInt8(der.readUInt8(last) ^ 0x01, last);
  return der.toString('base64');
}

describe.skipIf(!haveChromium)('card sign-in failures and the card’s account services in Chromium, with the local component', () => {
  const tmp = tempDir('menhu-card-failures-');
  const reader = new SwappableToken();
  /** Set by a test to run the component with a clock that is behind, as on a PC whose date is wrong. */
  let componentClockOffsetMs = 0;
  let ca: DevCa;
  let responder: DevResponder;
  let platform: BrowserPlatform;
  let signer: RunningSigner;
  const cards: Partial<Record<'good' | 'expired' | 'revoked' | 'foreign' | 'newcomer', TokenProvider>> = {};
  const contexts: BrowserContext[] = [];

  function card(name: keyof typeof cards): TokenProvider {
    const token = cards[name];
    if (!token) throw new Error(`the ${name} card was not made`);
    return token;
  }

  beforeAll(async () => {
    const [ocspPort, unusedPort, signerPort] = [await freePort(), await freePort(), await freePort()];
    // The second CA's certificates point at a port nothing listens on: the platform must refuse its card for
    // the issuer before it would ever ask about revocation.
    const [trusted, foreign] = await Promise.all([
      initDevCa(path.join(tmp.dir, 'ca'), { baseUrl: `http://127.0.0.1:${ocspPort}`, caKeyAlgorithm: 'rsa-2048' }),
      initDevCa(path.join(tmp.dir, 'foreign-ca'), { baseUrl: `http://127.0.0.1:${unusedPort}`, caKeyAlgorithm: 'rsa-2048' }),
    ]);
    ca = trusted;
    responder = await startDevResponder(ca.dir, { port: ocspPort });

    const p12 = (name: string) => ({ to: 'pkcs12', file: path.join(tmp.dir, `${name}.p12`), password: PIN }) as const;
    const citizen = { kind: 'citizen', name: HOLDER.displayName, id: HOLDER.idNumber } as const;
    const now = Date.now();
    // One CA's state file is rewritten by each issue: its cards one after another, the other CA's alongside.
    await Promise.all([
      (async () => {
        await issueCard(ca.dir, { ...citizen, output: p12('good') });
        await issueCard(ca.dir, { ...citizen, validity: { notBefore: new Date(now - 30 * DAY_MS), notAfter: new Date(now - DAY_MS) }, output: p12('expired') });
        const revoked = await issueCard(ca.dir, { ...citizen, output: p12('revoked') });
        await revoke(ca.dir, revoked.serial, 'keyCompromise');
        // A holder with no account yet, for registration from the first card login.
        await issueCard(ca.dir, { kind: 'citizen', name: NEWCOMER.displayName, id: NEWCOMER.idNumber, output: p12('newcomer') });
      })(),
      issueCard(foreign.dir, { ...citizen, output: p12('foreign') }),
    ]);
    for (const name of ['good', 'expired', 'revoked', 'foreign', 'newcomer'] as const) cards[name] = await softwareTokenProvider(path.join(tmp.dir, `${name}.p12`), PIN);

    // TRUST_ANCHORS is the first CA's only: the second is "an issuer the platform does not trust".
    platform = await startBrowserPlatform({ TRUST_ANCHORS: ca.trustDir, SIGNER_URL: `http://localhost:${signerPort}` });
    signer = await startSigner({
      token: reader,
      trustedOrigins: [platform.baseUrl],
      port: signerPort,
      version: 'menhu-signer card-failures test',
      // Far more signatures than a person makes in a minute go through this one component.
      pinLimit: { max: 1000 },
      now: () => new Date(Date.now() + componentClockOffsetMs),
    });
  }, 90_000);

  afterAll(async () => {
    await signer?.close();
    await platform?.close();
    await responder?.close();
    for (const token of Object.values(cards)) await token?.close();
    tmp.remove();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    componentClockOffsetMs = 0;
  });

  /** A fresh browser profile in `lang`, on `pathname` of the platform. */
  async function open(pathname: string, lang: Lang): Promise<Page> {
    const context = await platform.browser.newContext({ ...DESKTOP, locale: lang, baseURL: platform.baseUrl });
    contexts.push(context);
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    const response = await page.goto(pathname);
    expect(response?.status()).toBe(200);
    return page;
  }

  /** Every post the page makes to /login/card. */
  function cardPosts(page: Page): Request[] {
    const seen: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && isCardLoginPost(new URL(r.url()))) seen.push(r);
    });
    return seen;
  }

  describe('what the panel says when the card or its signature is refused', () => {
    it('an expired card: the component refuses it before the PIN is used, and nothing reaches the platform', async () => {
      reader.insert(card('expired'));
      const page = await open('/login', 'zh-TW');
      const posts = cardPosts(page);
      await pressCard(page, PIN, 'zh-TW');
      expect(await cardFailure(page)).toBe(says('卡片上的憑證已過期', 'zh-TW', 'card.remedy.certExpired'));
      expect(posts).toEqual([]);
    });

    it('an expired card signed by a component whose clock is behind: the platform refuses it by its own clock', async () => {
      reader.insert(card('expired'));
      componentClockOffsetMs = -3 * DAY_MS;
      const page = await open('/login', 'zh-TW');
      await pressCard(page, PIN, 'zh-TW');
      expect(await cardFailure(page)).toBe(says('您的憑證已過期，請向發卡單位申請展期或換發新卡。', 'zh-TW', 'card.remedy.ERR_PKI_CERT_EXPIRED'));
    });

    it('a revoked card, as the dev responder answers by OCSP: in Chinese and in English', async () => {
      reader.insert(card('revoked'));
      const zh = await open('/login', 'zh-TW');
      await pressCard(zh, PIN, 'zh-TW');
      expect(await cardFailure(zh)).toBe(says('您的憑證已被廢止或停用，請洽發卡單位。', 'zh-TW', 'card.remedy.ERR_PKI_REVOKED'));
      // The platform's answer names its help answer too: the certificate authorities' help lines.
      expect(await zh.locator('#card-help a').getAttribute('href')).toBe('/help#helplines');

      const en = await open('/login', 'en');
      await pressCard(en, PIN, 'en');
      expect(await cardFailure(en)).toBe(says('Your certificate has been revoked or suspended. Please contact the issuing authority.', 'en', 'card.remedy.ERR_PKI_REVOKED'));
      await screenshot(en, 'card-failure-revoked-en');
    });

    it('a card from an issuer the platform does not trust', async () => {
      reader.insert(card('foreign'));
      const page = await open('/login', 'zh-TW');
      await pressCard(page, PIN, 'zh-TW');
      expect(await cardFailure(page)).toBe(says('這張憑證不是由本平臺信任的憑證機構所簽發。', 'zh-TW', 'card.remedy.ERR_PKI_UNTRUSTED_ISSUER'));
    });

    it('a replayed answer: the same post again, and the previous signature under a fresh challenge', async () => {
      reader.insert(card('good'));
      const page = await open('/login', 'zh-TW');
      const bodies: string[] = [];
      await page.route(isCardLoginPost, async (route: Route) => {
        const body = route.request().postData() ?? '';
        bodies.push(body);
        const first = bodies[0]!;
        if (bodies.length === 1) return route.continue();
        if (bodies.length === 2) return route.continue({ postData: first });
        // The third: this attempt's own nonce, whose challenge is fresh, with the first attempt's signature.
        const previous = JSON.parse(first) as CardPost;
        const now = JSON.parse(body) as CardPost;
        return route.continue({ postData: JSON.stringify({ ...now, certb64: previous.certb64, signature: previous.signature, cardSN: previous.cardSN }) });
      });

      // The first attempt goes through as it is (to the bind page or the account, whichever test ran first).
      const accepted = page.waitForResponse((r) => r.request().method() === 'POST' && isCardLoginPost(new URL(r.url())));
      await pressCard(page, PIN, 'zh-TW');
      expect((await accepted).status()).toBe(200);
      await page.waitForURL((url) => url.pathname !== '/login');

      await page.goto('/login');
      await pressCard(page, PIN, 'zh-TW');
      // Its challenge was consumed by the first use.
      expect(await cardFailure(page)).toBe(t('zh-TW', 'ERR_CARD_CHALLENGE'));

      await page.goto('/login');
      await pressCard(page, PIN, 'zh-TW');
      expect(await cardFailure(page)).toBe(says('簽章內容不是本次登入的驗證資料，請重新整理頁面後再登入。', 'zh-TW', 'card.remedy.ERR_PKI_CHALLENGE_MISMATCH'));
      expect(bodies).toHaveLength(3);
    });

    it('a challenge issued to another browser session is refused', async () => {
      reader.insert(card('good'));
      // Another browser gets a challenge of its own from the platform…
      const other = await open('/login', 'zh-TW');
      const theirs = await other.evaluate(async () => {
        const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
        const res = await fetch('/login/card/challenge', { method: 'POST', headers: { 'x-csrf-token': csrf, accept: 'application/json' } });
        return res.text();
      });
      // …and this page is handed that challenge instead of its own, signs it with the card and posts it.
      const page = await open('/login', 'zh-TW');
      await page.route(
        (url) => url.pathname === '/login/card/challenge',
        async (route) => {
          await route.fetch(); // this session's own challenge is issued, and left unused
          await route.fulfill({ status: 200, contentType: 'application/json', body: theirs });
        },
      );
      await pressCard(page, PIN, 'zh-TW');
      expect(await cardFailure(page)).toBe(t('zh-TW', 'ERR_CARD_CHALLENGE'));
    });

    it('an altered signature, and then the unaltered one on a fresh challenge goes through', async () => {
      reader.insert(card('good'));
      const page = await open('/login', 'zh-TW');
      const alter = async (route: Route) => {
        const body = JSON.parse(route.request().postData() ?? '{}') as CardPost;
        await route.continue({ postData: JSON.stringify({ ...body, signature: alterSignature(body.signature) }) });
      };
      await page.route(isCardLoginPost, alter);
      await pressCard(page, PIN, 'zh-TW');
      expect(await cardFailure(page)).toBe(says('簽章驗證失敗：簽章與憑證不符。請重新登入一次。', 'zh-TW', 'card.remedy.ERR_PKI_BAD_SIGNATURE'));

      // The same card and page, left alone: so it was the flipped byte, nothing else, that was refused.
      await page.unroute(isCardLoginPost, alter);
      await pressCard(page, PIN, 'zh-TW');
      await page.waitForURL((url) => url.pathname === '/login/card/bind' || url.pathname === '/account');
    });
  });

  describe.skipIf(!haveSoftHsm)('a wrong PIN on a SoftHSM2 card, through the component’s PKCS#11 path', () => {
    let hsm: TokenProvider | undefined;

    beforeAll(async () => {
      // SoftHSM2 reads SOFTHSM2_CONF when the module is first initialised: before the provider's first call.
      const { env } = softHsmConfig(path.join(tmp.dir, 'hsm'));
      await initSoftHsmToken(env, 'CARD1', PIN);
      await issueCard(ca.dir, {
        kind: 'citizen',
        name: HOLDER.displayName,
        id: HOLDER.idNumber,
        output: { to: 'token', module: SOFTHSM_MODULE, tokenLabel: 'CARD1', pin: PIN, env, keyId: '01' },
      });
      hsm = pkcs11TokenProvider({ module: SOFTHSM_MODULE, name: 'SoftHSM2' });
    }, 60_000);

    afterAll(async () => {
      reader.remove();
      await hsm?.close();
    });

    it('says the PIN is wrong with the tries the card reports left, and the right PIN then signs', async () => {
      reader.insert(hsm!);
      const page = await open('/login', 'zh-TW');
      await pressCard(page, WRONG_PIN, 'zh-TW');
      // A real card counts down (3 tries); SoftHSM2 has no counter and only raises CKF_USER_PIN_COUNT_LOW after
      // a wrong PIN, which the component reports as 0x80000002 — exactly what a 3-try card says after one miss.
      expect(await cardFailure(page)).toBe(says('PIN 碼錯誤，還可以再試 2 次', 'zh-TW', 'card.remedy.wrongPinTwoLeft'));
      // The page never keeps a PIN once it has gone to the component.
      expect(await page.locator('#pin').inputValue()).toBe('');
      await screenshot(page, 'card-failure-wrong-pin-zh-TW');

      await pressCard(page, PIN, 'zh-TW');
      await page.waitForURL((url) => url.pathname === '/login/card/bind');
      expect(await page.locator('main').innerText()).toContain(`憑證持有人：${HOLDER.displayName}`);
    });
  });

  describe.skipIf(!haveReader)('no card in a real, empty reader (vpcd under pcscd, OpenSC as the PKCS#11 module)', () => {
    let pcscd: Awaited<ReturnType<typeof startPcscd>> | undefined;
    let opensc: TokenProvider | undefined;

    beforeAll(async () => {
      pcscd = await startPcscd();
      opensc = pkcs11TokenProvider({ module: OPENSC_MODULE, name: 'OpenSC' });
      // pcscd answers on its socket before it has loaded every reader driver.
      await waitFor(
        'the vpcd readers',
        async () => (await opensc!.slots().catch(() => [])).filter((s) => s.description.startsWith('Virtual PCD')).length >= 2,
        10_000,
      );
    }, 30_000);

    afterAll(async () => {
      reader.remove();
      await opensc?.close();
      await pcscd?.stop();
    });

    beforeEach(() => {
      reader.insert(opensc!);
    });

    it('says 「憑證登入失敗，請插卡再試」 with what to do, and the help page has the steps it refers to', async () => {
      const page = await open('/login', 'zh-TW');
      await pressCard(page, PIN, 'zh-TW');
      expect(await cardFailure(page)).toBe(says('憑證登入失敗，請插卡再試', 'zh-TW', 'card.remedy.noCard'));
      await screenshot(page, 'card-failure-no-card-zh-TW');

      // The help answer the message belongs to (component-codes.ts: noCard → /help#card-failed).
      await page.goto('/help#card-failed');
      expect(await page.locator('#card-failed').innerText()).toBe(t('zh-TW', 'help.cardFailed.q'));
      const steps = page.locator('section[data-help-question="card-failed"] ol').first().locator('li');
      expect(await steps.allInnerTexts()).toEqual(CARD_STEPS.map((k) => t('zh-TW', k)));
    });

    it('says the same in English', async () => {
      const page = await open('/login', 'en');
      await pressCard(page, PIN, 'en');
      expect(await cardFailure(page)).toBe(says('Card sign-in failed: insert your card and try again', 'en', 'card.remedy.noCard'));
    });

    it('links the help steps from that message', async () => {
      const page = await open('/login', 'zh-TW');
      await pressCard(page, PIN, 'zh-TW');
      await cardFailure(page);
      const link = page.locator('#card-login').getByRole('link', { name: t('zh-TW', 'card.helpLink'), exact: true });
      expect(await link.count()).toBe(1);
      expect(await link.getAttribute('href')).toBe('/help#card-failed');
      await link.click();
      await page.waitForURL((url) => url.pathname === '/help' && url.hash === '#card-failed');
    });
  });

  describe('the first card login of a holder without an account', () => {
    it('registers a new account with the card’s name, bound to the card and signed in at the highest level', async () => {
      reader.insert(card('newcomer'));
      const page = await open('/login', 'zh-TW');
      await pressCard(page, PIN, 'zh-TW');
      await page.waitForURL((url) => url.pathname === '/login/card/bind');
      await page.getByRole('link', { name: t('zh-TW', 'cardbind.registerHeading') }).click();
      await page.waitForURL((url) => url.pathname === '/login/card/register');
      const name = page.getByLabel('姓名', { exact: true });
      expect(await name.inputValue()).toBe(NEWCOMER.displayName);
      expect(await name.getAttribute('readonly')).not.toBeNull();

      // An ID number that is not the card holder's is refused, with the field named.
      await page.getByLabel('帳號', { exact: true }).fill('lin.datong');
      await page.getByLabel('密碼', { exact: true }).fill(PASSWORD);
      await page.getByLabel('確認密碼', { exact: true }).fill(PASSWORD);
      await page.getByLabel('身分證統一編號', { exact: true }).fill(HOLDER.idNumber);
      await page.getByLabel('電子郵件', { exact: true }).fill('datong@example.tw');
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: t('zh-TW', 'cardbind.registerSubmit') }).click();
      await page.waitForLoadState();
      expect(await page.locator('#error-summary').innerText()).toContain(t('zh-TW', 'ERR_CARD_ID_DIFFERS'));

      await page.getByLabel('密碼', { exact: true }).fill(PASSWORD);
      await page.getByLabel('確認密碼', { exact: true }).fill(PASSWORD);
      await page.getByLabel('身分證統一編號', { exact: true }).fill(NEWCOMER.idNumber);
      await page.getByRole('button', { name: t('zh-TW', 'cardbind.registerSubmit') }).click();
      await page.waitForURL((url) => url.pathname === '/account');
      const text = await page.locator('main').innerText();
      expect(text).toContain('F*****4093（已由自然人憑證驗證）');
      expect(text).toContain('高（自然人憑證卡片）');
      expect(text).toContain(t('zh-TW', 'emailcheck.pending'));
      await screenshot(page, 'card-register-account-zh-TW');

      // From now on the card alone signs in to it.
      const again = await open('/login', 'zh-TW');
      await pressCard(again, PIN, 'zh-TW');
      await again.waitForURL((url) => url.pathname === '/account');
      expect(await again.locator('main').innerText()).toContain('lin.datong');
    });

    it('以自然人憑證查詢帳號 shows the account names of the card’s holder once', async () => {
      reader.insert(card('good'));
      await platform.server.platform.accounts.createActivated({ accountName: 'wang.forgot', password: PASSWORD, ...HOLDER, email: 'wang.forgot@example.tw' });
      const page = await open('/recover/account', 'zh-TW');
      await page.getByRole('link', { name: t('zh-TW', 'recovery.accountTitle') }).click();
      await page.waitForURL((url) => url.pathname === '/recover/account/card');
      await page.getByLabel('身分證統一編號', { exact: true }).fill(HOLDER.idNumber);
      await pressCard(page, PIN, 'zh-TW', 'confirm');
      await page.waitForURL((url) => url.pathname === '/recover/account/card/result');
      expect(await page.locator('main').innerText()).toContain('wang.forgot');
      // Shown once: a reload (or the next person at a shared computer) gets the form again.
      await page.reload();
      expect(new URL(page.url()).pathname).toBe('/recover/account/card');
    });
  });

  describe('the card’s account services', () => {
    const accounts = () => platform.server.platform.accounts;

    beforeEach(() => {
      reader.insert(card('good'));
    });

    /**
     * Signs in with name and password on the login page, as a person would; returns where the browser ended up,
     * the page's heading and the message above the form.
     */
    async function passwordSignIn(page: Page, accountName: string, password: string): Promise<{ path: string; heading: string; notice: string }> {
      await page.goto('/login');
      const form = page.getByRole('region', { name: '帳號登入', exact: true });
      await form.getByLabel('帳號', { exact: true }).fill(accountName);
      await form.getByLabel('密碼', { exact: true }).fill(password);
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
      // The form's answer is a new document (the page again, or /account after the redirect).
      const shown = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
      await form.getByRole('button', { name: '登入', exact: true }).click();
      await answered;
      await shown;
      await page.waitForLoadState();
      const notice = page.locator('#login-notice');
      return {
        path: new URL(page.url()).pathname,
        heading: await page.getByRole('heading', { level: 1 }).innerText(),
        notice: (await notice.count()) > 0 ? (await notice.innerText()).trim() : '',
      };
    }

    /** Fills a card service page's fields, then the PIN, and confirms; waits for the login page it leads to. */
    async function cardService(page: Page, fields: Readonly<Record<string, string>>, done: 'activated' | 'reset'): Promise<string> {
      for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
      await pressCard(page, PIN, 'zh-TW', 'confirm');
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('done') === done);
      return (await page.locator('#login-notice').innerText()).trim();
    }

    it('以自然人憑證啟用帳號 activates an account that was never activated; its password then signs in', async () => {
      const registered = await accounts().register(
        { accountName: 'wang.pending', password: PASSWORD, passwordConfirm: PASSWORD, ...HOLDER, email: 'wang.pending@example.tw', consent: true },
        'zh-TW',
        {},
      );
      expect(registered.ok).toBe(true);
      const page = await open('/login', 'zh-TW');
      // The right password, but not yet activated.
      expect(await passwordSignIn(page, 'wang.pending', PASSWORD)).toMatchObject({ heading: '帳號尚未啟用' });

      await page.goto('/activate/card');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('以自然人憑證啟用帳號');
      expect(await cardService(page, { 帳號: 'wang.pending' }, 'activated')).toBe(t('zh-TW', 'cardservice.activated'));

      expect(await passwordSignIn(page, 'wang.pending', PASSWORD)).toMatchObject({ path: '/account', heading: '我的帳戶' });
    });

    it('以自然人憑證啟用帳號 lifts the lock of five wrong passwords at once; the right password then signs in', async () => {
      await accounts().createActivated({ accountName: 'wang.locked', password: PASSWORD, ...HOLDER, email: 'wang.locked@example.tw' });
      const page = await open('/login', 'zh-TW');
      const answers: string[] = [];
      for (let i = 1; i <= 5; i++) answers.push((await passwordSignIn(page, 'wang.locked', `wrong guess number ${i}`)).notice);
      expect(answers.slice(0, 4)).toEqual(Array.from({ length: 4 }, () => t('zh-TW', 'ERR_LOGIN_FAILED')));
      expect(answers[4]).toMatch(/^鎖定：/);
      // Locked: the right password is refused the same way, and the page points to the card.
      const locked = await passwordSignIn(page, 'wang.locked', PASSWORD);
      expect(locked.path).toBe('/login');
      expect(locked.notice).toMatch(/^鎖定：/);
      expect(locked.notice).toContain(t('zh-TW', 'login.lockedCardHint'));

      await page.goto('/activate/card');
      expect(await cardService(page, { 帳號: 'wang.locked' }, 'activated')).toBe(t('zh-TW', 'cardservice.activated'));
      expect(await passwordSignIn(page, 'wang.locked', PASSWORD)).toMatchObject({ path: '/account', heading: '我的帳戶' });
    });

    it('以自然人憑證重設密碼 sets a new password: it signs in, and the old one is refused', async () => {
      await accounts().createActivated({ accountName: 'wang.reset', password: PASSWORD, ...HOLDER, email: 'wang.reset@example.tw' });
      const NEW_PASSWORD = 'a brand new sentence 2027';
      const page = await open('/recover/card', 'zh-TW');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('以自然人憑證重設密碼');
      const notice = await cardService(page, { 帳號: 'wang.reset', 新密碼: NEW_PASSWORD, 確認新密碼: NEW_PASSWORD }, 'reset');
      expect(notice).toBe(t('zh-TW', 'cardservice.reset'));

      expect(await passwordSignIn(page, 'wang.reset', PASSWORD)).toMatchObject({ path: '/login', notice: t('zh-TW', 'ERR_LOGIN_FAILED') });
      expect(await passwordSignIn(page, 'wang.reset', NEW_PASSWORD)).toMatchObject({ path: '/account', heading: '我的帳戶' });
    });
  });
});
