/**
 * Small, strict readers for the parts of a CMS SignedData (RFC 5652) the challenge check needs. Each turns a
 * structure that does not have the required shape into ERR_PKI_MALFORMED, so the verifier reads like the list of
 * checks it performs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeBase64, MAX_SIGNED_DATA_BYTES, parseDer, parseWith } from '../certificate';
import { PkiError } from '../errors';
import { OID } from '../oids';

/** Base64 → ContentInfo → SignedData, size-capped; any parse failure is ERR_PKI_MALFORMED. */
export function parseSignedData(base64: string): pkijs.SignedData {
  const der = decodeBase64(base64, 'PKCS7 signature', MAX_SIGNED_DATA_BYTES);
  const schema = parseDer(der, 'PKCS7 signature', MAX_SIGNED_DATA_BYTES);
  const contentInfo = parseWith('CMS ContentInfo', () => new pkijs.ContentInfo({ schema }));
  if (contentInfo.contentType !== OID.signedData) {
    throw new PkiError('ERR_PKI_MALFORMED', `CMS content type ${contentInfo.contentType} is not SignedData`);
  }
  return parseWith('CMS SignedData', () => new pkijs.SignedData({ schema: contentInfo.content }));
}

/**
 * The octets of an OCTET STRING: primitive, or (BER, X.690 §8.7.3) constructed from primitive segments, which are
 * concatenated. Anything else is malformed.
 */
export function octetStringBytes(value: unknown, what: string): Uint8Array<ArrayBuffer> {
  if (!(value instanceof asn1js.OctetString)) throw new PkiError('ERR_PKI_MALFORMED', `${what} is not an OCTET STRING`);
  if (!value.idBlock.isConstructed) return new Uint8Array(value.valueBlock.valueHexView);
  const segments = value.valueBlock.value;
  if (!segments.every((s) => s instanceof asn1js.OctetString && !s.idBlock.isConstructed)) {
    throw new PkiError('ERR_PKI_MALFORMED', `${what}: constructed OCTET STRING with other than primitive segments`);
  }
  return new Uint8Array(Buffer.concat(segments.map((s) => (s as asn1js.OctetString).valueBlock.valueHexView)));
}

/**
 * The encapsulated content (RFC 5652 §5.2): it must be id-data; absent means detached. RFC 5652 §5.4: only the
 * value octets of eContent are digested.
 */
export function encapsulatedContent(signedData: pkijs.SignedData): Uint8Array<ArrayBuffer> | undefined {
  const eci = signedData.encapContentInfo;
  if (eci.eContentType !== OID.data) throw new PkiError('ERR_PKI_MALFORMED', `encapsulated content type ${eci.eContentType} is not id-data`);
  return eci.eContent === undefined ? undefined : octetStringBytes(eci.eContent, 'encapsulated content');
}

/**
 * Signed attributes by type. RFC 5652 §5.3: "signedAttrs ... MUST NOT include multiple instances of the same
 * attribute type" for the CMS attributes (§11.1–§11.3); the same is required here for every type, so no check can
 * be satisfied by one instance while another says something else.
 */
export function attributesByType(attributes: readonly pkijs.Attribute[]): ReadonlyMap<string, pkijs.Attribute> {
  const byType = new Map<string, pkijs.Attribute>();
  for (const attribute of attributes) {
    if (byType.has(attribute.type)) throw new PkiError('ERR_PKI_MALFORMED', `signed attribute ${attribute.type} appears more than once`);
    byType.set(attribute.type, attribute);
  }
  return byType;
}

/** The one value of an attribute; RFC 5652 §11.1–§11.3 and RFC 2985 §5.3.4 all say "single attribute value". */
export function singleValue(attribute: pkijs.Attribute, what: string): unknown {
  if (attribute.values.length !== 1) throw new PkiError('ERR_PKI_MALFORMED', `${what} has ${attribute.values.length} values, not one`);
  return attribute.values[0];
}

/** RFC 5652 §11.3: signingTime is UTCTime or GeneralizedTime. */
export function timeValue(value: unknown, what: string): Date {
  const date = value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime ? value.toDate() : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new PkiError('ERR_PKI_MALFORMED', `${what} is not a valid UTCTime or GeneralizedTime`);
  return date;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** ASN.1 character string types whose bytes are plain ASCII (X.680 §41) or UTF-8; universal tag numbers. */
const TEXT_TAGS = { utf8: 12, printable: 19, ia5: 22, visible: 26 } as const;
export type TextType = keyof typeof TEXT_TAGS;

/** Decodes a primitive character string of one of the allowed types exactly; never replaces a byte. */
export function textValue(value: unknown, allowed: readonly TextType[], what: string): string {
  const block = value instanceof asn1js.BaseBlock ? value : undefined;
  const tag = block && block.idBlock.tagClass === 1 && !block.idBlock.isConstructed ? block.idBlock.tagNumber : -1;
  const type = allowed.find((t) => TEXT_TAGS[t] === tag);
  if (!type || !block) throw new PkiError('ERR_PKI_MALFORMED', `${what} is not one of ${allowed.join(', ')} string`);
  const bytes = (block.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView;
  if (type !== 'utf8' && bytes.some((b) => b > 0x7e || b < 0x20)) throw new PkiError('ERR_PKI_MALFORMED', `${what}: not printable ASCII`);
  try {
    return strictUtf8.decode(bytes);
  } catch (err) {
    throw new PkiError('ERR_PKI_MALFORMED', `${what}: invalid UTF-8`, { cause: err });
  }
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** The subjectKeyIdentifier extension's key identifier (RFC 5280 §4.2.1.2), if the certificate has one. */
export function subjectKeyIdentifierOf(certificate: pkijs.Certificate): Uint8Array | undefined {
  const found = (certificate.extensions ?? []).filter((e) => e.extnID === OID.subjectKeyIdentifier);
  if (found.length === 0) return undefined;
  if (found.length > 1) throw new PkiError('ERR_PKI_MALFORMED', 'certificate has two subjectKeyIdentifier extensions');
  const value = parseDer(found[0]!.extnValue.valueBlock.valueHexView, 'subjectKeyIdentifier', 1024);
  return octetStringBytes(value, 'subjectKeyIdentifier');
}
