import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardLoginVerifier, type CardLoginInput } from '../../src/verify-card-login';
import { loadTrustStore, type TrustStore } from '../../src/path';
import { memoryRevocationCache, nodeHttpClient } from '../../src/revocation';
import { revoke } from '../../src/devca';
import { PkiError, type PkiErrorCode } from '../../src/errors';
import { systemClock } from '../../src/ports';
import { componentSignature, startDevPki, type DevPki } from './dev-pki';

const ORIGIN = 'https://login.example.gov.tw';

function challenge() {
  const nonce = new Uint8Array(randomBytes(32));
  return { tbs: `login.example.gov.tw.login.${Buffer.from(nonce).toString('hex')}.20261128T120000Z`, nonce };
}

let pki: DevPki;
let trustStore: TrustStore;
const verifier = () =>
  createCardLoginVerifier({ trustStore, expectedOrigin: ORIGIN, clock: systemClock, http: nodeHttpClient(), cache: memoryRevocationCache(systemClock), ocspTimeoutMs: 2000 });

async function codeOf(promise: Promise<unknown>): Promise<PkiErrorCode> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PkiError) return err.code;
    throw err;
  }
  throw new Error('the login was accepted');
}

beforeAll(async () => {
  pki = await startDevPki();
  trustStore = loadTrustStore(pki.ca.trustDir);
}, 60_000);
afterAll(() => pki?.close());

describe('a card login end to end, against the development PKI and its OCSP responder', () => {
  it('accepts a citizen card and says who it is, having checked the card and its issuer for revocation', async () => {
    const card = await pki.issue({ kind: 'citizen', name: '王𡘙明', id: 'A123456789' });
    const c = challenge();
    const input: CardLoginInput = { signatureType: 'PKCS7', cardSN: 'TP03000012345678', challenge: c, ...(await componentSignature(card, c, { signedOrigin: ORIGIN, cardSerial: 'TP03000012345678' })) };
    const result = await verifier().verify(input);
    expect(result.identity).toMatchObject({ kind: 'citizen', name: '王𡘙明', idLastFour: '6789' });
    expect(result.signedOrigin).toBe(ORIGIN);
    expect(result.cardSerial).toBe('TP03000012345678');
    expect(result.path).toHaveLength(3);
    expect(result.revocation.map((r) => r.status)).toEqual(['good', 'good']);
  });

  it('knows a business card for what it is, with its 統一編號', async () => {
    const card = await pki.issue({ kind: 'business', name: '門戶科技股份有限公司', businessId: '12345675' });
    const c = challenge();
    const result = await verifier().verify({ signatureType: 'PKCS7', challenge: c, ...(await componentSignature(card, c)) });
    expect(result.identity).toMatchObject({ kind: 'business', businessId: '12345675' });
  });

  it('refuses a revoked card as soon as the responder knows', async () => {
    const card = await pki.issue({ kind: 'citizen', name: '陳小華', id: 'A123456789' });
    const c = challenge();
    const input = { signatureType: 'PKCS7' as const, challenge: c, ...(await componentSignature(card, c)) };
    await revoke(pki.dir, card.serial, 'keyCompromise');
    expect(await codeOf(verifier().verify(input))).toBe('ERR_PKI_REVOKED');
  });

  it('refuses a challenge relayed through another site (signed origin)', async () => {
    const card = await pki.issue({ kind: 'citizen', name: '林美', id: 'A123456789' });
    const c = challenge();
    const input = { signatureType: 'PKCS7' as const, challenge: c, ...(await componentSignature(card, c, { signedOrigin: 'https://evil.example' })) };
    expect(await codeOf(verifier().verify(input))).toBe('ERR_PKI_ORIGIN_MISMATCH');
  });

  it('refuses a signature over another login’s challenge', async () => {
    const card = await pki.issue({ kind: 'citizen', name: '林美', id: 'A123456789' });
    const signed = await componentSignature(card, challenge());
    expect(await codeOf(verifier().verify({ signatureType: 'PKCS7', challenge: challenge(), ...signed }))).toBe('ERR_PKI_CHALLENGE_MISMATCH');
  });

  it('fails closed when no revocation answer can be had', async () => {
    const card = await pki.issue({ kind: 'citizen', name: '張三', id: 'A123456789' });
    const c = challenge();
    const input = { signatureType: 'PKCS7' as const, challenge: c, ...(await componentSignature(card, c)) };
    // The last test of the file: it stops the responder for good.
    await pki.responder.close();
    expect(await codeOf(verifier().verify(input))).toBe('ERR_PKI_REVOCATION_UNAVAILABLE');
  });
});
