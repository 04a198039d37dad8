/** Challenge signatures of the card login: verification (server) and the CMS the signing component builds. */
export { verifyChallengeSignature } from './verify-challenge';
export type { ChallengeSignatureType, IssuedChallenge, VerifyChallengeSignatureOptions, VerifiedChallengeSignature } from './verify-challenge';
export { buildChallengeSignedData } from './build-cms';
export type { BuildChallengeSignedDataOptions } from './build-cms';
export type { HashName } from './algorithms';
