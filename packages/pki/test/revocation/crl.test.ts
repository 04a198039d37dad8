import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryRevocationCache } from '../../src/revocation/cache';
import { checkCrl, readCrl } from '../../src/revocation/crl';
import { nodeHttpClient } from '../../src/revocation/http';
import { movableClock } from './clock';
import { makeCast, type Cast } from './fixture';
import type { IndexEntry, Issued } from './openssl-pki';
import { startStaticServer, type StaticServer } from './servers';

const HOUR = 3_600_000;
const clock = movableClock();
const http = nodeHttpClient();
const unavailable = (detail: RegExp) => ({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE', detail: expect.stringMatching(detail) });
const CRL_PATH = '/citizen.crl';

let cast: Cast;
let server: StaticServer;
let card: Issued;
let other: Issued;
let crlUrl: string;
const lastHour = () => new Date(Date.now() - HOUR);

beforeAll(async () => {
  server = await startStaticServer();
  crlUrl = `${server.url}${CRL_PATH}`;
  cast = makeCast({ prefix: 'menhu-crl-' });
  card = cast.card('CRL Card', '4001', { crl: crlUrl });
  other = cast.card('Other Card', '4002', { crl: crlUrl });
});

afterAll(async () => {
  await server?.close();
  cast?.pki.cleanup();
});

afterEach(() => {
  clock.reset();
  server.set(CRL_PATH, undefined);
  server.hits.clear();
});

const serve = (entries: IndexEntry[], o?: Parameters<Cast['pki']['crl']>[2], signer?: Issued) => server.set(CRL_PATH, cast.pki.crl(signer ?? cast.issuer, entries, o));
const check = (extra: { cache?: ReturnType<typeof memoryRevocationCache>; maxBytes?: number } = {}) =>
  checkCrl({ certificate: card.cert, issuer: cast.issuer.cert, clock, http, cache: extra.cache ?? memoryRevocationCache(clock), maxBytes: extra.maxBytes });

describe('CRL from the distribution point, made by openssl ca -gencrl', () => {
  it('passes a card a fresh, authentic CRL does not list', async () => {
    serve([{ cert: other, revoked: { at: lastHour(), reason: 'keyCompromise' } }]);
    await expect(check()).resolves.toMatchObject({ status: 'good', source: 'crl', fromCache: false, url: crlUrl });
  });

  it('reports a listed card as ERR_PKI_REVOKED, with the reason', async () => {
    serve([{ cert: other }, { cert: card, revoked: { at: lastHour(), reason: 'keyCompromise' } }]);
    await expect(check()).rejects.toMatchObject({ code: 'ERR_PKI_REVOKED', detail: expect.stringMatching(/4001.*keyCompromise/) });
  });

  it('counts certificateHold as revoked', async () => {
    serve([{ cert: card, revoked: { at: lastHour(), reason: 'certificateHold,holdInstructionReject' } }]);
    await expect(check()).rejects.toMatchObject({ code: 'ERR_PKI_REVOKED', detail: expect.stringMatching(/certificateHold/) });
  });

  it('refuses a CRL whose nextUpdate has passed', async () => {
    serve([], { hours: 1 });
    clock.advance(2 * HOUR);
    await expect(check()).rejects.toMatchObject(unavailable(/stale, nextUpdate .* has passed/));
  });

  it('refuses a CRL signed by another CA of the same name', async () => {
    serve([], {}, cast.impostorIssuer);
    await expect(check()).rejects.toMatchObject(unavailable(/signature does not verify with the issuer key/));
  });

  it("refuses another partition's CRL, and accepts the partition the card names", async () => {
    serve([], { crlExtensions: ['issuingDistributionPoint = critical,@idp', '[ idp ]', `fullname = URI:${server.url}/partition-2.crl`] });
    await expect(check()).rejects.toMatchObject(unavailable(/is for distribution point .*partition-2\.crl/));
    serve([], { crlExtensions: ['issuingDistributionPoint = critical,@idp', '[ idp ]', `fullname = URI:${crlUrl}`, 'onlyuser = TRUE'] });
    await expect(check()).resolves.toMatchObject({ status: 'good' });
  });

  it('refuses CRLs that do not cover the card: CA certificates only, some reasons only, a delta', async () => {
    serve([], { crlExtensions: ['issuingDistributionPoint = critical,@idp', '[ idp ]', 'onlyCA = TRUE'] });
    await expect(check()).rejects.toMatchObject(unavailable(/CA certificates only/));
    serve([], { crlExtensions: ['issuingDistributionPoint = critical,@idp', '[ idp ]', 'onlysomereasons = keyCompromise'] });
    await expect(check()).rejects.toMatchObject(unavailable(/only some revocation reasons/));
    serve([], { crlExtensions: ['2.5.29.27 = critical,DER:02:01:01'] }); // deltaCRLIndicator (RFC 5280 §5.2.4)
    await expect(check()).rejects.toMatchObject(unavailable(/delta CRL/));
    serve([], { crlExtensions: ['1.3.6.1.4.1.61161.99 = critical,DER:05:00'] });
    await expect(check()).rejects.toMatchObject(unavailable(/unknown critical extension/));
  });

  it('keeps a CRL until its nextUpdate, then fetches it again', async () => {
    const cache = memoryRevocationCache(clock);
    serve([], { hours: 1 });
    await expect(check({ cache })).resolves.toMatchObject({ fromCache: false });
    await expect(check({ cache })).resolves.toMatchObject({ fromCache: true });
    expect(server.hits.get(CRL_PATH)).toBe(1);
    clock.advance(HOUR + 60_000);
    serve([]); // the CA has published the next one (24 h)
    await expect(check({ cache })).resolves.toMatchObject({ fromCache: false });
    expect(server.hits.get(CRL_PATH)).toBe(2);
  });

  it('turns a missing CRL, a PEM one, an oversized one and a card without a distribution point into unavailable', async () => {
    await expect(check()).rejects.toMatchObject(unavailable(/HTTP status 404/));
    const der = cast.pki.crl(cast.issuer, []);
    server.set(CRL_PATH, new TextEncoder().encode(`-----BEGIN X509 CRL-----\n${Buffer.from(der).toString('base64')}\n-----END X509 CRL-----\n`));
    await expect(check()).rejects.toMatchObject({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE' });
    server.set(CRL_PATH, der);
    await expect(check({ maxBytes: 100 })).rejects.toMatchObject(unavailable(/exceeds the cap of 100/));
    const bare = cast.card('No CDP Card', '4003');
    await expect(checkCrl({ certificate: bare.cert, issuer: cast.issuer.cert, clock, http })).rejects.toMatchObject(unavailable(/names no http CRL distribution point/));
  });

  it('readCrl refuses damaged CRLs', async () => {
    const der = cast.pki.crl(cast.issuer, [{ cert: other, revoked: { at: lastHour() } }]);
    const read = (bytes: Uint8Array) => readCrl(bytes, { certificate: card.cert, issuer: cast.issuer.cert, url: crlUrl, now: new Date() });
    await expect(read(der)).resolves.toMatchObject({ status: 'good' });
    const flipped = der.slice();
    flipped[der.length - 3]! ^= 0x01;
    await expect(read(flipped)).rejects.toMatchObject(unavailable(/signature does not verify/));
    for (const bad of [new Uint8Array([0x30, 0x00]), der.slice(0, 40), new Uint8Array([...der, 0])]) {
      await expect(read(bad)).rejects.toMatchObject({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE' });
    }
  });
});
