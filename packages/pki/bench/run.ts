/**
 * Card-login verification throughput on one core: a full check (CMS signature, path to the root, card checks,
 * OCSP for the card and its issuer, identity) with the OCSP answers cached and uncached (each verification
 * asks the local development responder over loopback HTTP), beside a bare RSA-2048 signature verification on
 * the same machine, which bounds what any verifier could do.
 */
import { createPublicKey, randomBytes, sign, verify, generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createCardLoginVerifier } from '../src/verify-card-login';
import { loadTrustStore } from '../src/path';
import { memoryRevocationCache, nodeHttpClient } from '../src/revocation';
import { systemClock } from '../src/ports';
import { componentSignature, startDevPki } from '../test/verify/dev-pki';

const ORIGIN = 'https://login.example.gov.tw';
const seconds = Number(process.env.BENCH_SECONDS ?? 3);

async function rate(name: string, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await fn();
    n++;
  }
  const perSecond = n / ((performance.now() - started) / 1000);
  console.log(`${name.padEnd(52)} ${perSecond.toFixed(0).padStart(7)} /s   ${(1000 / perSecond).toFixed(3)} ms each`);
  return perSecond;
}

const pki = await startDevPki();
try {
  const trustStore = loadTrustStore(pki.ca.trustDir);
  const card = await pki.issue({ kind: 'citizen', name: '王小明', id: 'A123456789' });
  const nonce = new Uint8Array(randomBytes(32));
  const challenge = { tbs: `login.example.gov.tw.login.${Buffer.from(nonce).toString('hex')}.20261128T120000Z`, nonce };
  const input = { signatureType: 'PKCS7' as const, challenge, ...(await componentSignature(card, challenge, { signedOrigin: ORIGIN })) };
  const http = nodeHttpClient();
  const cached = createCardLoginVerifier({ trustStore, expectedOrigin: ORIGIN, clock: systemClock, http, cache: memoryRevocationCache(systemClock) });

  console.log(`card-login verification, one core, ${seconds} s each (RSA-2048 card and CAs, OCSP over loopback)`);
  const bare = await (async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const data = randomBytes(64);
    const sig = sign('sha256', data, privateKey);
    const key = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
    return rate('bare RSA-2048 signature verification', () => verify('sha256', data, key, sig));
  })();
  const warm = await rate('full check, OCSP answers cached', () => cached.verify(input));
  const cold = await rate('full check, OCSP asked every time (2 requests)', () =>
    createCardLoginVerifier({ trustStore, expectedOrigin: ORIGIN, clock: systemClock, http, cache: memoryRevocationCache(systemClock) }).verify(input),
  );
  console.log(`full check (cached) costs ${(bare / warm).toFixed(1)} bare RSA verifications; uncached ${(bare / cold).toFixed(1)}`);
} finally {
  await pki.close();
}
