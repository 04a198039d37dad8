/**
 * Checks on the card certificate at the bottom of a validated path: is it fit for a login?
 *
 * - valid at `at` (again, so this validator stands on its own);
 * - not a CA: basicConstraints cA=TRUE on a card is refused (ERR_PKI_WRONG_PURPOSE);
 * - keyUsage present with digitalSignature (RFC 5280 §4.2.1.3): the login is a signature over the challenge.
 *   A card without keyUsage is refused too — GPKI cards always carry it, and absence would allow any use;
 * - extendedKeyUsage, when present, includes one of the issuer profile's usages (default clientAuth,
 *   emailProtection or anyExtendedKeyUsage: the login is a CMS signature, S/MIME's kind, used to authenticate
 *   a client). serverAuth alone, codeSigning alone, … are refused. A card without the extension is not
 *   restricted by it (RFC 5280 §4.2.1.12);
 * - policies: the card asserts, literally, at least one of the issuer profile's allowedPolicies and none of
 *   its disallowedPolicies, and that policy is valid along the path (policies.ts): every CA below the root
 *   asserts it or an anyPolicy that still counts. A card asserting only anyPolicy does not pass.
 *   Failures are ERR_PKI_POLICY_DISALLOWED (missing, disallowed or not valid along the path).
 *
 * "Its issuer" is the CA directly above the card; its profile comes from the trust store by its
 * SubjectKeyIdentifier.
 */
import { PkiError } from '../errors';
import { OID } from '../oids';
import type { IssuerProfile, TrustStore } from './anchors';
import type { PathCertificate } from './cert-info';
import { validPolicies } from './policies';
import { assertDate, checkValidity } from './validate';

export interface CheckEndEntityOptions {
  /** A path from validatePath: the card first, its issuer next, the root last. */
  readonly path: readonly PathCertificate[];
  readonly trustStore: TrustStore;
  readonly at: Date;
}

export interface EndEntityResult {
  readonly endEntity: PathCertificate;
  readonly issuer: PathCertificate;
  readonly profile: IssuerProfile;
  /** The card's policies that passed: allowed by its issuer and valid along the path. */
  readonly policies: readonly string[];
}

function wrongPurpose(cert: PathCertificate, why: string): never {
  throw new PkiError('ERR_PKI_WRONG_PURPOSE', `${cert.label}: ${why}`);
}

function policyFail(cert: PathCertificate, why: string): never {
  throw new PkiError('ERR_PKI_POLICY_DISALLOWED', `${cert.label}: ${why}`);
}

/** Throws PkiError unless the card at `path[0]` may be used to log in (see the file comment). */
export function checkEndEntity(options: CheckEndEntityOptions): EndEntityResult {
  assertDate(options.at);
  const { path, trustStore, at } = options;
  const card = path[0];
  const issuer = path[1];
  if (!card || !issuer) throw new TypeError('path must hold the card and at least its issuer (use validatePath first)');
  const profile = trustStore.profileFor(issuer);
  const ext = card.extensions;

  checkValidity(card, at);
  if (ext.basicConstraints?.cA) wrongPurpose(card, 'is a CA certificate, not a card');
  if (!ext.keyUsage) wrongPurpose(card, 'has no keyUsage; a login needs digitalSignature');
  if (!ext.keyUsage.has('digitalSignature')) wrongPurpose(card, 'keyUsage lacks digitalSignature');
  if (ext.extKeyUsage && !ext.extKeyUsage.some((u) => profile.extendedKeyUsages.includes(u))) {
    wrongPurpose(card, `extendedKeyUsage ${ext.extKeyUsage.join(', ')} includes none of ${profile.extendedKeyUsages.join(', ')}`);
  }

  const asserted = ext.policies ?? [];
  const disallowed = asserted.filter((p) => profile.disallowedPolicies.includes(p));
  if (disallowed.length > 0) policyFail(card, `asserts disallowed polic${disallowed.length > 1 ? 'ies' : 'y'} ${disallowed.join(', ')}`);
  const allowed = asserted.filter((p) => p !== OID.anyPolicy && profile.allowedPolicies.includes(p));
  if (allowed.length === 0) {
    policyFail(card, `asserts none of its issuer's allowed policies ${profile.allowedPolicies.join(', ')} (has ${asserted.join(', ') || 'none'})`);
  }
  const valid = validPolicies(path);
  const accepted = allowed.filter((p) => valid.any || valid.policies.has(p));
  if (accepted.length === 0) policyFail(card, `polic${allowed.length > 1 ? 'ies' : 'y'} ${allowed.join(', ')} not permitted by the CAs above it`);

  return { endEntity: card, issuer, profile, policies: accepted };
}
