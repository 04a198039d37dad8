import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryRevocationCache } from '../../src/revocation/cache';
import { checkPathRevocation, checkRevocation } from '../../src/revocation/check';
import { nodeHttpClient } from '../../src/revocation/http';
import { movableClock } from './clock';
import { makeCast, type Cast } from './fixture';
import type { Issued } from './openssl-pki';
import { freePort, startHangingServer, startOcspResponder, startStaticServer, type LocalServer, type OcspResponder, type StaticServer } from './servers';

const HOUR = 3_600_000;
const clock = movableClock();
const http = nodeHttpClient();
const CRL_PATH = '/citizen.crl';
const unavailable = (detail: RegExp) => ({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE', detail: expect.stringMatching(detail) });

let cast: Cast;
let rootResponder: OcspResponder;
let issuerResponder: OcspResponder;
let hanging: LocalServer & { readonly connections: number };
let crlServer: StaticServer;
let closedUrl: string;
let crlUrl: string;
let rootIndex: string;
/** OCSP at the issuer's responder; CRL too. */
let goodCard: Issued;
/** The issuer's responder says revoked; the CRL (if asked) would say good. */
let ocspRevokedCard: Issued;
/** OCSP at a closed port; no CRL distribution point. */
let deadEnd: Issued;
/** OCSP at a closed port; a CRL distribution point. */
let crlOnly: Issued;
/** OCSP at a server that never answers; no CRL distribution point. */
let hangCard: Issued;

beforeAll(async () => {
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [rootPort, issuerPort, closedPort] = [...ports] as [number, number, number];
  closedUrl = `http://127.0.0.1:${closedPort}/`;
  hanging = await startHangingServer();
  crlServer = await startStaticServer();
  crlUrl = `${crlServer.url}${CRL_PATH}`;

  cast = makeCast({ prefix: 'menhu-check-', issuerOcspUrl: `http://127.0.0.1:${rootPort}/` });
  const issuerOcsp = `http://127.0.0.1:${issuerPort}/`;
  goodCard = cast.card('Good Card', '5001', { ocsp: issuerOcsp, crl: crlUrl });
  ocspRevokedCard = cast.card('OCSP Revoked Card', '5002', { ocsp: issuerOcsp, crl: crlUrl });
  deadEnd = cast.card('Dead End Card', '5003', { ocsp: closedUrl });
  crlOnly = cast.card('CRL Only Card', '5004', { ocsp: closedUrl, crl: crlUrl });
  hangCard = cast.card('Hang Card', '5005', { ocsp: hanging.url });

  rootIndex = cast.pki.writeIndex('root-index.txt', [{ cert: cast.issuer }]);
  const issuerIndex = cast.pki.writeIndex('issuer-index.txt', [{ cert: goodCard }, { cert: ocspRevokedCard, revoked: { at: new Date(Date.now() - HOUR), reason: 'keyCompromise' } }]);
  [rootResponder, issuerResponder] = await Promise.all([
    startOcspResponder({ index: rootIndex, port: rootPort, rsigner: cast.root.certPath, rkey: cast.root.keyPath, ca: cast.root.certPath, ndays: 1, cwd: cast.pki.dir }),
    startOcspResponder({ index: issuerIndex, port: issuerPort, rsigner: cast.ocspSigner.certPath, rkey: cast.ocspSigner.keyPath, ca: cast.issuer.certPath, ndays: 1, cwd: cast.pki.dir }),
  ]);
});

afterAll(async () => {
  await Promise.all([rootResponder?.stop(), issuerResponder?.stop(), hanging?.close(), crlServer?.close()]);
  cast?.pki.cleanup();
});

afterEach(() => {
  clock.reset();
  crlServer.set(CRL_PATH, undefined);
  crlServer.hits.clear();
});

const check = (card: Issued, extra: { timeoutMs?: number } = {}) =>
  checkRevocation({ certificate: card.cert, issuer: cast.issuer.cert, clock, http, cache: memoryRevocationCache(clock), ...extra });
const serveCrl = (revoked: Issued[]) => crlServer.set(CRL_PATH, cast.pki.crl(cast.issuer, revoked.map((cert) => ({ cert, revoked: { at: new Date(Date.now() - HOUR), reason: 'keyCompromise' } }))));

describe('checkRevocation: OCSP first, then the CRL, else unavailable', () => {
  it('takes a good OCSP answer and does not fetch the CRL', async () => {
    serveCrl([]);
    await expect(check(goodCard)).resolves.toMatchObject({ status: 'good', source: 'ocsp' });
    expect(crlServer.hits.size).toBe(0);
  });

  it('fails closed when the responder is unreachable and there is no CRL', async () => {
    await expect(check(deadEnd)).rejects.toMatchObject(unavailable(/OCSP: .*ECONNREFUSED.*\| CRL: the certificate names no http CRL distribution point/));
  });

  it('falls back to a good CRL when the responder is unreachable', async () => {
    serveCrl([goodCard]);
    await expect(check(crlOnly)).resolves.toMatchObject({ status: 'good', source: 'crl', url: crlUrl });
  });

  it('reports revoked when the responder is unreachable and the CRL lists the card', async () => {
    serveCrl([crlOnly]);
    await expect(check(crlOnly)).rejects.toMatchObject({ code: 'ERR_PKI_REVOKED', detail: expect.stringMatching(/^CRL /) });
  });

  it('gives up on a responder that never answers within the timeout', async () => {
    const started = Date.now();
    const connectionsBefore = hanging.connections;
    await expect(check(hangCard, { timeoutMs: 300 })).rejects.toMatchObject(unavailable(/no complete answer within 300 ms/));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(hanging.connections).toBe(connectionsBefore + 1);
  });

  it('falls back to the CRL when the OCSP responder (a configured override) hangs', async () => {
    serveCrl([]);
    await expect(
      checkRevocation({ certificate: goodCard.cert, issuer: cast.issuer.cert, clock, http, cache: memoryRevocationCache(clock), ocspUrlOverride: hanging.url, timeoutMs: 300 }),
    ).resolves.toMatchObject({ status: 'good', source: 'crl' });
    expect(crlServer.hits.get(CRL_PATH)).toBe(1);
  });

  it('takes a revoked OCSP answer as final: the CRL is not consulted', async () => {
    serveCrl([]); // would say good
    await expect(check(ocspRevokedCard)).rejects.toMatchObject({ code: 'ERR_PKI_REVOKED', detail: expect.stringMatching(/^OCSP .*keyCompromise/) });
    expect(crlServer.hits.size).toBe(0);
  });

  it('refuses misuse before any I/O', async () => {
    const cache = memoryRevocationCache(clock);
    await expect(checkRevocation({ certificate: goodCard.cert, issuer: cast.root.cert, clock, http, cache })).rejects.toThrow(TypeError);
    await expect(checkRevocation({ certificate: goodCard.cert, issuer: cast.issuer.cert, clock, http, cache, timeoutMs: 0 })).rejects.toThrow(TypeError);
    await expect(checkPathRevocation([goodCard.cert], { clock, http, cache })).rejects.toThrow(TypeError);
  });
});

describe('checkPathRevocation: every certificate but the root anchor', () => {
  it('checks the card at its issuer and the intermediate at the root; a revoked intermediate fails the path', async () => {
    const path = () => [goodCard.cert, cast.issuer.cert, cast.root.cert];
    const results = await checkPathRevocation(path(), { clock, http, cache: memoryRevocationCache(clock) });
    // Two answers: the root anchor has no AIA and is not asked about.
    expect(results).toHaveLength(2);
    expect(results.map((r) => r.url)).toEqual([issuerResponder.url, rootResponder.url]);

    // The root's CA revokes the intermediate; openssl ocsp reads its index only at start.
    cast.pki.writeIndex('root-index.txt', [{ cert: cast.issuer, revoked: { at: new Date(Date.now() - HOUR), reason: 'cACompromise' } }]);
    await rootResponder.restart();
    await expect(checkPathRevocation(path(), { clock, http, cache: memoryRevocationCache(clock) })).rejects.toMatchObject({
      code: 'ERR_PKI_REVOKED',
      detail: expect.stringMatching(/^path\[1\] "Menhu Test Citizen CA".*cACompromise/),
    });
    // The card alone is still good: it is the path that fails.
    await expect(check(goodCard)).resolves.toMatchObject({ status: 'good' });

    cast.pki.writeIndex('root-index.txt', [{ cert: cast.issuer }]);
    await rootResponder.restart();
  });

  it('fails the path when an intermediate has no trustworthy answer', async () => {
    await expect(
      checkPathRevocation([goodCard.cert, cast.issuer.cert, cast.root.cert], {
        clock,
        http,
        cache: memoryRevocationCache(clock),
        ocspUrlFor: (certificate) => (certificate === cast.issuer.cert ? closedUrl : undefined),
      }),
    ).rejects.toMatchObject(unavailable(/^path\[1\] .*ECONNREFUSED/));
  });
});
