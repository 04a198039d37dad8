import { createPrivateKey, randomBytes, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PkiError, type PkiErrorCode } from '../../src/errors';
import { OID, decodedOidText } from '../../src/oids';
import { buildChallengeSignedData, verifyChallengeSignature, type VerifyChallengeSignatureOptions } from '../../src/signature';
import { OpensslLab, softwareSigner, toBase64, type Issued } from './openssl-lab';

const ORIGIN = 'https://menhu.example.gov.tw';

function newChallenge() {
  const nonce = new Uint8Array(randomBytes(32));
  // DESIGN.md: the tbs names the platform, the nonce and the time, in [A-Za-z0-9._-] only.
  return { tbs: `menhu.example.gov.tw.login.${Buffer.from(nonce).toString('base64url')}.20261128T112514Z`, nonce };
}

async function rejection(promise: Promise<unknown>): Promise<PkiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PkiError) return err;
    throw err;
  }
  throw new Error('expected a PkiError, but the signature was accepted');
}

async function expectCode(promise: Promise<unknown>, code: PkiErrorCode): Promise<PkiError> {
  const err = await rejection(promise);
  expect(err.code, err.detail).toBe(code);
  return err;
}

let lab: OpensslLab;
let moica: Issued;
const cards = {} as Record<'rsa2048' | 'rsa4096' | 'p256' | 'p384' | 'rsa1024' | 'p521' | 'other', Issued>;

function cardCert(key: string, cn: string): Issued {
  return lab.issue({
    dn: ['C = TW', `CN = ${cn}`, 'serialNumber = 0000000112345678'],
    key,
    issuer: moica,
    extensions: ['keyUsage = critical,digitalSignature', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'],
  });
}

beforeAll(() => {
  lab = new OpensslLab();
  moica = lab.ca('內政部憑證管理中心', lab.key('p256'));
  cards.rsa2048 = cardCert(lab.key('rsa2048'), '王𡘙明');
  cards.rsa4096 = cardCert(lab.key('rsa4096'), '陳大明'); // the one slow key of this file
  cards.p256 = cardCert(lab.key('p256'), '林小美');
  cards.p384 = cardCert(lab.key('p384'), '張三');
  cards.rsa1024 = cardCert(lab.key('rsa1024'), '李四');
  cards.p521 = cardCert(lab.key('p521'), '王五');
  cards.other = cardCert(lab.key('rsa2048'), '趙六');
});

afterAll(() => lab?.cleanup());

/** A CMS from this project's builder, as our component would return it. */
async function ourCms(card: Issued, options: Partial<Parameters<typeof buildChallengeSignedData>[0]> & { tbs: string; nonce: Uint8Array }): Promise<string> {
  const der = await buildChallengeSignedData({
    certificate: card.certificate,
    sign: softwareSigner(card.keyPath, options.hashAlgorithm ?? 'SHA-256'),
    signingTime: new Date('2026-11-28T11:25:14Z'),
    ...options,
  });
  return toBase64(der);
}

function options(card: Issued, signature: string, challenge: { tbs: string; nonce: Uint8Array }, extra: Partial<VerifyChallengeSignatureOptions> = {}): VerifyChallengeSignatureOptions {
  return { signatureType: 'PKCS7', signature, certificate: card.certificate, challenge, expectedOrigin: ORIGIN, ...extra };
}

describe('PKCS7 signatures built by this project', () => {
  it('accepts an RSA-2048 card signature and returns only signed values', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.rsa2048, { ...challenge, cardSerial: 'TP03000012345678', signedOrigin: ORIGIN });
    const result = await verifyChallengeSignature(options(cards.rsa2048, signature, challenge, { cardSerial: 'TP03000012345678' }));
    expect(result).toEqual({ verified: true, signingTime: new Date('2026-11-28T11:25:14Z'), signedOrigin: ORIGIN, cardSerial: 'TP03000012345678' });
  });

  it.each([
    ['rsa2048', 'SHA-384'],
    ['rsa2048', 'SHA-512'],
    ['rsa4096', 'SHA-256'],
    ['p256', 'SHA-256'],
    ['p384', 'SHA-384'],
    ['p384', 'SHA-512'],
  ] as const)('accepts a %s key with %s', async (card, hashAlgorithm) => {
    const challenge = newChallenge();
    const signature = await ourCms(cards[card], { ...challenge, hashAlgorithm });
    await expect(verifyChallengeSignature(options(cards[card], signature, challenge))).resolves.toMatchObject({ verified: true });
  });

  it('accepts a signer named by subjectKeyIdentifier', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.p256, { ...challenge, signerIdentifier: 'subjectKeyIdentifier' });
    await expect(verifyChallengeSignature(options(cards.p256, signature, challenge))).resolves.toMatchObject({ verified: true });
  });

  it('accepts a signature without origin and card serial, as the official component makes them', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.rsa2048, challenge);
    const result = await verifyChallengeSignature(options(cards.rsa2048, signature, challenge, { cardSerial: 'TP03000012345678' }));
    expect(result).toEqual({ verified: true, signingTime: new Date('2026-11-28T11:25:14Z') });
  });

  it('returns the signed card serial even when the page posted none', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.rsa2048, { ...challenge, cardSerial: 'TP03000012345678' });
    for (const posted of [undefined, '']) {
      await expect(verifyChallengeSignature(options(cards.rsa2048, signature, challenge, { cardSerial: posted }))).resolves.toMatchObject({ cardSerial: 'TP03000012345678' });
    }
  });

  it('accepts detached content whose digest is that of the issued tbs, and refuses it for another tbs', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.p256, { ...challenge, detached: true });
    await expect(verifyChallengeSignature(options(cards.p256, signature, challenge))).resolves.toMatchObject({ verified: true });
    await expectCode(verifyChallengeSignature(options(cards.p256, signature, { ...challenge, tbs: `${challenge.tbs}x` })), 'ERR_PKI_CHALLENGE_MISMATCH');
  });

  it('handles ECDSA integers shorter than the curve size (r with a leading zero byte)', async () => {
    const challenge = newChallenge();
    const base = softwareSigner(cards.p256.keyPath);
    // ECDSA is randomised: sign until r's first byte is 0, so the DER INTEGER r is 31 bytes or fewer.
    const sign = async (data: Uint8Array) => {
      for (;;) {
        const raw = await base(data);
        if (raw[0] === 0) return raw;
      }
    };
    const der = await buildChallengeSignedData({ ...challenge, certificate: cards.p256.certificate, sign });
    await expect(verifyChallengeSignature(options(cards.p256, toBase64(der), challenge))).resolves.toMatchObject({ verified: true });
  });
});

describe('PKCS7 signatures made by openssl cms (a CMS this project did not write)', () => {
  // openssl cms -sign adds the signed attributes contentType, signingTime, messageDigest and
  // smimeCapabilities — and cannot add a randomNonce. Everything else passes; the missing nonce does not.
  it.each(['rsa2048', 'p256', 'p384'] as const)('verifies a %s openssl signature up to the missing nonce', async (card) => {
    const challenge = newChallenge();
    const signature = toBase64(lab.cmsSign(challenge.tbs, [cards[card]]));
    const err = await expectCode(verifyChallengeSignature(options(cards[card], signature, challenge)), 'ERR_PKI_NONCE_MISMATCH');
    expect(err.detail).toMatch(/no randomNonce/);
  });

  it('verifies openssl -keyid (subjectKeyIdentifier) signers the same way', async () => {
    const challenge = newChallenge();
    const signature = toBase64(lab.cmsSign(challenge.tbs, [cards.rsa2048], ['-nodetach', '-md', 'sha256', '-keyid']));
    await expectCode(verifyChallengeSignature(options(cards.rsa2048, signature, challenge)), 'ERR_PKI_NONCE_MISMATCH');
  });

  it('refuses an openssl CMS over another text with ERR_PKI_CHALLENGE_MISMATCH before looking for the nonce', async () => {
    const challenge = newChallenge();
    const signature = toBase64(lab.cmsSign('some.other.text', [cards.p256]));
    await expectCode(verifyChallengeSignature(options(cards.p256, signature, challenge)), 'ERR_PKI_CHALLENGE_MISMATCH');
  });
});

describe('every reason a signature is refused', () => {
  it('ERR_PKI_BAD_SIGNATURE: a flipped byte in the signature value (RSA and ECDSA)', async () => {
    for (const card of [cards.rsa2048, cards.p256]) {
      const challenge = newChallenge();
      const flip = (s: Uint8Array) => {
        const copy = new Uint8Array(s);
        copy[10]! ^= 0x01;
        return copy;
      };
      const der = await buildChallengeSignedData({ ...challenge, certificate: card.certificate, sign: softwareSigner(card.keyPath, 'SHA-256', flip) });
      await expectCode(verifyChallengeSignature(options(card, toBase64(der), challenge)), 'ERR_PKI_BAD_SIGNATURE');
    }
  });

  it('ERR_PKI_BAD_SIGNATURE: a signed attribute changed after signing (the signing time)', async () => {
    const challenge = newChallenge();
    const der = Buffer.from(await ourCms(cards.rsa2048, challenge), 'base64');
    const at = der.indexOf(Buffer.from('261128112514Z')); // the UTCTime of the signing time
    expect(at).toBeGreaterThan(0);
    der[at + 11] = 0x35; // …15Z instead of …14Z
    await expectCode(verifyChallengeSignature(options(cards.rsa2048, der.toString('base64'), challenge)), 'ERR_PKI_BAD_SIGNATURE');
  });

  it('ERR_PKI_BAD_SIGNATURE: the encapsulated content replaced after signing (messageDigest no longer matches)', async () => {
    const challenge = newChallenge();
    const der = Buffer.from(await ourCms(cards.p256, { ...challenge, tbs: challenge.tbs.replace('login', 'LOGIN') }), 'base64');
    const at = der.indexOf(Buffer.from('LOGIN'));
    der.write('login', at, 'latin1'); // now the content is exactly the issued tbs, but the card signed another
    await expectCode(verifyChallengeSignature(options(cards.p256, der.toString('base64'), challenge)), 'ERR_PKI_BAD_SIGNATURE');
  });

  it('ERR_PKI_BAD_SIGNATURE: a CMS signed by another card than the posted certificate', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.other, { ...challenge, signedOrigin: ORIGIN });
    await expectCode(verifyChallengeSignature(options(cards.rsa2048, signature, challenge)), 'ERR_PKI_BAD_SIGNATURE');
    const byKeyId = await ourCms(cards.other, { ...challenge, signerIdentifier: 'subjectKeyIdentifier' });
    await expectCode(verifyChallengeSignature(options(cards.rsa2048, byKeyId, challenge)), 'ERR_PKI_BAD_SIGNATURE');
  });

  it('ERR_PKI_CHALLENGE_MISMATCH: a genuine signature over another tbs', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.rsa2048, { ...challenge, tbs: newChallenge().tbs });
    await expectCode(verifyChallengeSignature(options(cards.rsa2048, signature, challenge)), 'ERR_PKI_CHALLENGE_MISMATCH');
  });

  it('ERR_PKI_NONCE_MISMATCH: a genuine signature with another nonce', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.p384, { ...challenge, nonce: new Uint8Array(randomBytes(32)) });
    await expectCode(verifyChallengeSignature(options(cards.p384, signature, challenge)), 'ERR_PKI_NONCE_MISMATCH');
  });

  it('ERR_PKI_ORIGIN_MISMATCH: a challenge relayed through another site', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.rsa2048, { ...challenge, signedOrigin: 'https://menhu.example.gov.tw.evil.example' });
    await expectCode(verifyChallengeSignature(options(cards.rsa2048, signature, challenge)), 'ERR_PKI_ORIGIN_MISMATCH');
  });

  it('ERR_PKI_CARD_SERIAL_MISMATCH: the page posted another card serial than the one signed', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.rsa2048, { ...challenge, cardSerial: 'TP03000012345678' });
    await expectCode(verifyChallengeSignature(options(cards.rsa2048, signature, challenge, { cardSerial: 'TP03000012345679' })), 'ERR_PKI_CARD_SERIAL_MISMATCH');
  });

  it('ERR_PKI_UNSUPPORTED_ALGORITHM: SHA-1 digest, RSA-PSS, RSA-1024 and P-521 keys', async () => {
    const challenge = newChallenge();
    const sha1 = toBase64(lab.cmsSign(challenge.tbs, [cards.rsa2048], ['-nodetach', '-md', 'sha1']));
    expect((await expectCode(verifyChallengeSignature(options(cards.rsa2048, sha1, challenge)), 'ERR_PKI_UNSUPPORTED_ALGORITHM')).detail).toMatch(/1\.3\.14\.3\.2\.26/);
    const pss = toBase64(lab.cmsSign(challenge.tbs, [cards.rsa2048], ['-nodetach', '-md', 'sha256', '-keyopt', 'rsa_padding_mode:pss']));
    expect((await expectCode(verifyChallengeSignature(options(cards.rsa2048, pss, challenge)), 'ERR_PKI_UNSUPPORTED_ALGORITHM')).detail).toMatch(/1\.2\.840\.113549\.1\.1\.10/);
    const small = toBase64(lab.cmsSign(challenge.tbs, [cards.rsa1024]));
    expect((await expectCode(verifyChallengeSignature(options(cards.rsa1024, small, challenge)), 'ERR_PKI_UNSUPPORTED_ALGORITHM')).detail).toMatch(/1024 bits/);
    const p521 = toBase64(lab.cmsSign(challenge.tbs, [cards.p521]));
    await expectCode(verifyChallengeSignature(options(cards.p521, p521, challenge)), 'ERR_PKI_UNSUPPORTED_ALGORITHM');
    const p521raw = toBase64(lab.dgstSign(challenge.tbs, cards.p521.keyPath));
    await expectCode(verifyChallengeSignature({ ...options(cards.p521, p521raw, challenge), signatureType: 'PKCS1' }), 'ERR_PKI_UNSUPPORTED_ALGORITHM');
    // The builder refuses such a key too, with the same code.
    await expect(buildChallengeSignedData({ ...challenge, certificate: cards.p521.certificate, sign: softwareSigner(cards.p521.keyPath) })).rejects.toMatchObject({ code: 'ERR_PKI_UNSUPPORTED_ALGORITHM' });
  });

  it('ERR_PKI_MALFORMED: garbage, truncation, two signers, no signed attributes, not SignedData', async () => {
    const challenge = newChallenge();
    const good = Buffer.from(await ourCms(cards.rsa2048, challenge), 'base64');
    const twoSigners = toBase64(lab.cmsSign(challenge.tbs, [cards.rsa2048, cards.p256]));
    const noAttributes = toBase64(lab.cmsSign(challenge.tbs, [cards.rsa2048], ['-nodetach', '-md', 'sha256', '-noattr']));
    // Each case with the part of the detail that shows it failed for the intended reason.
    const bad: Array<[string, string, RegExp]> = [
      ['not base64', 'this is not base64!', /not base64/],
      ['empty', '', /0 base64 characters/],
      ['random bytes', toBase64(new Uint8Array(randomBytes(200))), /PKCS7 signature|ContentInfo/],
      ['truncated CMS', good.subarray(0, good.length - 10).toString('base64'), /PKCS7 signature/],
      ['trailing bytes', Buffer.concat([good, Buffer.from([0])]).toString('base64'), /trailing/],
      ['a certificate, not a CMS', toBase64(cards.rsa2048.der), /ContentInfo|not SignedData/],
      ['two SignerInfos', twoSigners, /2 SignerInfos/],
      ['no signed attributes', noAttributes, /no signed attributes/],
    ];
    for (const [what, signature, detail] of bad) {
      const err = await rejection(verifyChallengeSignature(options(cards.rsa2048, signature, challenge)));
      expect(err.code, `${what}: ${err.detail}`).toBe('ERR_PKI_MALFORMED');
      expect(err.detail, what).toMatch(detail);
    }
  });

  it('ERR_PKI_INPUT_TOO_LARGE: a signature far larger than any CMS of a challenge, refused before decoding', async () => {
    const challenge = newChallenge();
    await expectCode(verifyChallengeSignature(options(cards.rsa2048, 'A'.repeat(200_000), challenge)), 'ERR_PKI_INPUT_TOO_LARGE');
    await expectCode(verifyChallengeSignature({ ...options(cards.rsa2048, 'A'.repeat(4000), challenge), signatureType: 'PKCS1' }), 'ERR_PKI_INPUT_TOO_LARGE');
  });

  it('a misused API is a TypeError, not a PkiError', async () => {
    const challenge = newChallenge();
    const signature = await ourCms(cards.rsa2048, challenge);
    const base = options(cards.rsa2048, signature, challenge);
    for (const misuse of [
      { expectedOrigin: 'https://menhu.example.gov.tw/' },
      { expectedOrigin: 'menhu.example.gov.tw' },
      { signatureType: 'PKCS12' },
      { challenge: { tbs: '', nonce: challenge.nonce } },
      { challenge: { tbs: challenge.tbs, nonce: new Uint8Array(0) } },
      { certificate: cards.rsa2048.der },
    ]) {
      await expect(verifyChallengeSignature({ ...base, ...misuse } as VerifyChallengeSignatureOptions)).rejects.toBeInstanceOf(TypeError);
    }
  });
});

describe('PKCS1 (raw) signatures', () => {
  it.each(['rsa2048', 'rsa4096'] as const)('accepts openssl dgst -sha256 -sign with an %s key', async (card) => {
    const challenge = newChallenge();
    const signature = toBase64(lab.dgstSign(challenge.tbs, cards[card].keyPath));
    await expect(verifyChallengeSignature({ ...options(cards[card], signature, challenge), signatureType: 'PKCS1' })).resolves.toEqual({ verified: true });
  });

  it.each([
    ['p256', 32],
    ['p384', 48],
  ] as const)('accepts the raw r||s of a %s token (CKM_ECDSA) and refuses the DER form', async (card, size) => {
    const challenge = newChallenge();
    const der = lab.dgstSign(challenge.tbs, cards[card].keyPath);
    const raw = lab.ecdsaDerToTokenRaw(der, size);
    expect(raw.length).toBe(2 * size);
    const pkcs1 = (signature: Uint8Array, tbs = challenge.tbs) =>
      verifyChallengeSignature({ ...options(cards[card], toBase64(signature), { ...challenge, tbs }), signatureType: 'PKCS1' });
    await expect(pkcs1(raw)).resolves.toEqual({ verified: true });
    await expectCode(pkcs1(der), 'ERR_PKI_MALFORMED');
    const flipped = new Uint8Array(raw);
    flipped[5]! ^= 0x80;
    await expectCode(pkcs1(flipped), 'ERR_PKI_BAD_SIGNATURE');
    await expectCode(pkcs1(raw, `${challenge.tbs}.other`), 'ERR_PKI_BAD_SIGNATURE');
  });

  it('refuses an RSA signature over another text or with a flipped byte as ERR_PKI_BAD_SIGNATURE', async () => {
    const challenge = newChallenge();
    const signature = lab.dgstSign(challenge.tbs, cards.rsa2048.keyPath);
    const flipped = new Uint8Array(signature);
    flipped[100]! ^= 0x01;
    await expectCode(verifyChallengeSignature({ ...options(cards.rsa2048, toBase64(flipped), challenge), signatureType: 'PKCS1' }), 'ERR_PKI_BAD_SIGNATURE');
    await expectCode(verifyChallengeSignature({ ...options(cards.rsa2048, toBase64(signature), { ...challenge, tbs: 'other' }), signatureType: 'PKCS1' }), 'ERR_PKI_BAD_SIGNATURE');
    // A PKCS7 answer posted as PKCS1 is refused before any parsing: it is far larger than a raw signature can be.
    await expectCode(verifyChallengeSignature({ ...options(cards.rsa2048, await ourCms(cards.rsa2048, challenge), challenge), signatureType: 'PKCS1' }), 'ERR_PKI_INPUT_TOO_LARGE');
  });
});

/**
 * Takes a CMS from the builder, changes its signed attributes, and signs them again with the card's RSA key —
 * the shapes a faulty or hostile component could send with a valid signature, which the builder will not make.
 */
function resigned(base64: string, card: Issued, change: (attributes: pkijs.Attribute[]) => pkijs.Attribute[]): string {
  const contentInfo = pkijs.ContentInfo.fromBER(Buffer.from(base64, 'base64'));
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signer = signedData.signerInfos[0]!;
  const attributes = change(signer.signedAttrs!.attributes);
  signer.signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  const set = new Uint8Array(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER(false));
  signer.signature = new asn1js.OctetString({ valueHex: new Uint8Array(nodeSign('sha256', set, createPrivateKey(readFileSync(card.keyPath)))) });
  const out = new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema(true) });
  return Buffer.from(out.toSchema().toBER(false)).toString('base64');
}

describe('signed attribute shapes, validly signed', () => {
  const nonceOid = '1.2.840.113549.1.9.25.3';
  const replace = (type: string, value: asn1js.AsnType) => (attributes: pkijs.Attribute[]) =>
    attributes.map((a) => (a.type === decodedOidText(type) ? new pkijs.Attribute({ type, values: [value] }) : a));

  it('the re-signing helper itself produces an accepted CMS when nothing changes', async () => {
    const challenge = newChallenge();
    const signature = resigned(await ourCms(cards.rsa2048, challenge), cards.rsa2048, (a) => a);
    await expect(verifyChallengeSignature(options(cards.rsa2048, signature, challenge))).resolves.toMatchObject({ verified: true });
  });

  it('refuses the nonce written as text (its hex in a PrintableString) with ERR_PKI_NONCE_MISMATCH', async () => {
    const challenge = newChallenge();
    const asText = new asn1js.PrintableString({ value: Buffer.from(challenge.nonce).toString('hex') });
    const signature = resigned(await ourCms(cards.rsa2048, challenge), cards.rsa2048, replace(nonceOid, asText));
    const err = await expectCode(verifyChallengeSignature(options(cards.rsa2048, signature, challenge)), 'ERR_PKI_NONCE_MISMATCH');
    expect(err.detail).toMatch(/PrintableString/);
  });

  it.each([
    ['a second nonce attribute', (a: pkijs.Attribute[]) => [...a, new pkijs.Attribute({ type: nonceOid, values: [new asn1js.OctetString({ valueHex: new Uint8Array(32) })] })], /more than once/],
    ['a nonce with two values', (a: pkijs.Attribute[]) => a.map((x) => (x.type === nonceOid ? new pkijs.Attribute({ type: nonceOid, values: [x.values[0], x.values[0]] }) : x)), /2 values/],
    ['no signingTime', (a: pkijs.Attribute[]) => a.filter((x) => x.type !== '1.2.840.113549.1.9.5'), /signingTime is missing/],
    ['no messageDigest', (a: pkijs.Attribute[]) => a.filter((x) => x.type !== '1.2.840.113549.1.9.4'), /messageDigest is missing/],
    ['a contentType other than id-data', replace('1.2.840.113549.1.9.3', new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.2' })), /not id-data/],
    ['a signed origin that is not a UTF8String', replace(OID.signedOrigin, new asn1js.PrintableString({ value: 'https://menhu.example.gov.tw' })), /signed origin/],
  ] as const)('refuses %s as ERR_PKI_MALFORMED', async (_, change, detail) => {
    const challenge = newChallenge();
    const signature = resigned(await ourCms(cards.rsa2048, { ...challenge, signedOrigin: ORIGIN }), cards.rsa2048, change as (a: pkijs.Attribute[]) => pkijs.Attribute[]);
    const err = await expectCode(verifyChallengeSignature(options(cards.rsa2048, signature, challenge)), 'ERR_PKI_MALFORMED');
    expect(err.detail).toMatch(detail);
  });
});
