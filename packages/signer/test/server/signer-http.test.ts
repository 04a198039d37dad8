/**
 * The component's HTTP side against a running component on a free port, with a software token (a PKCS#12 card
 * from the development CA): what a page, a rebinding attacker and the platform's verifier would each see.
 */
import { execFileSync } from 'node:child_process';
import { createPublicKey, randomBytes, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64, loadTrustStore, parseCertificate, validateCardCertificate, verifyChallengeSignature } from '@menhu/pki';
import { LAST_ERROR, RET } from '../../src/codes';
import { startSigner, type RunningSigner } from '../../src/server';
import { softwareTokenProvider } from '../../src/token/software';
import type { SignRequest, TokenProvider } from '../../src/token/types';
import { CARD_PIN, formHeaders, freePort, makeSoftwareCard, request, signBody, type TestCard } from './support';

const TRUSTED = 'https://login.example.gov.tw';
const ALSO_TRUSTED = 'http://127.0.0.1:3000';
const UNTRUSTED = 'https://evil.example';

/** Counts what reaches the token, so a test can say "no PIN try was spent". */
function counting(token: TokenProvider) {
  const pins: string[] = [];
  const wrapped: TokenProvider = {
    slots: () => token.slots(),
    sign: (r: SignRequest) => {
      pins.push(r.pin);
      return token.sign(r);
    },
    close: () => token.close(),
  };
  return { token: wrapped, pins };
}

function challenge() {
  const nonce = randomBytes(32);
  return { tbs: `menhu.login.${Date.now()}.${randomBytes(6).toString('hex')}`, nonce: new Uint8Array(nonce), nonceHex: nonce.toString('hex') };
}

function pkcs7Package(c: ReturnType<typeof challenge>, extra: Record<string, string> = {}) {
  return {
    tbs: encodeURIComponent(c.tbs),
    tbsEncoding: 'NONE',
    hashAlgorithm: 'SHA256',
    withCardSN: 'true',
    pin: encodeURIComponent(CARD_PIN),
    nonce: c.nonceHex,
    func: 'MakeSignature',
    signatureType: 'PKCS7',
    ...extra,
  };
}

let card: TestCard;
let signer: RunningSigner;
let spy: ReturnType<typeof counting>;
let port: number;
let configFile: string;

beforeAll(async () => {
  card = await makeSoftwareCard();
  spy = counting(await softwareTokenProvider(card.p12, card.password));
  port = await freePort();
  configFile = path.join(card.dir, 'signer.json');
  writeFileSync(configFile, JSON.stringify({ port, trustedOrigins: [TRUSTED, ALSO_TRUSTED], keep: 'me' }));
  signer = await startSigner({ token: spy.token, trustedOrigins: [TRUSTED, ALSO_TRUSTED], port, version: 'menhu-signer test', configFile, pinLimit: { max: 100 } }); // the limit has its own test below
});

afterAll(async () => {
  await signer?.close();
  card?.remove();
});

/** POST /sign from `origin` (null: no Origin header, as curl sends). */
const sign = (pkg: Record<string, string>, origin: string | null = TRUSTED) => request(port, { path: '/sign', headers: formHeaders(origin ?? undefined), body: signBody(pkg) });

describe('who may talk to the component', () => {
  it('listens on 127.0.0.1 and ::1 and answers Host localhost, 127.0.0.1 and [::1] with its port', async () => {
    expect(signer.hosts).toEqual(['127.0.0.1', '::1']);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const answer = await request(port, { path: '/pkcs11info', headers: { Host: host } });
      expect(answer.status, host).toBe(200);
      expect(answer.json.func).toBe('pkcs11info');
    }
    const overIpv6 = await request(port, { path: '/pkcs11info', host: '::1', headers: { Host: `[::1]:${port}` } });
    expect(overIpv6.status).toBe(200);
  });

  it('refuses a rebound name or a Host without the port with 403, before anything else', async () => {
    for (const host of [`evil.example:${port}`, 'evil.example', 'localhost', `localhost:${port + 1}`, `127.0.0.1.nip.io:${port}`]) {
      const answer = await request(port, { path: '/sign', headers: { ...formHeaders(TRUSTED), Host: host }, body: signBody(pkcs7Package(challenge())) });
      expect(answer.status, host).toBe(403);
      expect(answer.json.ret_code).toBeUndefined();
    }
    expect((await request(port, { method: 'GET', path: '/popupForm', headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect(spy.pins).toHaveLength(0);
  });

  it('sends no CORS headers, so no other site can read an answer', async () => {
    const answer = await request(port, { path: '/pkcs11info?withcert=true', headers: { Origin: TRUSTED } });
    expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});

describe('POST /pkcs11info', () => {
  it('lists the software token as such, without its serial or certificates for an untrusted caller', async () => {
    const answer = await request(port, { path: '/pkcs11info', headers: { Origin: UNTRUSTED } });
    expect(answer.json).toMatchObject({ func: 'pkcs11info', ret_code: 0, last_error: 0 });
    expect(answer.json.serverVersion).toContain('software token');
    const slots = answer.json.slots as { slotDescription: string; slotID: number; token: Record<string, unknown> }[];
    expect(slots).toHaveLength(1);
    expect(slots[0]!.slotDescription).toBe('Software token (not a card)');
    expect(slots[0]!.token.label).toMatch(/^Software token \(not a card\)/);
    expect(slots[0]!.token.serialNumber).toBe('');
    expect(slots[0]!.token.certs).toBeUndefined();
  });

  it('gives certificates (withcert=true) to a trusted origin only; an untrusted one gets 0x76000031', async () => {
    const refused = await request(port, { path: '/pkcs11info?withcert=true', headers: { Origin: UNTRUSTED } });
    expect(refused.json.ret_code).toBe(RET.SITE_NOT_TRUSTED);
    expect(refused.text).not.toContain('certb64');

    const noOrigin = await request(port, { path: '/pkcs11info?withcert=true' });
    expect(noOrigin.json.ret_code).toBe(RET.SITE_NOT_TRUSTED);
    expect(noOrigin.text).not.toContain('certb64');

    const answer = await request(port, { path: '/pkcs11info?withcert=true', headers: { Origin: TRUSTED } });
    expect(answer.json.ret_code).toBe(0);
    const token = (answer.json.slots as { token: { serialNumber: string; certs: Record<string, string>[]; keys: Record<string, string>[] } }[])[0]!.token;
    expect(token.serialNumber).toMatch(/^SW[0-9A-F]{14}$/);
    expect(token.certs).toHaveLength(1);
    const cert = token.certs[0]!;
    expect(Buffer.from(cert.certb64!, 'base64')).toEqual(Buffer.from(card.card.certificateDer));
    expect(cert).toMatchObject({ usage: 'digitalSignature', subjectID: '6789', sn: card.card.serial.toUpperCase().replace(/^0+/, '') });
    expect(cert.subjectDN).toContain('王小明');
    expect(new Date(cert.notAfterT!).getTime()).toBe(card.card.notAfter.getTime());
    expect(token.keys[0]!.id).toBe(cert.id);
    expect(createPublicKey({ key: Buffer.from(token.keys[0]!.keyb64!, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType).toBe('rsa');
  });
});

describe('POST /sign', () => {
  it('refuses an untrusted origin with 0x76000031 and a missing one with 0x7600000F, spending no PIN', async () => {
    const before = spy.pins.length;
    const untrusted = await sign(pkcs7Package(challenge()), UNTRUSTED);
    expect(untrusted.json).toMatchObject({ func: 'sign', ret_code: RET.SITE_NOT_TRUSTED, signature: '', certb64: '' });
    // The body cannot claim an origin: only the Origin header counts.
    const claimed = await sign(pkcs7Package(challenge(), { origin: TRUSTED }), UNTRUSTED);
    expect(claimed.json.ret_code).toBe(RET.SITE_NOT_TRUSTED);
    expect((await sign(pkcs7Package(challenge()), null)).json.ret_code).toBe(RET.DOMAIN_NOT_ALLOWED);
    expect((await sign(pkcs7Package(challenge()), 'null')).json.ret_code).toBe(RET.DOMAIN_NOT_ALLOWED);
    expect(spy.pins.length).toBe(before);
  });

  it('signs PKCS7 that packages/pki and openssl cms accept, with the nonce, card serial and the caller\'s origin signed', async () => {
    const c = challenge();
    const answer = await sign(pkcs7Package(c));
    expect(answer.json).toMatchObject({ func: 'sign', ret_code: 0, last_error: 0, version: 'menhu-signer test (software token, not a card)' });
    const { certb64, signature, cardSN } = answer.json as unknown as { certb64: string; signature: string; cardSN: string };
    expect(cardSN).toMatch(/^SW[0-9A-F]{14}$/);

    const certificate = parseCertificate(decodeBase64(certb64, 'certb64', 16 * 1024));
    const verified = await verifyChallengeSignature({ signatureType: 'PKCS7', signature, certificate, challenge: { tbs: c.tbs, nonce: c.nonce }, expectedOrigin: TRUSTED, cardSerial: cardSN });
    expect(verified).toMatchObject({ verified: true, signedOrigin: TRUSTED, cardSerial: cardSN });
    expect(Math.abs(verified.signingTime!.getTime() - Date.now())).toBeLessThan(60_000);
    // The certificate is the dev CA's card: the platform's path checks pass.
    expect(validateCardCertificate({ endEntity: certificate, trustStore: loadTrustStore(card.trustDir), at: new Date() }).path.length).toBeGreaterThan(1);
    // Another platform's origin is refused: the relay defence works end to end.
    await expect(verifyChallengeSignature({ signatureType: 'PKCS7', signature, certificate, challenge: { tbs: c.tbs, nonce: c.nonce }, expectedOrigin: 'https://other.example.gov.tw' })).rejects.toMatchObject({ code: 'ERR_PKI_ORIGIN_MISMATCH' });

    const cms = path.join(card.dir, 'answer.p7s');
    writeFileSync(cms, Buffer.from(signature, 'base64'));
    const content = execFileSync('openssl', ['cms', '-verify', '-noverify', '-inform', 'DER', '-in', cms], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(content.toString('utf8')).toBe(c.tbs);
  });

  it('signs the origin the Origin header names, for each trusted site', async () => {
    const c = challenge();
    const answer = await sign(pkcs7Package(c, { withCardSN: 'false' }), ALSO_TRUSTED);
    const certificate = parseCertificate(decodeBase64(answer.json.certb64 as string, 'certb64', 16 * 1024));
    const verified = await verifyChallengeSignature({ signatureType: 'PKCS7', signature: answer.json.signature as string, certificate, challenge: { tbs: c.tbs, nonce: c.nonce }, expectedOrigin: ALSO_TRUSTED });
    expect(verified.signedOrigin).toBe(ALSO_TRUSTED);
    expect(verified.cardSerial).toBeUndefined();
  });

  it('signs PKCS1: the raw RSA signature over the tbs bytes', async () => {
    const c = challenge();
    const answer = await sign(pkcs7Package(c, { signatureType: 'PKCS1' }));
    expect(answer.json.ret_code).toBe(0);
    const cert = new X509Certificate(Buffer.from(answer.json.certb64 as string, 'base64'));
    expect(cryptoVerify('sha256', Buffer.from(c.tbs), cert.publicKey, Buffer.from(answer.json.signature as string, 'base64'))).toBe(true);
    const certificate = parseCertificate(decodeBase64(answer.json.certb64 as string, 'certb64', 16 * 1024));
    await expect(verifyChallengeSignature({ signatureType: 'PKCS1', signature: answer.json.signature as string, certificate, challenge: { tbs: c.tbs, nonce: c.nonce }, expectedOrigin: TRUSTED })).resolves.toMatchObject({ verified: true });
  });

  it('decodes tbs and pin once with decodeURIComponent, so "+" sent as %2B stays "+" and "%25" stays "%"', async () => {
    const c = challenge();
    const tbs = `${c.tbs}+a b%41`;
    const pkg = pkcs7Package(c, { tbs: encodeURIComponent(tbs), pin: CARD_PIN.split('').map((d) => '%' + d.charCodeAt(0).toString(16)).join(''), signatureType: 'PKCS1' });
    expect(pkg.tbs).toContain('%2B');
    const answer = await sign(pkg);
    expect(answer.json.ret_code).toBe(0);
    const cert = new X509Certificate(Buffer.from(answer.json.certb64 as string, 'base64'));
    expect(cryptoVerify('sha256', Buffer.from(tbs), cert.publicKey, Buffer.from(answer.json.signature as string, 'base64'))).toBe(true);

    // A "+" PIN character arrives as %2B and is decoded to "+": not a digit, so a PIN-format error, no try spent.
    const before = spy.pins.length;
    expect((await sign(pkcs7Package(c, { pin: '%2B23456' }))).json).toMatchObject({ ret_code: RET.CARD_LOGIN_FAILED, last_error: LAST_ERROR.PIN_LENGTH });
    expect(spy.pins.length).toBe(before);
  });

  it('answers a missing PIN with 0x76000998 and a PIN that is not 6–8 digits with 0x76100006/0xA2, before the card is touched', async () => {
    const before = spy.pins.length;
    expect((await sign(pkcs7Package(challenge(), { pin: '' }))).json.ret_code).toBe(RET.NO_PIN);
    const { pin: _omitted, ...noPin } = pkcs7Package(challenge());
    expect((await sign(noPin)).json.ret_code).toBe(RET.NO_PIN);
    for (const pin of ['12345', '123456789', 'abcdef', '12 345']) {
      expect((await sign(pkcs7Package(challenge(), { pin: encodeURIComponent(pin) }))).json, pin).toMatchObject({ ret_code: RET.CARD_LOGIN_FAILED, last_error: LAST_ERROR.PIN_LENGTH });
    }
    expect(spy.pins.length).toBe(before);
  });

  it('answers a wrong PIN with 0x76100006/0xA0', async () => {
    const answer = await sign(pkcs7Package(challenge(), { pin: '654321' }), ALSO_TRUSTED);
    expect(answer.json).toMatchObject({ func: 'sign', ret_code: RET.CARD_LOGIN_FAILED, last_error: LAST_ERROR.WRONG_PIN, signature: '' });
    expect(answer.text).not.toContain('654321');
  });

  it('answers an unreadable package or nonce with 0x7600000D', async () => {
    expect((await request(port, { path: '/sign', headers: formHeaders(TRUSTED), body: 'tbsPackage=%7Bnot-json' })).json.ret_code).toBe(RET.COMPONENT_ERROR);
    expect((await sign(pkcs7Package(challenge(), { nonce: 'not-hex' }))).json.ret_code).toBe(RET.COMPONENT_ERROR);
    expect((await sign(pkcs7Package(challenge(), { hashAlgorithm: 'SHA1' }))).json.ret_code).toBe(RET.COMPONENT_ERROR);
  });
});

describe('PIN attempts per origin', () => {
  it('allows 5 a minute per origin, then answers 0x7600000D/429 without touching the card; other origins are unaffected', async () => {
    const limited = 'https://limited.example.gov.tw';
    const clockStart = Date.now();
    let now = clockStart;
    const local = counting(await softwareTokenProvider(card.p12, card.password));
    const s = await startSigner({ token: local.token, trustedOrigins: [limited, TRUSTED], port: 0, hosts: ['127.0.0.1'], version: 't', now: () => new Date(now) });
    try {
      const at = (pkg: Record<string, string>, origin: string) => request(s.port, { path: '/sign', headers: { ...formHeaders(origin), Host: `127.0.0.1:${s.port}` }, body: signBody(pkg) });
      for (let i = 0; i < 5; i++) expect((await at(pkcs7Package(challenge(), { pin: '000000' }), limited)).json.last_error).toBe(LAST_ERROR.WRONG_PIN);
      const sixth = await at(pkcs7Package(challenge()), limited);
      expect(sixth.json).toMatchObject({ ret_code: RET.COMPONENT_ERROR, last_error: 429 });
      expect(local.pins).toHaveLength(5);
      expect((await at(pkcs7Package(challenge()), TRUSTED)).json.ret_code).toBe(0);
      now += 61_000;
      expect((await at(pkcs7Package(challenge()), limited)).json.ret_code).toBe(0);
    } finally {
      await s.close();
    }
  });
});

describe('the component\'s own pages', () => {
  it('serves /popupForm with a nonce CSP, no framing, and the getTbs script', async () => {
    const page = await request(port, { method: 'GET', path: '/popupForm' });
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'] as string;
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cross-origin-opener-policy']).toBeUndefined(); // it would cut the popup off its opener
    expect(page.text).toContain(`<script nonce="${nonce}">`);
    expect(page.text).toContain("JSON.stringify({ func: 'getTbs' }), '*'");
    expect(page.text).toContain('軟體憑證');
  });

  it('accepts /popupCall only from its own origin with the popup\'s key', async () => {
    const page = await request(port, { method: 'GET', path: '/popupForm' });
    const popupKey = /const popupKey = "([^"]+)"/.exec(page.text)![1]!;
    const body = JSON.stringify({ popupKey, origin: TRUSTED, tbsPackage: JSON.stringify(pkcs7Package(challenge())), decision: 'ask' });
    const json = { 'Content-Type': 'application/json' };
    expect((await request(port, { path: '/popupCall', headers: { ...json, Origin: UNTRUSTED }, body })).status).toBe(403);
    expect((await request(port, { path: '/popupCall', headers: json, body })).status).toBe(403);
    const wrongKey = JSON.stringify({ popupKey: 'guess', origin: TRUSTED, tbsPackage: '{}', decision: 'ask' });
    expect((await request(port, { path: '/popupCall', headers: { ...json, Origin: `http://localhost:${port}` }, body: wrongKey })).status).toBe(403);
    const ok = await request(port, { path: '/popupCall', headers: { ...json, Origin: `http://localhost:${port}` }, body });
    expect((ok.json.answer as Record<string, unknown>).ret_code).toBe(0);
  });

  it('/addDomain shows the origin in punycode, cannot be framed, and adds it only on its own one-time POST', async () => {
    const target = 'https://例え.jp';
    const page = await request(port, { method: 'GET', path: `/addDomain?origin=${encodeURIComponent(target)}` });
    expect(page.status).toBe(200);
    expect(page.text).toContain('https://xn--r8jz45g.jp');
    expect(page.text).not.toContain('例え');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const key = /name="key" value="([^"]+)"/.exec(page.text)![1]!;
    const form = new URLSearchParams({ origin: 'https://xn--r8jz45g.jp', key }).toString();
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };

    // A web page's form post carries its own Origin: refused, and the key survives for the real click.
    expect((await request(port, { path: '/addDomain', headers: { ...headers, Origin: 'https://xn--r8jz45g.jp' }, body: form })).status).toBe(403);
    expect(signer.trustedOrigins()).not.toContain('https://xn--r8jz45g.jp');

    const added = await request(port, { path: '/addDomain', headers: { ...headers, Origin: `http://localhost:${port}` }, body: form });
    expect(added.status).toBe(200);
    expect(signer.trustedOrigins()).toContain('https://xn--r8jz45g.jp');
    const saved = JSON.parse(readFileSync(configFile, 'utf8')) as { trustedOrigins: string[]; keep: string };
    expect(saved.trustedOrigins).toContain('https://xn--r8jz45g.jp');
    expect(saved.keep).toBe('me');
    // The key was single-use.
    expect((await request(port, { path: '/addDomain', headers: { ...headers, Origin: `http://localhost:${port}` }, body: form })).status).toBe(403);
  });

  it('/addDomain refuses plain-http sites other than this computer, and malformed origins', async () => {
    for (const origin of ['http://example.gov.tw', 'https://a.example/path', 'null', 'javascript:alert(1)']) {
      const page = await request(port, { method: 'GET', path: `/addDomain?origin=${encodeURIComponent(origin)}` });
      expect(page.status, origin).toBe(400);
      expect(page.text).not.toContain('name="key"');
    }
  });

  it('/selfTest.htm lists the reader, the card and its certificate, and asks for no PIN', async () => {
    const page = await request(port, { method: 'GET', path: '/selfTest.htm' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Software token (not a card)');
    expect(page.text).toContain('王小明');
    expect(page.text).toContain('元件運作正常');
    expect(page.text).not.toMatch(/<input[^>]+password/i);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});
