/** Object identifiers the verification uses, with where they are defined. */
import * as asn1js from 'asn1js';
export const OID = {
  // RFC 5652 §11 (CMS attributes) and PKCS #9
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  /** PKCS #9 randomNonce (RFC 2985, pkcs-9-at-randomNonce 1.2.840.113549.1.9.25.3): the server's nonce. */
  randomNonce: '1.2.840.113549.1.9.25.3',
  /** Taiwan GPKI: the card's serial number, as HiPKI's component signs it. */
  cardSerial: '2.16.886.1.100.2.204',
  /**
   * The caller's web origin, signed by this project's component so that a relayed challenge is detected
   * (DESIGN.md "Relay"). A UUID-based OID (ITU-T X.667, arc 2.25), which needs no registration: UUID
   * 814893b3-d472-421f-9fb8-0f5c3a6dc984. The official component adds none.
   */
  signedOrigin: '2.25.171847252591870433927821179715861727620',
  // Taiwan GPKI subject directory attributes (2.5.29.9)
  subjectDirectoryAttributes: '2.5.29.9',
  idLastFour: '2.16.886.1.100.2.51',
  businessId: '2.16.886.1.100.2.101',
  // RFC 5280 §4.2.1
  authorityKeyIdentifier: '2.5.29.35',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  certificatePolicies: '2.5.29.32',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  nameConstraints: '2.5.29.30',
  policyConstraints: '2.5.29.36',
  inhibitAnyPolicy: '2.5.29.54',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  policyMappings: '2.5.29.33',
  // RFC 6960
  ocsp: '1.3.6.1.5.5.7.48.1',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  ekuOcspSigning: '1.3.6.1.5.5.7.3.9',
  ekuClientAuth: '1.3.6.1.5.5.7.3.2',
  ekuEmailProtection: '1.3.6.1.5.5.7.3.4',
  anyExtendedKeyUsage: '2.5.29.37.0',
  anyPolicy: '2.5.29.32.0',
  // Taiwan government PKI policies (class 3 assurance, as MOICA-G3)
  gpkiClass3: '2.16.886.101.0.3.3',
} as const;

/**
 * The text asn1js gives back when it decodes `oid`. It differs from the dotted form for arcs above 2^53, such
 * as the UUID arc of OID.signedOrigin; compare decoded attribute types with this, not with the dotted string.
 */
export function decodedOidText(oid: string): string {
  const der = new asn1js.ObjectIdentifier({ value: oid }).toBER(false);
  return (asn1js.fromBER(der).result as asn1js.ObjectIdentifier).valueBlock.toString();
}

/** RFC 5280 §4.2.1.3: the KeyUsage bits, by position. */
export const KEY_USAGE_BITS = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
  encipherOnly: 7,
  decipherOnly: 8,
} as const;
export type KeyUsageName = keyof typeof KEY_USAGE_BITS;
