/**
 * The certificate profiles of the development PKI, modelled on the real government PKI (GRCA G3 and
 * MOICA-G3, see shared/reference/trust-anchors/) and marked as development in every CA name, so that no
 * development certificate can be mistaken for — or chain by name to — a real one. Extension values are built
 * with pkijs and asn1js; each function cites the RFC 5280 section it follows.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, KEY_USAGE_BITS, type KeyUsageName } from '../oids';
export { KEY_USAGE_BITS, type KeyUsageName };

export const CA_IDS = ['grca', 'moica', 'moeaca', 'gca'] as const;
export type CaId = (typeof CA_IDS)[number];
export type IssuerId = Exclude<CaId, 'grca'>;
export const ISSUER_IDS = ['moica', 'moeaca', 'gca'] as const satisfies readonly IssuerId[];

export const CARD_KINDS = ['citizen', 'business', 'agency'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** Which issuer signs which kind of card: citizen → MOICA-like, business → MOEACA-like, agency → GCA-like. */
export const CARD_ISSUER: Readonly<Record<CardKind, IssuerId>> = { citizen: 'moica', business: 'moeaca', agency: 'gca' };

/** The mark every development CA carries in its name. */
export const DEVELOPMENT_MARK = '(開發用 Development)';

// ---------------------------------------------------------------------------------------------------------
// Names (RFC 5280 §4.1.2.4). One attribute per RDN, in the order given — as the real certificates have them.

const AT = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3', serialNumber: '2.5.4.5' } as const;
const SHORT_NAMES: Readonly<Record<string, string>> = { [AT.C]: 'C', [AT.O]: 'O', [AT.OU]: 'OU', [AT.CN]: 'CN', [AT.serialNumber]: 'serialNumber' };

type NamePart = readonly [type: string, value: asn1js.BaseStringBlock];

/**
 * Encodes a Name. pkijs' RelativeDistinguishedNames would put every attribute into one multi-valued RDN, so the
 * DER is built here and handed to pkijs to parse, which then keeps these exact bytes.
 */
export function buildName(parts: readonly NamePart[]): pkijs.RelativeDistinguishedNames {
  const der = new asn1js.Sequence({
    value: parts.map(([type, value]) => new asn1js.Set({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), value] })] })),
  }).toBER(false);
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(der).result });
}

/** A name as text for the operator (state file, CLI output): `C=TW, O=行政院, OU=…`. */
export function nameToText(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value = tv.value as { valueBlock?: { value?: unknown } };
      const text = typeof value.valueBlock?.value === 'string' ? value.valueBlock.value : '?';
      return `${SHORT_NAMES[tv.type] ?? tv.type}=${text}`;
    })
    .join(', ');
}

const utf8 = (value: string) => new asn1js.Utf8String({ value });
const country: NamePart = [AT.C, new asn1js.PrintableString({ value: 'TW' })];
const executiveYuan: NamePart = [AT.O, utf8('行政院')];

/**
 * Subject names. The real ones: GRCA G3 is `C=TW, O=行政院, CN=Government Root Certification Authority - G3`;
 * MOICA-G3 `C=TW, O=行政院, OU=內政部憑證管理中心`; MOEACA `…, OU=經濟部工商憑證管理中心`; GCA
 * `…, OU=政府憑證管理中心`. Values UTF8String, C PrintableString, as in the real certificates.
 */
export function caSubject(id: CaId): pkijs.RelativeDistinguishedNames {
  switch (id) {
    case 'grca':
      return buildName([country, executiveYuan, [AT.CN, utf8(`Government Root Certification Authority - Development ${DEVELOPMENT_MARK}`)]]);
    case 'moica':
      return buildName([country, executiveYuan, [AT.OU, utf8(`內政部憑證管理中心 ${DEVELOPMENT_MARK}`)]]);
    case 'moeaca':
      return buildName([country, executiveYuan, [AT.OU, utf8(`經濟部工商憑證管理中心 ${DEVELOPMENT_MARK}`)]]);
    case 'gca':
      return buildName([country, executiveYuan, [AT.OU, utf8(`政府憑證管理中心 ${DEVELOPMENT_MARK}`)]]);
  }
}

export function ocspResponderSubject(id: CaId): pkijs.RelativeDistinguishedNames {
  return buildName([country, executiveYuan, [AT.CN, utf8(`${id.toUpperCase()} OCSP Responder ${DEVELOPMENT_MARK}`)]]);
}

export type NameEncoding = 'utf8' | 'bmp';

/**
 * A card's subject. CN is the holder's name exactly as given (難字 included, never transliterated), as
 * UTF8String or — older cards do — BMPString. Business cards carry the 統一編號 as subject serialNumber
 * (X.520 serialNumber is PrintableString).
 */
export function cardSubject(kind: CardKind, name: string, encoding: NameEncoding, businessId?: string): pkijs.RelativeDistinguishedNames {
  const cn: NamePart = [AT.CN, encoding === 'bmp' ? new asn1js.BmpString({ value: name }) : utf8(name)];
  switch (kind) {
    case 'citizen':
      return buildName([country, cn]);
    case 'business':
      return buildName([country, cn, [AT.serialNumber, new asn1js.PrintableString({ value: businessId ?? '' })]]);
    case 'agency':
      return buildName([country, executiveYuan, cn]);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Extensions

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

/** basicConstraints (RFC 5280 §4.2.1.9), critical in CA certificates. */
export function basicConstraints(pathLength?: number): pkijs.Extension {
  return extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true, ...(pathLength === undefined ? {} : { pathLenConstraint: pathLength }) }).toSchema());
}


/**
 * keyUsage (RFC 5280 §4.2.1.3), critical: a named BIT STRING, DER-encoded without trailing zero bits
 * (X.690 §11.2.2), e.g. digitalSignature+keyCertSign+cRLSign = 03 02 01 86, as in MOICA-G3.
 */
export function keyUsage(usages: readonly KeyUsageName[]): pkijs.Extension {
  const bits = usages.map((u) => KEY_USAGE_BITS[u]);
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  const unusedBits = 7 - (highest & 7);
  return extension(OID.keyUsage, true, new asn1js.BitString({ valueHex: bytes, unusedBits }));
}

/** extKeyUsage (RFC 5280 §4.2.1.12). */
export function extendedKeyUsage(purposes: readonly string[]): pkijs.Extension {
  return extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [...purposes] }).toSchema());
}

/** certificatePolicies (RFC 5280 §4.2.1.4): policy identifiers without qualifiers, as MOICA-G3. */
export function certificatePolicies(policies: readonly string[]): pkijs.Extension {
  return extension(
    OID.certificatePolicies,
    false,
    new pkijs.CertificatePolicies({ certificatePolicies: policies.map((policyIdentifier) => new pkijs.PolicyInformation({ policyIdentifier })) }).toSchema(),
  );
}

/**
 * The key identifier of a public key: SHA-1 of the subjectPublicKey BIT STRING's value (RFC 5280
 * §4.2.1.2, method 1) — what GRCA G3 and MOICA-G3 use.
 */
export function keyIdentifier(spki: pkijs.PublicKeyInfo): Uint8Array {
  return new Uint8Array(createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest());
}

/** subjectKeyIdentifier (RFC 5280 §4.2.1.2). */
export function subjectKeyIdentifier(spki: pkijs.PublicKeyInfo): pkijs.Extension {
  return extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier(spki) }));
}

/** authorityKeyIdentifier (RFC 5280 §4.2.1.1): the issuer's key identifier only, as MOICA-G3 has it. */
export function authorityKeyIdentifier(issuerSpki: pkijs.PublicKeyInfo): pkijs.Extension {
  return extension(
    OID.authorityKeyIdentifier,
    false,
    new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(issuerSpki) }) }).toSchema(),
  );
}

const uri = (value: string) => new pkijs.GeneralName({ type: 6, value }); // uniformResourceIdentifier [6]
const AD_OCSP = '1.3.6.1.5.5.7.48.1';
const AD_CA_ISSUERS = '1.3.6.1.5.5.7.48.2';

/** Where the development responder publishes each CA's revocation information and certificate. */
export function caUrls(baseUrl: string, id: CaId): { crl: string; ocsp: string; caIssuers: string } {
  return { crl: `${baseUrl}/crl/${id}.crl`, ocsp: `${baseUrl}/ocsp/${id}`, caIssuers: `${baseUrl}/certs/${id}.crt` };
}

/** cRLDistributionPoints (RFC 5280 §4.2.1.13): one full-name URI, as MOICA-G3. */
export function crlDistributionPoint(url: string): pkijs.Extension {
  return extension(
    OID.crlDistributionPoints,
    false,
    new pkijs.CRLDistributionPoints({ distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [uri(url)] })] }).toSchema(),
  );
}

/** authorityInfoAccess (RFC 5280 §4.2.2.1): caIssuers, then OCSP when given, as MOICA-G3. */
export function authorityInfoAccess(urls: { caIssuers: string; ocsp?: string }): pkijs.Extension {
  const accessDescriptions = [new pkijs.AccessDescription({ accessMethod: AD_CA_ISSUERS, accessLocation: uri(urls.caIssuers) })];
  if (urls.ocsp) accessDescriptions.push(new pkijs.AccessDescription({ accessMethod: AD_OCSP, accessLocation: uri(urls.ocsp) }));
  return extension(OID.authorityInfoAccess, false, new pkijs.InfoAccess({ accessDescriptions }).toSchema());
}

/** CRL distribution point and AIA of a certificate that CA `issuer` signs. */
export function revocationPointers(baseUrl: string, issuer: CaId): pkijs.Extension[] {
  const urls = caUrls(baseUrl, issuer);
  return [crlDistributionPoint(urls.crl), authorityInfoAccess(urls)];
}

/**
 * subjectDirectoryAttributes (RFC 5280 §4.2.1.8, non-critical): SEQUENCE OF Attribute { type, SET OF value }.
 * Taiwan's GPKI puts the last four ID digits (2.16.886.1.100.2.51) and the 統一編號 (2.16.886.1.100.2.101) here;
 * the values are digits, encoded as PrintableString.
 */
export function subjectDirectoryAttributes(attributes: ReadonlyArray<readonly [oid: string, value: string]>): pkijs.Extension {
  return extension(
    OID.subjectDirectoryAttributes,
    false,
    new asn1js.Sequence({
      value: attributes.map(
        ([oid, text]) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), new asn1js.Set({ value: [new asn1js.PrintableString({ value: text })] })] }),
      ),
    }),
  );
}

/** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): value NULL; clients need not check the responder's revocation. */
export function ocspNoCheck(): pkijs.Extension {
  return extension(OID.ocspNoCheck, false, new asn1js.Null());
}

/** cRLNumber (RFC 5280 §5.2.3): a non-critical, monotonically increasing INTEGER. */
export function crlNumber(n: bigint): pkijs.Extension {
  return extension('2.5.29.20', false, asn1js.Integer.fromBigInt(n));
}

/** reasonCode CRL entry extension (RFC 5280 §5.3.1), ENUMERATED. */
export function crlReason(code: number): pkijs.Extension {
  return extension('2.5.29.21', false, new asn1js.Enumerated({ value: code }));
}

/** The GPKI class-3 assurance policy that MOICA-G3 asserts; the dev issuers and their cards assert it too. */
export const ISSUER_POLICIES: Readonly<Record<IssuerId, readonly string[]>> = {
  moica: [OID.gpkiClass3],
  moeaca: [OID.gpkiClass3],
  gca: [OID.gpkiClass3],
};
