/**
 * The popup flow in Debian's Chromium (playwright-core, never `npx playwright install`): a page on a trusted
 * origin opens http://localhost:<port>/popupForm, answers getTbs with a tbsPackage and gets a signature that
 * packages/pki accepts; a page on an untrusted origin gets 0x76000031; on a card's final PIN try the person
 * must press the popup's confirm button first.
 *
 * The two page origins are one local server seen under two names: http://127.0.0.1:<p> (trusted) and
 * http://localhost:<p> (not trusted) — different origins to the browser, as two sites would be.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64, parseCertificate, verifyChallengeSignature } from '@menhu/pki';
import { LAST_ERROR, RET } from '../../src/codes';
import { startSigner, type RunningSigner } from '../../src/server';
import { softwareTokenProvider } from '../../src/token/software';
import type { TokenProvider } from '../../src/token/types';
import { CARD_PIN, freePort, makeSoftwareCard, type TestCard } from '../server/support';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const message = `Chromium is not available: install the Debian package chromium (expected at ${CHROMIUM})`;
  if (IN_CI) throw new Error(`${message} (CI=true: a missing browser fails the run)`);
  console.warn(`skipping: ${message}`);
}

/** The caller page: a button opens the popup, then getTbs → package → answer, as DESIGN.md "Card login" 2. */
function callerPage(signerOrigin: string): string {
  return `<!doctype html><meta charset="utf-8"><title>caller</title>
<button id="go">sign</button>
<script>
window.result = undefined;
document.getElementById('go').addEventListener('click', () => {
  const popup = window.open(${JSON.stringify(signerOrigin)} + '/popupForm', 'signer', 'width=480,height=360');
  const pkg = JSON.stringify(window.tbsPackage);
  window.addEventListener('message', function onMessage(event) {
    if (event.origin !== ${JSON.stringify(signerOrigin)} || event.source !== popup) return;
    const data = JSON.parse(event.data);
    if (data.func === 'getTbs') { popup.postMessage(pkg, ${JSON.stringify(signerOrigin)}); return; }
    window.removeEventListener('message', onMessage);
    window.result = data;
  });
});
</script>`;
}

/** A token that says its PIN is on the final try — a test double over the software token, named as such. */
function finalTryToken(inner: TokenProvider): TokenProvider & { signs: number } {
  const wrapper = {
    signs: 0,
    async slots() {
      return (await inner.slots()).map((s) => (s.token ? { ...s, token: { ...s.token, pinState: 'final_try' as const } } : s));
    },
    async sign(r: Parameters<TokenProvider['sign']>[0]) {
      wrapper.signs++;
      return inner.sign(r);
    },
    close: () => inner.close(),
  };
  return wrapper;
}

describe.skipIf(!haveChromium)('the popup in Chromium', () => {
  let card: TestCard;
  let browser: Browser;
  let pageServer: http.Server;
  let pagePort: number;
  const signers: RunningSigner[] = [];
  /** The component the caller page opens (each test starts its own). */
  let signerOrigin = '';

  beforeAll(async () => {
    card = await makeSoftwareCard();
    pagePort = await freePort();
    pageServer = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cross-origin-opener-policy': 'same-origin-allow-popups' });
      res.end(callerPage(signerOrigin));
    });
    await new Promise<void>((resolve) => pageServer.listen({ host: '127.0.0.1', port: pagePort }, resolve));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: 30_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of signers) await s.close();
    await new Promise<void>((resolve) => (pageServer ? pageServer.close(() => resolve()) : resolve()));
    card?.remove();
  });

  async function runFlow(options: { pageOrigin: string; token: TokenProvider; confirm?: 'confirm' | 'cancel'; func?: string }) {
    const port = await freePort();
    const signer = await startSigner({ token: options.token, trustedOrigins: [`http://127.0.0.1:${pagePort}`], port, version: 'browser-test' });
    signers.push(signer);
    signerOrigin = `http://localhost:${port}`;
    const nonce = randomBytes(32);
    const tbs = `menhu.login.${randomBytes(8).toString('hex')}`;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${options.pageOrigin}/`);
      await page.evaluate((pkg) => ((window as unknown as { tbsPackage: unknown }).tbsPackage = pkg), {
        tbs: encodeURIComponent(tbs), tbsEncoding: 'NONE', hashAlgorithm: 'SHA256', withCardSN: 'true',
        pin: encodeURIComponent(CARD_PIN), nonce: nonce.toString('hex'), func: options.func ?? 'MakeSignature', signatureType: 'PKCS7',
      });
      const popupOpened = context.waitForEvent('page');
      await page.click('#go');
      const popup = await popupOpened;
      if (options.confirm) {
        await popup.locator(options.confirm === 'confirm' ? '#confirm' : '#cancel').click({ timeout: 10_000 });
      }
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 10_000 });
      const result = (await page.evaluate(() => (window as unknown as { result: unknown }).result)) as Record<string, string | number>;
      if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => undefined);
      return { result, tbs, nonce: new Uint8Array(nonce), popupClosed: popup.isClosed() };
    } finally {
      await context.close();
    }
  }

  it('signs for a page on a trusted origin, and packages/pki accepts the signature with that origin', async () => {
    const trustedOrigin = `http://127.0.0.1:${pagePort}`;
    const { result, tbs, nonce, popupClosed } = await runFlow({ pageOrigin: trustedOrigin, token: await softwareTokenProvider(card.p12, card.password) });
    expect(result).toMatchObject({ func: 'sign', ret_code: 0, last_error: 0 });
    const certificate = parseCertificate(decodeBase64(result.certb64 as string, 'certb64', 16 * 1024));
    const verified = await verifyChallengeSignature({
      signatureType: 'PKCS7', signature: result.signature as string, certificate, challenge: { tbs, nonce }, expectedOrigin: trustedOrigin, cardSerial: result.cardSN as string,
    });
    expect(verified).toMatchObject({ verified: true, signedOrigin: trustedOrigin });
    expect(popupClosed).toBe(true);
  });

  it('answers 0x76000031 to a page on an untrusted origin, and the card is not used', async () => {
    const token = finalTryToken(await softwareTokenProvider(card.p12, card.password)); // counts signatures
    const { result } = await runFlow({ pageOrigin: `http://localhost:${pagePort}`, token });
    expect(result).toMatchObject({ func: 'sign', ret_code: RET.SITE_NOT_TRUSTED, signature: '' });
    expect(token.signs).toBe(0);
  });

  it('on a final PIN try, signs only after the person presses the popup\'s confirm button', async () => {
    const confirmed = finalTryToken(await softwareTokenProvider(card.p12, card.password));
    const yes = await runFlow({ pageOrigin: `http://127.0.0.1:${pagePort}`, token: confirmed, confirm: 'confirm' });
    expect(yes.result.ret_code).toBe(0);
    expect(confirmed.signs).toBe(1);

    const cancelled = finalTryToken(await softwareTokenProvider(card.p12, card.password));
    const no = await runFlow({ pageOrigin: `http://127.0.0.1:${pagePort}`, token: cancelled, confirm: 'cancel' });
    expect(no.result).toMatchObject({ ret_code: RET.CANCELLED, last_error: LAST_ERROR.NONE });
    expect(cancelled.signs).toBe(0);
  });

  it('answers GetUserCert with certificates to a trusted page, and CheckEnvir without the card serial to an untrusted one', async () => {
    const token = await softwareTokenProvider(card.p12, card.password);
    const trusted = await runFlow({ pageOrigin: `http://127.0.0.1:${pagePort}`, token, func: 'GetUserCert' });
    expect(trusted.result).toMatchObject({ func: 'pkcs11info', ret_code: 0 });
    const slots = trusted.result.slots as unknown as { token: { serialNumber: string; certs: { certb64: string }[] } }[];
    expect(slots[0]!.token.serialNumber).toMatch(/^SW/);
    expect(Buffer.from(slots[0]!.token.certs[0]!.certb64, 'base64')).toEqual(Buffer.from(card.card.certificateDer));

    const untrusted = await runFlow({ pageOrigin: `http://localhost:${pagePort}`, token, func: 'CheckEnvir' });
    expect(untrusted.result).toMatchObject({ func: 'pkcs11info', ret_code: 0, slots: [{ slotDescription: 'Software token (not a card)', token: { serialNumber: '' } }] });
    expect(JSON.stringify(untrusted.result)).not.toContain('certb64');
    const refused = await runFlow({ pageOrigin: `http://localhost:${pagePort}`, token, func: 'GetUserCert' });
    expect(refused.result).toMatchObject({ func: 'pkcs11info', ret_code: RET.SITE_NOT_TRUSTED });
    expect(JSON.stringify(refused.result)).not.toContain('certb64');
  });

  it('adds a site on /addDomain only when the person presses the button, and the page cannot be framed', async () => {
    const port = await freePort();
    const signer = await startSigner({ token: await softwareTokenProvider(card.p12, card.password), trustedOrigins: [], port, version: 'browser-test' });
    signers.push(signer);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`http://localhost:${port}/addDomain?origin=${encodeURIComponent('https://例え.jp')}`);
      expect(await page.locator('#origin').textContent({ timeout: 5_000 })).toBe('https://xn--r8jz45g.jp');
      await page.locator('#add:enabled').click({ timeout: 5_000 });
      await page.waitForURL(/\/addDomain$/, { timeout: 5_000 });
      expect(await page.locator('body').innerText({ timeout: 5_000 })).toContain('已加入信任網站');
      expect(signer.trustedOrigins()).toEqual(['https://xn--r8jz45g.jp']);

      // A site that frames the page gets nothing to click (frame-ancestors 'none', X-Frame-Options DENY).
      const framer = await context.newPage();
      await framer.goto(`http://127.0.0.1:${pagePort}/`);
      await framer.evaluate((src) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        document.body.append(frame);
      }, `http://localhost:${port}/addDomain?origin=${encodeURIComponent('https://evil.example')}`);
      await framer.waitForTimeout(1000);
      const framed = framer.frames().find((f) => f.url().includes('/addDomain'));
      expect(framed ? await framed.locator('#add').count() : 0).toBe(0);
    } finally {
      await context.close();
    }
  });
});
