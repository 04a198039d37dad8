/**
 * `@menhu/pki/devca`: the development PKI — a GRCA-like root, MOICA-, MOEACA- and GCA-like issuers, card
 * certificates (files, PKCS#12 or a PKCS#11 token), revocation, and an OCSP responder with CRLs — so anyone can
 * run and test card login without a real card. Development only: keys are kept unencrypted in files.
 */
export { DEVCA_ERROR_CODES, DevCaError, isDevCaError, type DevCaErrorCode } from './errors';
export { KEY_ALGORITHMS, isKeyAlgorithm, type KeyAlgorithm } from './keys';
export { CA_IDS, CARD_ISSUER, CARD_KINDS, DEVELOPMENT_MARK, caUrls, type CaId, type CardKind, type IssuerId, type KeyUsageName, type NameEncoding } from './profile';
export {
  REVOCATION_REASONS,
  STATE_FILE,
  isRevocationReason,
  normaliseSerial,
  readState,
  type CertificateRole,
  type DevCaState,
  type IssuedRecord,
  type RevocationReason,
} from './store';
export { initDevCa, type DevCa, type DevCaCertificate, type InitDevCaOptions } from './init';
export { issueCard, type CardOutput, type IssueCardOptions, type IssuedCard } from './issue';
export { revoke, type Revocation } from './revoke';
export { startDevResponder, type DevResponder, type DevResponderOptions } from './responder';
