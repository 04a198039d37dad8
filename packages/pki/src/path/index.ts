/**
 * Certificate path validation for card login (RFC 5280 §6): the trust store, path building, and small
 * validators with typed errors. `validateCardCertificate` runs them all; revocation comes after, on its path.
 */
export { ISSUER_CARD_KINDS, DEFAULT_ISSUER_PROFILE, TRUST_STORE_EXTENSIONS, loadTrustStore, trustStoreFrom } from './anchors';
export type { IssuerCardKind, IssuerProfile, TrustStore, TrustStoreOptions } from './anchors';
export { DEFAULT_MAX_PATH_LENGTH, MAX_CANDIDATE_PATHS, buildPaths, issuerCandidates } from './build';
export type { BuildPathOptions } from './build';
export { validateCardCertificate } from './card';
export type { ValidatedCard } from './card';
export { pathCertificate, originalDer } from './cert-info';
export type { PathCertificate } from './cert-info';
export { checkEndEntity } from './end-entity';
export type { CheckEndEntityOptions, EndEntityResult } from './end-entity';
export { KNOWN_CRITICAL_EXTENSIONS, readExtensions } from './extensions';
export type { AuthorityKeyIdValue, BasicConstraintsValue, CertificateExtensions } from './extensions';
export { nameToString, namesMatch, prepareString } from './names';
export { validPolicies } from './policies';
export type { ValidPolicies } from './policies';
export { MIN_RSA_BITS, verifyCertificateSignature } from './signature';
export type { VerifySignatureOptions } from './signature';
export { MAX_EXTRA_INTERMEDIATES, checkCaCertificate, checkCriticalExtensions, checkPath, checkValidity, validatePath } from './validate';
export type { ValidatePathOptions } from './validate';
