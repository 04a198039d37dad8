/**
 * Path validation against a GPKI-like hierarchy made by the openssl command line: a GRCA-like root, MOICA-like
 * issuers G2 and G3 that share MOICA's exact subject name, and card certificates — then one certificate per
 * way a login must fail.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PkiErrorCode } from '../../src/errors';
import {
  buildPaths,
  checkEndEntity,
  pathCertificate,
  loadTrustStore,
  trustStoreFrom,
  validateCardCertificate,
  validatePath,
  type TrustStore,
  type ValidatePathOptions,
} from '../../src/path';
import { CARD_EXT, ISSUER_EXT, OpenSslCa, ROOT_EXT, withExt, type Issued } from './openssl-ca';

const AT = new Date('2026-11-28T00:00:00Z');
const CA_START = '20240101000000Z';
const CA_END = '20400101000000Z';
const CARD_START = '20260101000000Z';
const CARD_END = '20310101000000Z';
const MOICA = '/C=TW/O=行政院/OU=內政部憑證管理中心';
const UNKNOWN_CRITICAL = '1.3.6.1.4.1.55555.1 = critical, DER:05:00';
const EXTRA_POLICY = '1.3.6.1.4.1.55555.9';

let ca: OpenSslCa;
let store: TrustStore;
const c: Record<string, Issued> = {};
let g2Ski = '';
let g3Ski = '';

function expectCode(fn: () => unknown, code: PkiErrorCode): void {
  expect(fn).toThrowError(expect.objectContaining({ name: 'PkiError', code }));
}

function card(name: string, options: Partial<ValidatePathOptions> = {}) {
  return () => validateCardCertificate({ endEntity: c[name]!.der, trustStore: store, at: AT, ...options });
}

beforeAll(() => {
  ca = new OpenSslCa();
  // RSA-4096 once, for the root as GRCA has it; the rest is RSA-2048 or EC, for speed.
  const rootKey = ca.key('root', 'rsa:4096');
  const g3Key = ca.key('g3', 'rsa:2048');
  const g2Key = ca.key('g2', 'ec:P-256');
  const otherRootKey = ca.key('other-root', 'ec:P-384');
  const impostorKey = ca.key('impostor', 'rsa:2048');
  const caKey = ca.key('misc-ca', 'ec:P-256');
  const loopAKey = ca.key('loop-a', 'ec:P-256');
  const loopBKey = ca.key('loop-b', 'ec:P-256');
  const cardKey = ca.key('card', 'rsa:2048');

  const issue = (name: string, subject: string, key: string, issuer: Issued | 'self', ext: readonly string[], more: Partial<Parameters<OpenSslCa['issue']>[0]> = {}) => {
    c[name] = ca.issue({
      name,
      subject,
      key,
      issuer: issuer === 'self' ? 'self' : { cert: issuer.path, key: issuer.key },
      ext,
      start: CA_START,
      end: CA_END,
      ...more,
    });
    return c[name]!;
  };
  const issueCard = (name: string, issuer: Issued | 'self', ext: readonly string[] = CARD_EXT, more: Partial<Parameters<OpenSslCa['issue']>[0]> = {}) =>
    issue(name, `/C=TW/CN=測試${name}`, cardKey, issuer, ext, { start: CARD_START, end: CARD_END, ...more });

  const root = issue('root', '/C=TW/O=行政院/CN=Test Government Root Certification Authority - G3', rootKey, 'self', ROOT_EXT);
  const g3 = issue('g3', MOICA, g3Key, root, ISSUER_EXT);
  const g2 = issue('g2', MOICA, g2Key, root, ISSUER_EXT, { start: '20140101000000Z', end: '20340102000000Z' });
  g3Ski = ca.ski(g3);
  g2Ski = ca.ski(g2);
  const expiredCa = issue('expired-ca', '/C=TW/O=行政院/OU=Expired CA', caKey, root, ISSUER_EXT, { start: '20160101000000Z', end: '20260601000000Z' });
  const subCa = issue('sub-ca', '/C=TW/O=行政院/OU=Sub CA', caKey, g3, withExt(ISSUER_EXT, 'basicConstraints', 'basicConstraints = critical, CA:TRUE'));
  const critCa = issue('crit-ca', '/C=TW/O=行政院/OU=Critical Extension CA', caKey, root, [...ISSUER_EXT, UNKNOWN_CRITICAL]);
  const ncCa = issue('nc-ca', '/C=TW/O=行政院/OU=Name Constraints CA', caKey, root, [...ISSUER_EXT, 'nameConstraints = critical, permitted;DNS:gov.tw']);
  const otherPolicyCa = issue('other-policy-ca', '/C=TW/O=行政院/OU=Other Policy CA', caKey, root, withExt(ISSUER_EXT, 'certificatePolicies', 'certificatePolicies = 2.16.886.101.0.3.2'));
  const notCa = issue('not-ca', '/C=TW/O=行政院/OU=Not A CA', caKey, root, withExt(ISSUER_EXT, 'basicConstraints', 'basicConstraints = critical, CA:FALSE'));
  const noCertSign = issue('no-certsign-ca', '/C=TW/O=行政院/OU=No CertSign CA', caKey, root, withExt(ISSUER_EXT, 'keyUsage', 'keyUsage = critical, digitalSignature, cRLSign'));

  const otherRoot = issue('other-root', '/C=TW/O=Other/CN=Other Root', otherRootKey, 'self', ROOT_EXT, { md: 'sha384' });
  const otherIssuer = issue('other-issuer', '/C=TW/O=Other/OU=Other Issuer', caKey, otherRoot, ISSUER_EXT, { md: 'sha384' });
  // Impostors: MOICA's exact name with their own key; the second also copies G3's key identifier.
  const impostor = issue('impostor', MOICA, impostorKey, 'self', ISSUER_EXT);
  // (Self-signed with a fixed SKI: openssl cannot derive an AKI for these, and a root needs none.)
  const copiedKeyId = withExt(withExt(ISSUER_EXT, 'authorityKeyIdentifier', undefined), 'subjectKeyIdentifier', `subjectKeyIdentifier = ${g3Ski}`);
  const impostorCopy = issue('impostor-copy', MOICA, impostorKey, 'self', copiedKeyId);
  // A signing template with G3's name and key identifier but G2's key: its cards name G3 and are signed by G2.
  const g3NameG2Key = issue('g3-name-g2-key', MOICA, g2Key, 'self', copiedKeyId);
  // Two CAs that certify each other, anchored nowhere.
  const loopA0 = issue('loop-a0', '/C=TW/O=Loop/OU=A', loopAKey, 'self', withExt(ROOT_EXT, 'basicConstraints', 'basicConstraints = critical, CA:TRUE'));
  const loopB = issue('loop-b', '/C=TW/O=Loop/OU=B', loopBKey, loopA0, withExt(ISSUER_EXT, 'basicConstraints', 'basicConstraints = critical, CA:TRUE'));
  const loopA = issue('loop-a', '/C=TW/O=Loop/OU=A', loopAKey, loopB, withExt(ISSUER_EXT, 'basicConstraints', 'basicConstraints = critical, CA:TRUE'));

  issueCard('good', g3);
  issueCard('g2-card', g2);
  issueCard('pss-card', g3, CARD_EXT, { sigopts: ['rsa_padding_mode:pss', 'rsa_pss_saltlen:32'] });
  issueCard('sha1-card', g3, CARD_EXT, { md: 'sha1' });
  issueCard('expired-card', g3, CARD_EXT, { start: '20200101000000Z', end: '20250101000000Z' });
  issueCard('future-card', g3, CARD_EXT, { start: '20270101000000Z', end: '20320101000000Z' });
  issueCard('under-expired-ca', expiredCa);
  issueCard('under-sub-ca', subCa);
  issueCard('under-crit-ca', critCa);
  issueCard('under-nc-ca', ncCa);
  issueCard('under-other-policy-ca', otherPolicyCa);
  issueCard('under-not-ca', notCa);
  issueCard('under-no-certsign', noCertSign);
  issueCard('under-other-root', otherIssuer, CARD_EXT, { md: 'sha384' });
  issueCard('impostor-card', impostor);
  issueCard('impostor-copy-card', impostorCopy);
  issueCard('g3-aki-g2-signed', g3NameG2Key);
  issueCard('under-loop', loopA);
  issueCard('self-signed-card', 'self');
  issueCard('crit-card', g3, [...CARD_EXT, UNKNOWN_CRITICAL]);
  issueCard('no-digsig-card', g3, withExt(CARD_EXT, 'keyUsage', 'keyUsage = critical, nonRepudiation'));
  issueCard('no-keyusage-card', g3, withExt(CARD_EXT, 'keyUsage', undefined));
  issueCard('server-auth-card', g3, [...CARD_EXT, 'extendedKeyUsage = serverAuth']);
  issueCard('client-auth-card', g3, [...CARD_EXT, 'extendedKeyUsage = clientAuth, emailProtection']);
  issueCard('extra-policy-card', g3, withExt(CARD_EXT, 'certificatePolicies', `certificatePolicies = 2.16.886.101.0.3.3, ${EXTRA_POLICY}`));
  issueCard('no-policy-card', g3, withExt(CARD_EXT, 'certificatePolicies', undefined));
  issueCard('wrong-policy-card', g3, withExt(CARD_EXT, 'certificatePolicies', 'certificatePolicies = 2.16.886.101.0.3.1'));
  issueCard('any-policy-card', g3, withExt(CARD_EXT, 'certificatePolicies', 'certificatePolicies = 2.5.29.32.0'));

  // The trust folder as an operator would fill it: PEM files, and the root as DER.
  const trust = join(ca.dir, 'trust');
  mkdirSync(trust);
  writeFileSync(join(trust, 'root.cer'), root.der);
  for (const x of [g3, g2, expiredCa, subCa, critCa, ncCa, otherPolicyCa]) writeFileSync(join(trust, `${x.name}.pem`), x.pem);
  writeFileSync(join(trust, 'README.md'), 'not a certificate');
  store = loadTrustStore(trust);
}, 60_000);

afterAll(() => ca?.cleanup());

describe('a card under the MOICA-like issuer', () => {
  it('validates to the root, with the issuer profile and policy', () => {
    const result = card('good')();
    expect(result.path.map((p) => p.der)).toEqual([c.good!.der, c.g3!.der, c.root!.der]);
    expect(result.issuer.extensions.subjectKeyId).toBe(g3Ski.replace(/:/g, '').toLowerCase());
    expect(result.profile.cardKind).toBe('citizen');
    expect(result.policies).toEqual(['2.16.886.101.0.3.3']);
  });

  it('trust store: the self-signed root is the only anchor; issuers are intermediates', () => {
    expect(store.anchors.map((a) => a.der)).toEqual([c.root!.der]);
    expect(store.intermediates).toHaveLength(7);
  });

  it('accepts a parsed certificate as well as DER', () => {
    const path = validatePath({ endEntity: pathCertificate(c.good!.der, 'card').certificate, trustStore: store, at: AT });
    expect(path).toHaveLength(3);
  });

  it('accepts an RSA-PSS signature and an EKU that allows client authentication', () => {
    expect(card('pss-card')().path).toHaveLength(3);
    expect(card('client-auth-card')().path).toHaveLength(3);
  });

  it('is valid on the first and last instant of its validity', () => {
    expect(card('good', { at: new Date('2026-01-01T00:00:00Z') })().path).toHaveLength(3);
    expect(card('good', { at: new Date('2031-01-01T00:00:00Z') })().path).toHaveLength(3);
  });
});

describe('MOICA generations sharing one subject name', () => {
  it('builds the path of a G2 card through G2, chosen by key identifier (ECDSA)', () => {
    const result = card('g2-card')();
    expect(result.issuer.der).toEqual(c.g2!.der);
    expect(result.issuer.extensions.subjectKeyId).toBe(g2Ski.replace(/:/g, '').toLowerCase());
    // G3 has the same name and is in the store, yet is never a candidate.
    const paths = buildPaths({ endEntity: pathCertificate(c['g2-card']!.der, 'card'), trustStore: store });
    expect(paths.map((p) => p[1]!.der)).toEqual([c.g2!.der]);
  });

  it('refuses a card whose AKI names G3 but which G2 signed', () => {
    expectCode(card('g3-aki-g2-signed'), 'ERR_PKI_BAD_SIGNATURE');
  });

  it('applies the profile configured for one generation only to its cards', () => {
    const s = trustStoreFrom([c.root!.der, c.g3!.der, c.g2!.der], { issuers: { [g2Ski]: { cardKind: 'agency' } } });
    expect(validateCardCertificate({ endEntity: c['g2-card']!.der, trustStore: s, at: AT }).profile.cardKind).toBe('agency');
    expect(validateCardCertificate({ endEntity: c.good!.der, trustStore: s, at: AT }).profile.cardKind).toBe('citizen');
  });
});

describe('validity', () => {
  it('refuses an expired card', () => expectCode(card('expired-card'), 'ERR_PKI_CERT_EXPIRED'));
  it('refuses a card not yet valid', () => expectCode(card('future-card'), 'ERR_PKI_CERT_NOT_YET_VALID'));
  it('refuses a valid card under an expired intermediate', () => expectCode(card('under-expired-ca'), 'ERR_PKI_CERT_EXPIRED'));
  it('refuses every card once the root has expired', () => expectCode(card('good', { at: new Date('2040-01-02T00:00:00Z') }), 'ERR_PKI_CERT_EXPIRED'));
  it('rejects a bad `at` as a TypeError', () => {
    expect(() => validatePath({ endEntity: c.good!.der, trustStore: store, at: new Date('nope') })).toThrowError(TypeError);
  });
});

describe('trust', () => {
  it('refuses a card from a different root', () => expectCode(card('under-other-root'), 'ERR_PKI_UNTRUSTED_ISSUER'));

  it('refuses the other root even when its issuer is offered as an intermediate', () => {
    expectCode(card('under-other-root', { intermediates: [c['other-issuer']!.der, c['other-root']!.der] }), 'ERR_PKI_UNTRUSTED_ISSUER');
  });

  it('refuses an impostor with MOICA’s exact name and its own key (never chosen: other key id)', () => {
    expectCode(card('impostor-card'), 'ERR_PKI_UNTRUSTED_ISSUER');
    expectCode(card('impostor-card', { intermediates: [c.impostor!.der] }), 'ERR_PKI_UNTRUSTED_ISSUER');
  });

  it('refuses an impostor that also copies G3’s key identifier (the signature fails)', () => {
    expectCode(card('impostor-copy-card'), 'ERR_PKI_BAD_SIGNATURE');
    expectCode(card('impostor-copy-card', { intermediates: [c['impostor-copy']!.der] }), 'ERR_PKI_BAD_SIGNATURE');
  });

  it('refuses a self-signed card', () => expectCode(card('self-signed-card'), 'ERR_PKI_UNTRUSTED_ISSUER'));

  it('refuses a tampered signature', () => {
    const der = c.good!.der.slice();
    der[der.length - 1] = der[der.length - 1]! ^ 0x01;
    expectCode(() => validatePath({ endEntity: der, trustStore: store, at: AT }), 'ERR_PKI_BAD_SIGNATURE');
  });

  it('refuses a SHA-1 signature', () => expectCode(card('sha1-card'), 'ERR_PKI_UNSUPPORTED_ALGORITHM'));

  it('refuses garbage as malformed', () => {
    expectCode(() => validatePath({ endEntity: new Uint8Array([0x30, 0x03, 1, 2, 3]), trustStore: store, at: AT }), 'ERR_PKI_MALFORMED');
  });

  it('stops at a loop of CAs certifying each other', () => {
    expectCode(card('under-loop', { intermediates: [c['loop-a']!.der, c['loop-b']!.der] }), 'ERR_PKI_UNTRUSTED_ISSUER');
  });

  it('refuses a flood of extra certificates before building anything', () => {
    expectCode(card('good', { intermediates: Array.from({ length: 17 }, () => c.g3!.der) }), 'ERR_PKI_INPUT_TOO_LARGE');
  });

  it('limits the path length', () => {
    expectCode(card('good', { maxPathLength: 2 }), 'ERR_PKI_UNTRUSTED_ISSUER');
  });
});

describe('CA constraints', () => {
  it('refuses a CA without keyCertSign', () => {
    expectCode(card('under-no-certsign', { intermediates: [c['no-certsign-ca']!.der] }), 'ERR_PKI_INVALID_CA');
  });

  it('refuses a CA with cA=FALSE', () => {
    expectCode(card('under-not-ca', { intermediates: [c['not-ca']!.der] }), 'ERR_PKI_INVALID_CA');
  });

  it('refuses a CA below a pathlen-0 issuer', () => expectCode(card('under-sub-ca'), 'ERR_PKI_INVALID_CA'));

  it('refuses an unknown critical extension on the card', () => expectCode(card('crit-card'), 'ERR_PKI_UNKNOWN_CRITICAL_EXTENSION'));

  it('refuses an unknown critical extension on the intermediate', () => expectCode(card('under-crit-ca'), 'ERR_PKI_UNKNOWN_CRITICAL_EXTENSION'));

  it('refuses nameConstraints, which it does not implement', () => expectCode(card('under-nc-ca'), 'ERR_PKI_UNKNOWN_CRITICAL_EXTENSION'));
});

describe('the card’s purpose and policy', () => {
  it('refuses a card without digitalSignature', () => expectCode(card('no-digsig-card'), 'ERR_PKI_WRONG_PURPOSE'));
  it('refuses a card without keyUsage', () => expectCode(card('no-keyusage-card'), 'ERR_PKI_WRONG_PURPOSE'));
  it('refuses a card whose only EKU is serverAuth', () => expectCode(card('server-auth-card'), 'ERR_PKI_WRONG_PURPOSE'));

  it('refuses a CA certificate presented as a card', () => {
    const path = validatePath({ endEntity: c['sub-ca']!.der, trustStore: store, at: AT });
    expectCode(() => checkEndEntity({ path, trustStore: store, at: AT }), 'ERR_PKI_WRONG_PURPOSE');
  });

  it('refuses a card without a policy, or with none allowed, or with only anyPolicy', () => {
    expectCode(card('no-policy-card'), 'ERR_PKI_POLICY_DISALLOWED');
    expectCode(card('wrong-policy-card'), 'ERR_PKI_POLICY_DISALLOWED');
    expectCode(card('any-policy-card'), 'ERR_PKI_POLICY_DISALLOWED');
  });

  it('refuses a disallowed policy even beside an allowed one', () => {
    expect(card('extra-policy-card')().policies).toEqual(['2.16.886.101.0.3.3']);
    const strict = trustStoreFrom([c.root!.der, c.g3!.der], { issuers: { [g3Ski]: { disallowedPolicies: [EXTRA_POLICY] } } });
    expectCode(() => validateCardCertificate({ endEntity: c['extra-policy-card']!.der, trustStore: strict, at: AT }), 'ERR_PKI_POLICY_DISALLOWED');
  });

  it('refuses a card whose policy its CA does not assert', () => {
    const lenient = trustStoreFrom([c.root!.der, c['other-policy-ca']!.der]);
    expectCode(() => validateCardCertificate({ endEntity: c['under-other-policy-ca']!.der, trustStore: lenient, at: AT }), 'ERR_PKI_POLICY_DISALLOWED');
  });

  it('follows the policies configured for the issuer', () => {
    const s = trustStoreFrom([c.root!.der, c.g3!.der], { issuers: { [g3Ski]: { allowedPolicies: ['2.16.886.101.0.3.1'] } } });
    expectCode(() => validateCardCertificate({ endEntity: c.good!.der, trustStore: s, at: AT }), 'ERR_PKI_POLICY_DISALLOWED');
    // The card asserts 0.3.1 and the profile allows it, but G3 asserts only 0.3.3: the path does not permit it.
    expectCode(() => validateCardCertificate({ endEntity: c['wrong-policy-card']!.der, trustStore: s, at: AT }), 'ERR_PKI_POLICY_DISALLOWED');
  });
});
