import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../src/certificate';
import { PkiError } from '../../src/errors';
import { cardIdentity, issuerKindsFromConfig, ISSUER_NAME_KINDS } from '../../src/identity';
import { OpensslLab, type Issued } from '../signature/openssl-lab';

let lab: OpensslLab;
let key: string;
const ca = {} as Record<'moica' | 'moeaca' | 'gca' | 'xca', Issued>;

const CARD_EXT = ['keyUsage = critical,digitalSignature', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'];

/** Subject directory attributes (2.5.29.9) as openssl encodes them from a config: SEQUENCE OF Attribute. */
function sda(attributes: ReadonlyArray<readonly [oid: string, type: string, value: string]>): { extensions: string[]; sections: string } {
  const sections = [
    '[sda]',
    ...attributes.map((_, i) => `a${i} = SEQUENCE:sda_attr${i}`),
    ...attributes.flatMap(([oid, type, value], i) => [`[sda_attr${i}]`, `type = OID:${oid}`, `values = SET:sda_values${i}`, `[sda_values${i}]`, `v = ${type}:${value}`]),
  ].join('\n');
  return { extensions: [...CARD_EXT, '2.5.29.9 = ASN1:SEQUENCE:sda'], sections };
}

function card(issuer: Issued, dn: string[], more: { extensions?: string[]; sections?: string; stringMask?: 'utf8only' | 'pkix'; serial?: string } = {}): Issued {
  return lab.issue({ dn, key, issuer, extensions: more.extensions ?? CARD_EXT, sections: more.sections, stringMask: more.stringMask, serial: more.serial });
}

function skiOf(cert: Issued): string {
  // e.g. "X509v3 Subject Key Identifier: \n    47:20:A3:…" — kept with colons and upper case, as an operator would paste it.
  return lab.openssl(['x509', '-in', cert.certPath, '-noout', '-ext', 'subjectKeyIdentifier']).toString('utf8').split('\n')[1]!.trim();
}

function malformed(run: () => unknown): PkiError {
  try {
    run();
  } catch (err) {
    if (err instanceof PkiError && err.code === 'ERR_PKI_MALFORMED') return err;
    throw err;
  }
  throw new Error('expected ERR_PKI_MALFORMED');
}

beforeAll(() => {
  lab = new OpensslLab();
  key = lab.key('p256'); // one key for every card: identity does not look at keys
  const caKey = lab.key('p256');
  ca.moica = lab.ca('內政部憑證管理中心', caKey);
  ca.moeaca = lab.ca('工商憑證管理中心', caKey);
  ca.gca = lab.ca('政府憑證管理中心', caKey);
  ca.xca = lab.ca('組織及團體憑證管理中心', lab.key('p256'));
});

afterAll(() => lab?.cleanup());

describe('cardIdentity: a citizen card (MOICA)', () => {
  it('reads the UTF8String name with a character outside the BMP exactly, the ID digits, and the serial', () => {
    const cert = card(ca.moica, ['C = TW', 'CN = 王𡘙明', 'serialNumber = 0000000112345678'], { ...sda([['2.16.886.1.100.2.51', 'PRINTABLESTRING', '6789']]), serial: '0x00ab12' });
    expect(lab.asn1parse(cert.der).some((l) => /UTF8STRING\s+:王𡘙明/.test(l))).toBe(true);
    const id = cardIdentity(cert.certificate);
    // MOICA's subject serialNumber is not a 統一編號 and is not reported as one.
    expect(id).toEqual({ kind: 'citizen', name: '王𡘙明', idLastFour: '6789', serial: 'AB12' });
    expect([...id.name]).toHaveLength(3); // 𡘙 (U+21619) is one character, a surrogate pair in JS
    expect(id.name.codePointAt(1)).toBe(0x21619);
  });

  it('reads a BMPString name exactly', () => {
    const cert = card(ca.moica, ['C = TW', 'CN = 陳小明'], { stringMask: 'pkix' });
    expect(lab.asn1parse(cert.der).some((l) => /BMPSTRING/.test(l))).toBe(true);
    expect(cardIdentity(cert.certificate)).toMatchObject({ kind: 'citizen', name: '陳小明' });
  });

  it('writes the serial as upper-case hex without leading zeros, like the development CA', () => {
    expect(cardIdentity(card(ca.moica, ['C = TW', 'CN = 林一'], { serial: '0x8f0001' }).certificate).serial).toBe('8F0001'); // DER 00 8F 00 01
    expect(cardIdentity(card(ca.moica, ['C = TW', 'CN = 林二'], { serial: '0x0abc' }).certificate).serial).toBe('ABC');
  });
});

describe('cardIdentity: business and agency cards', () => {
  it('reads the 統一編號 of a MOEACA certificate from serialNumber and the SDA attribute', () => {
    const cert = card(ca.moeaca, ['C = TW', 'O = 測試股份有限公司', 'CN = 測試股份有限公司', 'serialNumber = 82798010'], sda([['2.16.886.1.100.2.101', 'PRINTABLESTRING', '82798010']]));
    expect(cardIdentity(cert.certificate)).toEqual({ kind: 'business', name: '測試股份有限公司', businessId: '82798010', serial: expect.stringMatching(/^[0-9A-F]+$/) });
    const serialOnly = card(ca.moeaca, ['C = TW', 'CN = 測試商行', 'serialNumber = 12345675']);
    expect(cardIdentity(serialOnly.certificate)).toMatchObject({ kind: 'business', businessId: '12345675' });
  });

  it('refuses a business certificate whose two 統一編號 differ', () => {
    const cert = card(ca.moeaca, ['C = TW', 'CN = 測試股份有限公司', 'serialNumber = 82798010'], sda([['2.16.886.1.100.2.101', 'PRINTABLESTRING', '12345675']]));
    expect(malformed(() => cardIdentity(cert.certificate)).detail).toMatch(/differ/);
  });

  it('labels a GCA certificate as an agency and an unlisted issuer as unknown', () => {
    expect(cardIdentity(card(ca.gca, ['C = TW', 'O = 行政院', 'CN = 數位發展部']).certificate)).toMatchObject({ kind: 'agency', name: '數位發展部' });
    expect(cardIdentity(card(ca.xca, ['C = TW', 'CN = 某協會']).certificate)).toMatchObject({ kind: 'unknown' });
  });
});

describe('cardIdentity: deciding the kind', () => {
  it('uses the configured issuer key identifier first, and the name only as a fallback', () => {
    const fromXca = card(ca.xca, ['C = TW', 'CN = 某協會']).certificate;
    const fromMoica = card(ca.moica, ['C = TW', 'CN = 王小明']).certificate;
    const issuerKinds = issuerKindsFromConfig({ [skiOf(ca.xca)]: 'citizen', [skiOf(ca.moica).toLowerCase()]: 'agency' });
    expect(cardIdentity(fromXca, { issuerKinds }).kind).toBe('citizen');
    expect(cardIdentity(fromMoica, { issuerKinds }).kind).toBe('agency');
    expect(cardIdentity(fromMoica, { issuerNameFallback: false }).kind).toBe('unknown');
    expect(cardIdentity(fromMoica).kind).toBe('citizen');
  });

  it('finds the GPKI names inside longer issuer names, and calls an issuer naming two kinds unknown', () => {
    expect(ISSUER_NAME_KINDS['內政部憑證管理中心']).toBe('citizen');
    const holder = ['C = TW', 'CN = 王小明'];
    const moeaca = lab.ca('經濟部工商憑證管理中心', lab.key('p256'));
    const development = lab.ca('內政部憑證管理中心 (開發用 Development)', lab.key('p256'));
    const confused = lab.issue({
      dn: ['C = TW', 'O = 政府憑證管理中心', 'OU = 內政部憑證管理中心'],
      key: lab.key('p256'),
      extensions: ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign', 'subjectKeyIdentifier = hash'],
    });
    expect(cardIdentity(card(moeaca, [...holder, 'serialNumber = 82798010']).certificate)).toMatchObject({ kind: 'business', businessId: '82798010' });
    expect(cardIdentity(card(development, holder).certificate).kind).toBe('citizen');
    expect(cardIdentity(card(confused, holder).certificate).kind).toBe('unknown');
  });

  it('checks the issuer configuration when it is built', () => {
    expect([...issuerKindsFromConfig({ '47:20:A3:B1': 'citizen' }).keys()]).toEqual(['4720a3b1']);
    expect(() => issuerKindsFromConfig({ 'not hex': 'citizen' })).toThrow(TypeError);
    expect(() => issuerKindsFromConfig({ '4720': 'person' as never })).toThrow(TypeError);
    expect(() => cardIdentity(ca.moica.der as never)).toThrow(TypeError);
  });
});

describe('cardIdentity: malformed certificates are ERR_PKI_MALFORMED', () => {
  const cases: Array<[string, () => Issued, RegExp]> = [
    ['subject directory attributes that are not a SEQUENCE OF Attribute', () => card(ca.moica, ['C = TW', 'CN = 王小明'], { extensions: [...CARD_EXT, '2.5.29.9 = DER:0500'] }), /subjectDirectoryAttributes/],
    ['truncated subject directory attributes', () => card(ca.moica, ['C = TW', 'CN = 王小明'], { extensions: [...CARD_EXT, '2.5.29.9 = DER:3005300306'] }), /subjectDirectoryAttributes/],
    ['ID digits that are not four digits', () => card(ca.moica, ['C = TW', 'CN = 王小明'], sda([['2.16.886.1.100.2.51', 'PRINTABLESTRING', '12345']])), /not 4 digits/],
    ['ID digits that are letters', () => card(ca.moica, ['C = TW', 'CN = 王小明'], sda([['2.16.886.1.100.2.51', 'UTF8String', 'ABCD']])), /not 4 digits/],
    [
      'the same SDA attribute twice',
      () => card(ca.moica, ['C = TW', 'CN = 王小明'], sda([['2.16.886.1.100.2.51', 'PRINTABLESTRING', '6789'], ['2.16.886.1.100.2.51', 'PRINTABLESTRING', '1234']])),
      /more than once/,
    ],
    ['two commonNames', () => card(ca.moica, ['C = TW', '0.CN = 王小明', '1.CN = 王大明']), /2 commonNames/],
    ['no commonName', () => card(ca.moica, ['C = TW', 'O = 某公司']), /0 commonNames/],
    ['a business serialNumber that is no 統一編號', () => card(ca.moeaca, ['C = TW', 'CN = 某公司', 'serialNumber = 1234567']), /not 8 digits/],
  ];
  it.each(cases)('%s', (_, make, detail) => {
    expect(malformed(() => cardIdentity(make().certificate)).detail).toMatch(detail);
  });

  // openssl manages authorityKeyIdentifier itself (it drops a DER: value given in the config), so these two
  // patch the DER; cardIdentity does not check the issuer's signature, so the patched certificate still parses.
  it('a malformed authorityKeyIdentifier', () => {
    const der = Buffer.from(card(ca.moica, ['C = TW', 'CN = 王小明']).der);
    const at = der.indexOf(Buffer.from('30168014', 'hex'), der.indexOf(Buffer.from('551d23', 'hex')));
    expect(at).toBeGreaterThan(0);
    der[at + 2] = 0x04; // keyIdentifier [0] IMPLICIT → a universal OCTET STRING the schema does not allow
    expect(malformed(() => cardIdentity(parseCertificate(new Uint8Array(der)))).detail).toMatch(/authorityKeyIdentifier/);
  });

  it('a name that is not valid UTF-8 is refused, never repaired', () => {
    const der = Buffer.from(card(ca.moica, ['C = TW', 'CN = 王小明']).der);
    const at = der.indexOf(Buffer.from('王小明'));
    der[at] = 0xff; // no longer UTF-8
    expect(malformed(() => cardIdentity(parseCertificate(new Uint8Array(der)))).detail).toMatch(/commonName/);
  });
});
