/**
 * Path validation (RFC 5280 §6.1, the parts this platform needs), from the root down to the card:
 *
 * - every signature verifies with the parent's key (§6.1.3(a)(1)); the root's own signature is not checked
 *   — a root is trusted because the operator configured it (§6.1.1(d));
 * - every certificate, the root and the CAs included, is valid at `at` (§6.1.3(a)(2));
 * - no certificate carries a critical extension this code does not process (§6.1.4(o), §6.1.5(f));
 *   nameConstraints (§4.2.1.10) is not implemented, so a CA that carries it is refused, critical or not;
 * - every CA — the root too — has a critical basicConstraints with cA=TRUE (§4.2.1.9, §6.1.4(k)), keyUsage
 *   with keyCertSign (§4.2.1.3, §6.1.4(n)), and its pathLenConstraint is respected by the non-self-issued
 *   intermediates below it (§6.1.4(l)(m)).
 *
 * The card's purpose and policies are end-entity.ts; revocation is separate. A self-signed card is refused
 * with ERR_PKI_UNTRUSTED_ISSUER (it names no issuer in the store). An impostor CA — the name of a trusted CA,
 * its own key — is refused with ERR_PKI_UNTRUSTED_ISSUER when its key identifier differs (it is never chosen
 * as an issuer), and with ERR_PKI_BAD_SIGNATURE when it also copies the key identifier (the trusted CA is
 * chosen, and its key does not verify what the impostor signed). Either way it never passes.
 *
 * @example
 *   const path = validatePath({ endEntity: der, trustStore, at: clock.now() }); // [card, MOICA-G3, GRCA G3]
 */
import type * as pkijs from 'pkijs';
import { PkiError, isPkiError } from '../errors';
import type { TrustStore } from './anchors';
import { buildPaths } from './build';
import { pathCertificate, type PathCertificate } from './cert-info';
import { unknownCriticalExtensions } from './extensions';
import { verifyCertificateSignature } from './signature';

/** Untrusted extra certificates accepted for one path: a CMS message carries a handful at most. */
export const MAX_EXTRA_INTERMEDIATES = 16;

export interface ValidatePathOptions {
  /** The card certificate, parsed or DER. */
  readonly endEntity: pkijs.Certificate | Uint8Array | PathCertificate;
  readonly trustStore: TrustStore;
  /** The moment of the check (the platform passes its Clock's now). */
  readonly at: Date;
  /** Untrusted certificates that may help build the path (e.g. from the CMS message); fully validated. */
  readonly intermediates?: readonly (pkijs.Certificate | Uint8Array)[];
  /** Certificates in a path at most, card and root included; default DEFAULT_MAX_PATH_LENGTH (6). */
  readonly maxPathLength?: number;
}

export function assertDate(at: unknown): asserts at is Date {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('at must be a valid Date');
}

function isPathCertificate(input: pkijs.Certificate | Uint8Array | PathCertificate): input is PathCertificate {
  return !(input instanceof Uint8Array) && 'label' in input && 'der' in input && 'certificate' in input;
}

/** Parses and describes the input unless it already is a PathCertificate. */
export function toPathCertificate(input: pkijs.Certificate | Uint8Array | PathCertificate, source: string): PathCertificate {
  return isPathCertificate(input) ? input : pathCertificate(input, source);
}

/** ERR_PKI_CERT_NOT_YET_VALID / ERR_PKI_CERT_EXPIRED unless notBefore ≤ at ≤ notAfter (RFC 5280 §4.1.2.5). */
export function checkValidity(cert: PathCertificate, at: Date): void {
  const t = at.getTime();
  const { notBefore, notAfter } = cert.certificate;
  if (t < notBefore.value.getTime()) {
    throw new PkiError('ERR_PKI_CERT_NOT_YET_VALID', `${cert.label}: valid from ${notBefore.value.toISOString()}, checked at ${at.toISOString()}`);
  }
  if (t > notAfter.value.getTime()) {
    throw new PkiError('ERR_PKI_CERT_EXPIRED', `${cert.label}: expired ${notAfter.value.toISOString()}, checked at ${at.toISOString()}`);
  }
}

/** ERR_PKI_UNKNOWN_CRITICAL_EXTENSION when `cert` has a critical extension not processed here. */
export function checkCriticalExtensions(cert: PathCertificate): void {
  const unknown = unknownCriticalExtensions(cert.extensions);
  if (unknown.length > 0) throw new PkiError('ERR_PKI_UNKNOWN_CRITICAL_EXTENSION', `${cert.label}: critical extension ${unknown.join(', ')} is not understood`);
}

/**
 * ERR_PKI_INVALID_CA unless `cert` may sign certificates: critical basicConstraints cA=TRUE, keyUsage
 * keyCertSign, no nameConstraints, and `intermediatesBelow` (non-self-issued CAs between it and the card)
 * within its pathLenConstraint.
 */
export function checkCaCertificate(cert: PathCertificate, intermediatesBelow: number): void {
  const { basicConstraints: bc, keyUsage, nameConstraints } = cert.extensions;
  const fail: (why: string) => never = (why) => {
    throw new PkiError('ERR_PKI_INVALID_CA', `${cert.label}: ${why}`);
  };
  if (!bc?.cA) fail('issues certificates but is not a CA (basicConstraints cA is not TRUE)');
  if (!bc.critical) fail('basicConstraints of a CA must be critical (RFC 5280 §4.2.1.9)');
  if (!keyUsage?.has('keyCertSign')) fail('keyUsage lacks keyCertSign (RFC 5280 §4.2.1.3)');
  if (bc.pathLenConstraint !== undefined && intermediatesBelow > bc.pathLenConstraint) {
    fail(`pathLenConstraint ${bc.pathLenConstraint} allows ${bc.pathLenConstraint} CA(s) below it, the path has ${intermediatesBelow}`);
  }
  // Critical nameConstraints already failed as an unknown critical extension; a non-critical one (which
  // RFC 5280 §4.2.1.10 forbids) is refused too rather than ignored.
  if (nameConstraints) fail('nameConstraints are not supported');
}

/** Checks one built path (EE first, root last); throws the first PkiError, from the root down. */
export function checkPath(path: readonly PathCertificate[], at: Date): void {
  const n = path.length;
  for (let i = n - 1; i >= 0; i--) {
    const cert = path[i]!;
    const parent = path[i + 1];
    if (parent) verifyCertificateSignature(cert, parent.certificate.subjectPublicKeyInfo);
    checkValidity(cert, at);
    checkCriticalExtensions(cert);
    if (i > 0) checkCaCertificate(cert, path.slice(1, i).filter((c) => !c.selfIssued).length);
  }
}

/**
 * Builds and validates the path of `endEntity` at `at`. Returns it, card first and root last; throws PkiError
 * (ERR_PKI_UNTRUSTED_ISSUER, ERR_PKI_BAD_SIGNATURE, ERR_PKI_CERT_EXPIRED, ERR_PKI_CERT_NOT_YET_VALID,
 * ERR_PKI_INVALID_CA, ERR_PKI_UNKNOWN_CRITICAL_EXTENSION, ERR_PKI_UNSUPPORTED_ALGORITHM, ERR_PKI_MALFORMED)
 * otherwise. When several paths are possible, the first that passes is returned; when none does, the error
 * of the preferred one is thrown.
 */
export function validatePath(options: ValidatePathOptions): PathCertificate[] {
  assertDate(options.at);
  const endEntity = toPathCertificate(options.endEntity, 'end-entity certificate');
  const extra = options.intermediates ?? [];
  if (extra.length > MAX_EXTRA_INTERMEDIATES) {
    throw new PkiError('ERR_PKI_INPUT_TOO_LARGE', `${extra.length} extra certificates offered for the path (at most ${MAX_EXTRA_INTERMEDIATES})`);
  }
  const intermediates = extra.map((c, i) => pathCertificate(c, `intermediates[${i}]`));
  const paths = buildPaths({ endEntity, trustStore: options.trustStore, intermediates, maxPathLength: options.maxPathLength });
  let firstError: PkiError | undefined;
  for (const path of paths) {
    try {
      checkPath(path, options.at);
      return path;
    } catch (err) {
      if (!isPkiError(err)) throw err;
      firstError ??= err;
    }
  }
  throw firstError ?? new PkiError('ERR_PKI_UNTRUSTED_ISSUER', `${endEntity.label}: no path`);
}
