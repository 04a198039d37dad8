/**
 * Object identifiers revocation checking needs that `../oids.ts` does not (yet) list. Kept here because this
 * folder's owner does not edit that file; they belong there and can move unchanged.
 */
export const REVOCATION_OID = {
  // RFC 5280 §5.2 and §5.3: CRL and CRL entry extensions
  cRLNumber: '2.5.29.20',
  cRLReason: '2.5.29.21',
  holdInstructionCode: '2.5.29.23',
  invalidityDate: '2.5.29.24',
  deltaCRLIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  freshestCRL: '2.5.29.46',
  // RFC 3279 §2.2.1 / RFC 5754 §2: hash algorithms a CertID may name
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
} as const;
