/** Revocation checking (OCSP with CRL fallback) that fails closed; see check.ts. */
export { checkPathRevocation, checkRevocation, MAX_TIMEOUT_MS } from './check';
export type { CheckPathRevocationOptions, CheckRevocationOptions, RevocationContext } from './check';
export type { RevocationOk } from './result';
export { buildOcspRequest, checkOcsp, ocspCacheKey, verifyOcspResponse, MAX_OCSP_RESPONSE_BYTES, OCSP_CERT_ID_HASH, OCSP_NONCE_BYTES, OCSP_TIMEOUT_MS } from './ocsp';
export type { CheckOcspOptions, OcspAnswer, OcspRequest, VerifyOcspResponseOptions } from './ocsp';
export { checkCrl, crlCacheKey, readCrl, CRL_TIMEOUT_MS, MAX_CRL_BYTES } from './crl';
export type { CheckCrlOptions, CrlAnswer, ReadCrlOptions } from './crl';
export { CLOCK_SKEW_MS, OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE_MS } from './freshness';
export { memoryRevocationCache, DEFAULT_CACHE_MAX_BYTES, DEFAULT_CACHE_MAX_ENTRIES } from './cache';
export type { MemoryRevocationCacheOptions } from './cache';
export { nodeHttpClient } from './http';
export type { NodeHttpClientOptions } from './http';
export { crlUrls, ocspUrls } from './extensions';
export { REVOCATION_OID } from './oids';
