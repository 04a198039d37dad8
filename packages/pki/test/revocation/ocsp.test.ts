import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryRevocationCache } from '../../src/revocation/cache';
import { nodeHttpClient } from '../../src/revocation/http';
import { buildOcspRequest, checkOcsp, ocspCacheKey, verifyOcspResponse } from '../../src/revocation/ocsp';
import { movableClock } from './clock';
import { makeCast, type Cast } from './fixture';
import type { Issued } from './openssl-pki';
import { freePort, startCaptureProxy, startOcspResponder, startStaticServer, type CaptureProxy, type OcspResponder, type StaticServer } from './servers';

const MINUTE = 60_000;
const clock = movableClock();
const http = nodeHttpClient();
const unavailable = (detail: RegExp) => ({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE', detail: expect.stringMatching(detail) });
const revoked = (detail: RegExp) => ({ code: 'ERR_PKI_REVOKED', detail: expect.stringMatching(detail) });

let cast: Cast;
let good: Issued;
let revokedCard: Issued;
let unknownCard: Issued;
/** Answers by the issuer's delegated responder, nextUpdate a day on; the URL in the cards' AIA. */
let delegated: OcspResponder;
let byIssuer: OcspResponder;
let byNotAnOcspSigner: OcspResponder;
let byImpostorIssuer: OcspResponder;
let byImpostorDelegate: OcspResponder;
/** nextUpdate one minute on (-nmin 1). */
let shortLived: OcspResponder;
let proxy: CaptureProxy;
let notFound: StaticServer;

beforeAll(async () => {
  const ports = new Set<number>();
  while (ports.size < 6) ports.add(await freePort());
  const [pDelegated, pIssuer, pNoEku, pImpostor, pImpostorDelegate, pShort] = [...ports] as [number, number, number, number, number, number];
  cast = makeCast({ prefix: 'menhu-ocsp-' });
  const aia = `http://127.0.0.1:${pDelegated}/`;
  good = cast.card('Good Card', '1001', { ocsp: aia });
  revokedCard = cast.card('Revoked Card', '1002', { ocsp: aia });
  unknownCard = cast.card('Unknown Card', '1003', { ocsp: aia }); // never written to the index
  const index = cast.pki.writeIndex('index.txt', [{ cert: good }, { cert: revokedCard, revoked: { at: new Date(Date.now() - 60 * MINUTE), reason: 'keyCompromise' } }]);
  const base = { index, ca: cast.issuer.certPath, cwd: cast.pki.dir };
  [delegated, byIssuer, byNotAnOcspSigner, byImpostorIssuer, byImpostorDelegate, shortLived] = await Promise.all([
    startOcspResponder({ ...base, port: pDelegated, rsigner: cast.ocspSigner.certPath, rkey: cast.ocspSigner.keyPath, ndays: 1 }),
    startOcspResponder({ ...base, port: pIssuer, rsigner: cast.issuer.certPath, rkey: cast.issuer.keyPath, ndays: 1 }),
    startOcspResponder({ ...base, port: pNoEku, rsigner: cast.notAnOcspSigner.certPath, rkey: cast.notAnOcspSigner.keyPath, ndays: 1 }),
    startOcspResponder({ ...base, port: pImpostor, rsigner: cast.impostorIssuer.certPath, rkey: cast.impostorIssuer.keyPath, ndays: 1 }),
    startOcspResponder({ ...base, port: pImpostorDelegate, rsigner: cast.impostorOcspSigner.certPath, rkey: cast.impostorOcspSigner.keyPath, ndays: 1 }),
    startOcspResponder({ ...base, port: pShort, rsigner: cast.ocspSigner.certPath, rkey: cast.ocspSigner.keyPath, nmin: 1 }),
  ]);
  proxy = await startCaptureProxy(pDelegated);
  notFound = await startStaticServer();
});

afterAll(async () => {
  await Promise.all([delegated, byIssuer, byNotAnOcspSigner, byImpostorIssuer, byImpostorDelegate, shortLived].map((r) => r?.stop()));
  await proxy?.close();
  await notFound?.close();
  cast?.pki.cleanup();
});

afterEach(() => {
  clock.reset();
  if (proxy) {
    proxy.replay = undefined;
    proxy.target = delegated.options.port;
  }
});

const check = (card: Issued, extra: { url?: string; cache?: ReturnType<typeof memoryRevocationCache> } = {}) =>
  checkOcsp({ certificate: card.cert, issuer: cast.issuer.cert, clock, http, cache: extra.cache ?? memoryRevocationCache(clock), url: extra.url });

describe('OCSP against openssl ocsp', () => {
  it('passes a good card, asking the responder named in its AIA, answered by a delegated OCSP signer', async () => {
    const result = await check(good);
    expect(result).toMatchObject({ status: 'good', source: 'ocsp', fromCache: false, url: delegated.url });
    expect(result.nextUpdate!.getTime()).toBeGreaterThan(Date.now() + 23 * 60 * MINUTE);
  });

  it('accepts answers the issuer signs itself', async () => {
    await expect(check(good, { url: byIssuer.url })).resolves.toMatchObject({ status: 'good' });
  });

  it('reports a revoked card as ERR_PKI_REVOKED, with the reason', async () => {
    await expect(check(revokedCard)).rejects.toMatchObject(revoked(/revoked at .*keyCompromise/));
  });

  it('treats a serial the responder does not know as revoked', async () => {
    await expect(check(unknownCard)).rejects.toMatchObject(revoked(/unknown to the responder/));
  });

  it('refuses answers from a responder certificate the issuer made without id-kp-OCSPSigning', async () => {
    await expect(check(good, { url: byNotAnOcspSigner.url })).rejects.toMatchObject(unavailable(/lacks extended key usage id-kp-OCSPSigning/));
    // Even for a revoked card: an unauthorised "revoked" is no answer either.
    await expect(check(revokedCard, { url: byNotAnOcspSigner.url })).rejects.toMatchObject(unavailable(/OCSPSigning/));
  });

  it('refuses answers signed by another CA of the same name (another generation), found by key not name', async () => {
    await expect(check(good, { url: byImpostorIssuer.url })).rejects.toMatchObject(unavailable(/does not verify with the issuer key/));
  });

  it("refuses a delegated responder certified by another CA, even with id-kp-OCSPSigning", async () => {
    await expect(check(good, { url: byImpostorDelegate.url })).rejects.toMatchObject(unavailable(/not signed by the issuer's key/));
  });

  it('refuses a stale answer: nextUpdate (one minute on) has passed by our clock', async () => {
    await expect(check(good, { url: shortLived.url })).resolves.toMatchObject({ status: 'good' });
    clock.advance(10 * MINUTE);
    await expect(check(good, { url: shortLived.url })).rejects.toMatchObject(unavailable(/stale, nextUpdate .* has passed/));
  });

  it('refuses an answer whose thisUpdate is beyond the clock-skew allowance in our future', async () => {
    clock.advance(-10 * MINUTE);
    await expect(check(good, { url: byIssuer.url })).rejects.toMatchObject(unavailable(/in the future/));
  });

  it('sends a 32-byte nonce and the CertID OpenSSL itself would send, as application/ocsp-request', async () => {
    const before = proxy.requests.length;
    await expect(check(good, { url: proxy.url })).resolves.toMatchObject({ status: 'good' });
    const sent = proxy.requests[before]!;
    expect(sent.method).toBe('POST');
    expect(sent.contentType).toBe('application/ocsp-request');
    const ours = cast.pki.describeRequest(sent.body);
    // OpenSSL shows the nonce extension's value: OCTET STRING (04), 32 octets (20), then the nonce.
    expect(ours).toMatch(/OCSP Nonce:\s*\n\s*0420[0-9A-F]{64}\s*$/m);
    const certId = (text: string) => text.split('\n').filter((l) => /Hash Algorithm|Issuer Name Hash|Issuer Key Hash|Serial Number/.test(l)).map((l) => l.trim());
    const theirs = cast.pki.opensslRequestText(good, cast.issuer);
    expect(certId(ours)).toEqual(certId(theirs));
    expect(certId(ours)).toContain('Serial Number: 1001');
  });

  it('refuses a replayed answer: the nonce echoed is not the one sent', async () => {
    await check(good, { url: proxy.url });
    proxy.replay = proxy.answers.at(-1);
    await expect(check(good, { url: proxy.url })).rejects.toMatchObject(unavailable(/nonce .* not the one sent/));
  });

  it("refuses an answer about another card", async () => {
    await expect(check(revokedCard, { url: proxy.url })).rejects.toMatchObject({ code: 'ERR_PKI_REVOKED' });
    proxy.replay = proxy.answers.at(-1); // signed, fresh, about card 1002
    await expect(check(good, { url: proxy.url })).rejects.toMatchObject(unavailable(/no SingleResponse for this issuer key and serial/));
  });

  it('keeps a good answer until its nextUpdate, then asks again', async () => {
    const counting = await startCaptureProxy(shortLived.options.port);
    try {
      const cache = memoryRevocationCache(clock);
      await expect(check(good, { url: counting.url, cache })).resolves.toMatchObject({ status: 'good', fromCache: false });
      await expect(check(good, { url: counting.url, cache })).resolves.toMatchObject({ status: 'good', fromCache: true });
      expect(counting.requests).toHaveLength(1);
      // Past the nextUpdate (one minute on), the entry is gone; the responder is asked again. openssl signs
      // with the real time, so after moving our clock only a longer-lived answer can be fresh: switch to it.
      clock.advance(2 * MINUTE);
      counting.target = delegated.options.port;
      await expect(check(good, { url: counting.url, cache })).resolves.toMatchObject({ status: 'good', fromCache: false });
      expect(counting.requests).toHaveLength(2);
      await expect(check(good, { url: counting.url, cache })).resolves.toMatchObject({ fromCache: true });
      expect(counting.requests).toHaveLength(2);
    } finally {
      await counting.close();
    }
  });

  it('verifies a cached answer again when reading it, and asks the responder when it does not hold', async () => {
    const counting = await startCaptureProxy(delegated.options.port);
    try {
      const cache = memoryRevocationCache(clock);
      await check(good, { url: counting.url, cache });
      const key = ocspCacheKey(good.cert, cast.issuer.cert);
      const cached = (await cache.get(key))!;
      const tampered = cached.slice();
      tampered[tampered.length - 5]! ^= 0x01; // inside the signature
      await cache.set(key, tampered, new Date(Date.now() + 60 * MINUTE));
      await expect(check(good, { url: counting.url, cache })).resolves.toMatchObject({ status: 'good', fromCache: false });
      expect(counting.requests).toHaveLength(2);
    } finally {
      await counting.close();
    }
  });

  it('does not cache answers without a nextUpdate', async () => {
    // openssl ocsp without -nmin/-ndays leaves nextUpdate out ("newer information always available").
    const port = await freePort();
    const always = await startOcspResponder({ index: delegated.options.index, ca: cast.issuer.certPath, cwd: cast.pki.dir, port, rsigner: cast.ocspSigner.certPath, rkey: cast.ocspSigner.keyPath });
    try {
      const cache = memoryRevocationCache(clock);
      await expect(check(good, { url: always.url, cache })).resolves.toMatchObject({ status: 'good', nextUpdate: undefined });
      await expect(check(good, { url: always.url, cache })).resolves.toMatchObject({ fromCache: false });
      // And such an answer is too old after the maximum age.
      const body = (await http.request(always.url, { method: 'POST', body: buildOcspRequest(good.cert, cast.issuer.cert).der, contentType: 'application/ocsp-request', timeoutMs: 5000, maxBytes: 65536 })).body;
      await expect(verifyOcspResponse(body, { certificate: good.cert, issuer: cast.issuer.cert, now: new Date(Date.now() + 16 * MINUTE) })).rejects.toMatchObject(unavailable(/no nextUpdate .* older than 15 minutes/));
    } finally {
      await always.stop();
    }
  });

  it('turns an HTTP error into ERR_PKI_REVOCATION_UNAVAILABLE', async () => {
    await expect(check(good, { url: `${notFound.url}/ocsp` })).rejects.toMatchObject(unavailable(/HTTP status 404/));
  });
});

describe('verifyOcspResponse on damaged answers', () => {
  let answer: Uint8Array;
  let nonce: Uint8Array;
  beforeAll(async () => {
    const request = buildOcspRequest(good.cert, cast.issuer.cert);
    nonce = request.nonce;
    answer = (await http.request(delegated.url, { method: 'POST', body: request.der, contentType: 'application/ocsp-request', timeoutMs: 5000, maxBytes: 65536 })).body;
  });
  const verify = (der: Uint8Array) => verifyOcspResponse(der, { certificate: good.cert, issuer: cast.issuer.cert, now: new Date(), nonce });

  it('reads the status only from an answer that verifies', async () => {
    await expect(verify(answer)).resolves.toMatchObject({ status: 'good', signedBy: 'delegated' });
  });

  it('refuses a flipped bit in the signed data or the signature', async () => {
    const inData = answer.slice();
    const at = Buffer.from(answer).indexOf(Buffer.from([0x18, 0x0f])); // the first GeneralizedTime (producedAt)
    inData[at + 5]! ^= 0x01;
    await expect(verify(inData)).rejects.toMatchObject({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE' });
    const inSignature = answer.slice();
    inSignature[answer.length - 10]! ^= 0x80;
    await expect(verify(inSignature)).rejects.toMatchObject({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE' });
  });

  it('refuses garbage, truncation, trailing bytes and error statuses', async () => {
    for (const bad of [new Uint8Array([1, 2, 3]), answer.slice(0, answer.length - 20), new Uint8Array([...answer, 0]), new Uint8Array(0)]) {
      await expect(verify(bad)).rejects.toMatchObject({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE' });
    }
    // OCSPResponse { responseStatus tryLater (3) } (RFC 6960 §4.2.1)
    await expect(verify(new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x03]))).rejects.toMatchObject(unavailable(/tryLater/));
    await expect(verify(new Uint8Array(100_000))).rejects.toMatchObject({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE' });
  });
});
