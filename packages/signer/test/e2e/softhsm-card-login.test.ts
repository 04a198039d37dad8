/**
 * The component end to end with a card on a real PKCS#11 token: a SoftHSM2 token holding a key generated on it
 * and a development-CA certificate, the component signing over HTTP as a page's popup would ask, and the
 * platform's whole card-login verifier (path, OCSP from the dev responder, identity) accepting the answer.
 * Its own file: the PKCS#11 library is initialised once per process, with this file's SOFTHSM2_CONF.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { initDevCa, issueCard, startDevResponder, type DevResponder } from '@menhu/pki/devca';
import { createCardLoginVerifier, loadTrustStore, memoryRevocationCache, nodeHttpClient, systemClock } from '@menhu/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RET } from '../../src/codes';
import { pkcs11TokenProvider } from '../../src/token/pkcs11';
import { startSigner } from '../../src/server';
import type { TokenProvider } from '../../src/token/types';
import { initSoftHsmToken, SOFTHSM_MODULE, softHsmAvailable, softHsmConfig, tempDir } from '../token/support';
import { freePort, formHeaders, request, signBody } from '../server/support';

const haveSoftHsm = softHsmAvailable();
const PIN = '123456';
const SITE = 'https://login.example.gov.tw';
const tmp = tempDir('menhu-signer-e2e-');
const { env } = softHsmConfig(path.join(tmp.dir, 'hsm'));

describe.skipIf(!haveSoftHsm)('a card on SoftHSM2, signed through the component, accepted by the platform', () => {
  let provider: TokenProvider;
  let signer: Awaited<ReturnType<typeof startSigner>>;
  let responder: DevResponder;
  let trustDir: string;

  beforeAll(async () => {
    const ocspPort = await freePort();
    const [, ca] = await Promise.all([
      initSoftHsmToken(env, 'CARD1', PIN),
      initDevCa(path.join(tmp.dir, 'ca'), { caKeyAlgorithm: 'rsa-2048', baseUrl: `http://127.0.0.1:${ocspPort}` }),
    ]);
    trustDir = ca.trustDir;
    responder = await startDevResponder(ca.dir, { port: ocspPort });
    await issueCard(ca.dir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: { to: 'token', module: SOFTHSM_MODULE, tokenLabel: 'CARD1', pin: PIN, env, keyId: '01' } });
    provider = pkcs11TokenProvider({ module: SOFTHSM_MODULE, name: 'SoftHSM2' });
    signer = await startSigner({ token: provider, trustedOrigins: [SITE], port: 0, version: 'menhu-signer e2e' });
  }, 90_000);

  afterAll(async () => {
    await signer?.close();
    await provider?.close();
    await responder?.close();
    tmp.remove();
  });

  async function sign(signatureType: 'PKCS7' | 'PKCS1', origin = SITE) {
    const nonce = new Uint8Array(randomBytes(32));
    const tbs = `login.example.gov.tw.login.${Buffer.from(nonce).toString('hex')}.20261128T120000Z`;
    const answer = await request(signer.port, {
      method: 'POST',
      path: '/sign',
      headers: formHeaders(origin),
      body: signBody({ tbs, tbsEncoding: 'NONE', hashAlgorithm: 'SHA256', withCardSN: 'true', pin: PIN, nonce: Buffer.from(nonce).toString('hex'), func: 'MakeSignature', signatureType }),
    });
    return { answer: answer.json as Record<string, unknown>, challenge: { tbs, nonce } };
  }

  it('PKCS7: the platform verifies signature, path, revocation and identity, with the site’s origin signed', async () => {
    const { answer, challenge } = await sign('PKCS7');
    expect(answer).toMatchObject({ func: 'sign', ret_code: 0, last_error: 0 });
    const verifier = createCardLoginVerifier({
      trustStore: loadTrustStore(trustDir),
      expectedOrigin: SITE,
      clock: systemClock,
      http: nodeHttpClient(),
      cache: memoryRevocationCache(systemClock),
    });
    const card = await verifier.verify({
      signatureType: 'PKCS7',
      certb64: answer.certb64 as string,
      signature: answer.signature as string,
      cardSN: answer.cardSN as string,
      challenge,
    });
    expect(card.identity).toMatchObject({ kind: 'citizen', name: '王小明', idLastFour: '6789' });
    expect(card.signedOrigin).toBe(SITE);
    expect(card.cardSerial).toBe(answer.cardSN);
    expect(card.revocation.map((r) => r.status)).toEqual(['good', 'good']);
  });

  it('PKCS1: a raw signature the platform verifies too', async () => {
    const { answer, challenge } = await sign('PKCS1');
    expect(answer.ret_code).toBe(0);
    const verifier = createCardLoginVerifier({ trustStore: loadTrustStore(trustDir), expectedOrigin: SITE, clock: systemClock, http: nodeHttpClient(), cache: memoryRevocationCache(systemClock) });
    const card = await verifier.verify({ signatureType: 'PKCS1', certb64: answer.certb64 as string, signature: answer.signature as string, challenge });
    expect(card.identity.name).toBe('王小明');
  });

  it('signs nothing for a site that is not trusted', async () => {
    const { answer } = await sign('PKCS7', 'https://evil.example');
    expect(answer.ret_code).toBe(RET.SITE_NOT_TRUSTED);
    expect(answer.signature ?? '').toBe('');
  });
});
