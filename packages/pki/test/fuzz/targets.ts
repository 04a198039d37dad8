/**
 * What the fuzzer attacks: every entry point that reads untrusted bytes in a card login. Each target takes
 * mutated bytes and must either succeed or throw a PkiError — never another error, never hang.
 */
import { randomBytes } from 'node:crypto';
import { parseCertificate } from '../../src/certificate';
import { PkiError } from '../../src/errors';
import { buildChallengeSignedData, verifyChallengeSignature } from '../../src/signature';
import { cardIdentity } from '../../src/identity';
import { trustStoreFrom, validateCardCertificate, type TrustStore } from '../../src/path';
import { OpensslLab, softwareSigner, toBase64 } from '../signature/openssl-lab';

export const ORIGIN = 'https://menhu.example.gov.tw';

export interface FuzzTarget {
  readonly name: string;
  readonly seed: Uint8Array;
  run(input: Uint8Array): Promise<unknown>;
}

export interface Corpus {
  readonly targets: readonly FuzzTarget[];
  cleanup(): void;
}

/** A small, realistic PKI made by openssl: root, MOICA-like issuer, a citizen card; and a CMS from the card. */
export async function makeCorpus(): Promise<Corpus> {
  const lab = new OpensslLab();
  const root = lab.ca('Menhu Fuzz Root', lab.key('p256'));
  const issuerKey = lab.key('rsa2048');
  const issuer = lab.issue({
    dn: ['C = TW', 'O = 行政院', 'OU = 內政部憑證管理中心'],
    key: issuerKey,
    issuer: root,
    extensions: [
      'basicConstraints = critical,CA:TRUE,pathlen:0',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      'certificatePolicies = 2.16.886.101.0.3.3',
    ],
  });
  const card = lab.issue({
    dn: ['C = TW', 'CN = 王𡘙明'],
    key: lab.key('rsa2048'),
    issuer,
    extensions: [
      'keyUsage = critical,digitalSignature',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      'certificatePolicies = 2.16.886.101.0.3.3',
      '2.5.29.9 = ASN1:SEQUENCE:sda',
    ],
    sections: ['[sda]', 'attr = SEQUENCE:lastfour', '[lastfour]', 'type = OID:2.16.886.1.100.2.51', 'values = SET:lastfourvalues', '[lastfourvalues]', 'v = PRINTABLESTRING:6789'].join('\n'),
  });
  const trustStore: TrustStore = trustStoreFrom([root.der, issuer.der]);
  const nonce = new Uint8Array(randomBytes(32));
  const challenge = { tbs: `menhu.example.gov.tw.login.${Buffer.from(nonce).toString('hex')}.20261128T112514Z`, nonce };
  const cms = await buildChallengeSignedData({
    tbs: challenge.tbs,
    nonce,
    certificate: card.certificate,
    sign: softwareSigner(card.keyPath),
    signedOrigin: ORIGIN,
    cardSerial: 'TP03000012345678',
  });
  const at = new Date();

  const targets: FuzzTarget[] = [
    {
      name: 'card certificate: parse, path, identity',
      seed: card.der,
      async run(input) {
        const cert = parseCertificate(input);
        cardIdentity(cert);
        validateCardCertificate({ endEntity: input, trustStore, at });
      },
    },
    {
      name: 'issuer certificate in a trust store',
      seed: issuer.der,
      async run(input) {
        // A malformed CA in the operator's folder is the operator's error (TypeError at load); here the bytes
        // come as an extra intermediate offered with the card, which is untrusted input.
        validateCardCertificate({ endEntity: card.der, trustStore: trustStoreFrom([root.der]), intermediates: [input], at });
      },
    },
    {
      name: 'CMS SignedData over the challenge',
      seed: cms,
      async run(input) {
        await verifyChallengeSignature({
          signatureType: 'PKCS7',
          signature: toBase64(input),
          certificate: card.certificate,
          challenge,
          expectedOrigin: ORIGIN,
        });
      },
    },
  ];
  // Sanity: every seed is accepted as it is, so the fuzzer starts from inputs that go deep.
  for (const t of targets) await t.run(t.seed);
  return { targets, cleanup: () => lab.cleanup() };
}

/** Runs one case; returns a description of anything other than success or a PkiError. */
export async function runCase(target: FuzzTarget, input: Uint8Array): Promise<string | undefined> {
  try {
    await target.run(input);
    return undefined;
  } catch (err) {
    if (err instanceof PkiError) return undefined;
    return `${target.name}: ${(err as Error)?.name ?? typeof err}: ${(err as Error)?.message ?? String(err)}`;
  }
}
