import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChallengeSignedData, verifyChallengeSignature } from '../../src/signature';
import { OpensslLab, softwareSigner, toBase64, type Issued } from './openssl-lab';

const ORIGIN = 'https://menhu.example.gov.tw';
const TBS = 'menhu.example.gov.tw.login.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8.20261128T112514Z';
const NONCE = new Uint8Array(Array.from({ length: 32 }, (_, i) => i));
const NONCE_HEX = Buffer.from(NONCE).toString('hex').toUpperCase();

let lab: OpensslLab;
let rsa: Issued;
let ec: Issued;

beforeAll(() => {
  lab = new OpensslLab();
  const ca = lab.ca('內政部憑證管理中心', lab.key('p256'));
  const card = (key: string) =>
    lab.issue({
      dn: ['C = TW', 'CN = 王𡘙明', 'serialNumber = 0000000112345678'],
      key,
      issuer: ca,
      extensions: ['keyUsage = critical,digitalSignature', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'],
    });
  rsa = card(lab.key('rsa2048'));
  ec = card(lab.key('p384'));
});

afterAll(() => lab?.cleanup());

function build(card: Issued, extra: Partial<Parameters<typeof buildChallengeSignedData>[0]> = {}) {
  return buildChallengeSignedData({
    tbs: TBS,
    nonce: NONCE,
    certificate: card.certificate,
    sign: softwareSigner(card.keyPath, extra.hashAlgorithm ?? 'SHA-256'),
    signingTime: new Date('2026-11-28T11:25:14.789Z'),
    cardSerial: 'TP03000012345678',
    signedOrigin: ORIGIN,
    ...extra,
  });
}

describe('buildChallengeSignedData', () => {
  it.each([
    ['RSA', () => rsa],
    ['ECDSA P-384', () => ec],
  ] as const)('makes a %s CMS that openssl verifies and re-encodes to the same DER bytes', async (_, card) => {
    const der = await build(card());
    expect(lab.cmsVerify(der).toString('utf8')).toBe(TBS);
    // openssl writes DER (its SET OF encodings sorted); identical bytes mean ours was DER already.
    const reencoded = lab.openssl(['cms', '-cmsout', '-inform', 'DER', '-outform', 'DER', '-in', lab.write(`re-${card().certificate.serialNumber.valueBlock.valueDec}.der`, der)]);
    expect(Buffer.compare(reencoded, Buffer.from(der))).toBe(0);
  });

  it('writes the signed attributes this protocol needs, in DER order, with the documented types', async () => {
    const der = await build(rsa);
    const lines = lab.asn1parse(der);
    const afterObject = (name: RegExp) => lines[lines.findIndex((l) => name.test(l)) + 2] ?? '';
    expect(afterObject(/OBJECT\s+:contentType/)).toMatch(/OBJECT\s+:pkcs7-data/);
    expect(afterObject(/OBJECT\s+:signingTime/)).toMatch(/UTCTIME\s+:261128112514Z/); // whole seconds, RFC 5652 §11.3
    expect(afterObject(/OBJECT\s+:messageDigest/)).toMatch(/OCTET STRING\s+\[HEX DUMP\]:[0-9A-F]{64}/);
    // The nonce: an OCTET STRING of the 32 nonce bytes (RFC 2985 §5.3.4), not a text form of them.
    expect(afterObject(/OBJECT\s+:1\.2\.840\.113549\.1\.9\.25\.3/)).toMatch(new RegExp(`OCTET STRING\\s+\\[HEX DUMP\\]:${NONCE_HEX}$`));
    expect(afterObject(/OBJECT\s+:2\.16\.886\.1\.100\.2\.204/)).toMatch(/PRINTABLESTRING\s+:TP03000012345678/);
    expect(afterObject(/OBJECT\s+:2\.25\.171847252591870433927821179715861727620/)).toMatch(new RegExp(`UTF8STRING\\s+:${ORIGIN}`));
    // The encapsulated content is the tbs itself.
    expect(lines.some((l) => l.includes(`OCTET STRING      :${TBS}`))).toBe(true);
  });

  it('hands the signing function the DER SET OF the signed attributes (RFC 5652 §5.4)', async () => {
    let seen: Uint8Array | undefined;
    const inner = softwareSigner(rsa.keyPath);
    await build(rsa, { sign: async (data) => ((seen = data), inner(data)) });
    expect(seen?.[0]).toBe(0x31);
    const top = lab.asn1parse(seen!)[0] ?? '';
    expect(top).toMatch(/cons: SET/);
  });

  it('writes GeneralizedTime from 2050 on, and the verifier reads both forms', async () => {
    for (const [when, form] of [
      ['2049-12-31T23:59:59Z', /UTCTIME\s+:491231235959Z/],
      ['2050-01-01T00:00:00Z', /GENERALIZEDTIME\s+:20500101000000Z/],
    ] as const) {
      const der = await build(ec, { signingTime: new Date(when) });
      expect(lab.asn1parse(der).some((l) => form.test(l))).toBe(true);
      const result = await verifyChallengeSignature({ signatureType: 'PKCS7', signature: toBase64(der), certificate: ec.certificate, challenge: { tbs: TBS, nonce: NONCE }, expectedOrigin: ORIGIN });
      expect(result.signingTime).toEqual(new Date(when));
    }
  });

  it('names the signer by subjectKeyIdentifier with version 3, and detaches the content on request', async () => {
    const der = await build(ec, { signerIdentifier: 'subjectKeyIdentifier', detached: true });
    expect(lab.cmsVerify(der, TBS).toString('utf8')).toBe(TBS);
    const lines = lab.asn1parse(der);
    expect(lines.filter((l) => /INTEGER\s+:03/.test(l))).toHaveLength(2); // SignedData and SignerInfo versions
    expect(lines.some((l) => l.includes(`:${TBS}`))).toBe(false);
  });

  it('refuses misuse with a TypeError', async () => {
    const wrongLength = async () => new Uint8Array(95); // a P-384 token returns 96 bytes
    for (const misuse of [
      { nonce: new Uint8Array(3) },
      { tbs: '' },
      { cardSerial: 'TP03_00001' }, // "_" is not in PrintableString
      { hashAlgorithm: 'SHA-1' },
      { sign: wrongLength },
    ]) {
      await expect(build(ec, misuse as Partial<Parameters<typeof buildChallengeSignedData>[0]>)).rejects.toBeInstanceOf(TypeError);
    }
  });
});
