/**
 * Path building (RFC 4158 in miniature): from the card certificate up to a root of the trust store, choosing
 * each issuer by name *and* key identifier.
 *
 * A parent may issue a child when the child's issuer name matches the parent's subject (names.ts, RFC 5280
 * §7.1) and, when the child carries AuthorityKeyIdentifier.keyIdentifier, the parent's SubjectKeyIdentifier is
 * that value (RFC 5280 §4.2.1.1). A parent with the right name but another key identifier is never used:
 * MOICA's generations (G2, G3) share one byte-identical subject name and differ only by key. A parent without
 * a SubjectKeyIdentifier stays a candidate, after the exact matches; its signature decides. When the AKI also
 * names the issuer's serial number, it must match too.
 *
 * Building is structural only; validate.ts checks every candidate path (signatures, dates, constraints) and
 * takes the first that passes, so a superseded or expired certificate of the same CA key does not hide a
 * valid one. Loops are cut (a CA — same name and key — appears at most once in a path), paths are limited
 * in length, and the search is bounded so that a caller's extra certificates cannot make it explode.
 */
import { PkiError } from '../errors';
import type { TrustStore } from './anchors';
import { sameCertificate, type PathCertificate } from './cert-info';
import { hex } from './extensions';
import { nameToString, namesMatch } from './names';

/** Certificates in a path, the card and the root included. GPKI paths are 2–3 long (card, MOICA, GRCA). */
export const DEFAULT_MAX_PATH_LENGTH = 6;
/** Complete candidate paths returned at most. */
export const MAX_CANDIDATE_PATHS = 8;
/** Search steps at most, whatever the certificates. */
const MAX_STEPS = 256;

export interface BuildPathOptions {
  readonly endEntity: PathCertificate;
  readonly trustStore: TrustStore;
  /**
   * Untrusted certificates that may help (e.g. the CA certificates a CMS message carries). Store certificates
   * are preferred; these are validated like everything else.
   */
  readonly intermediates?: readonly PathCertificate[];
  readonly maxPathLength?: number;
}

/** Is `parent` the same CA (same subject and same key) as `other`? */
function sameCa(parent: PathCertificate, other: PathCertificate): boolean {
  return (
    sameCertificate(parent, other) ||
    (Buffer.from(parent.publicKeyInfo).equals(Buffer.from(other.publicKeyInfo)) && namesMatch(parent.certificate.subject, other.certificate.subject))
  );
}

/** Certificates of `pool` that may have issued `child`, best first (see the file comment). */
export function issuerCandidates(child: PathCertificate, pool: readonly PathCertificate[]): PathCertificate[] {
  const aki = child.extensions.authorityKeyId;
  const exact: PathCertificate[] = [];
  const keyUnknown: PathCertificate[] = [];
  for (const parent of pool) {
    if (sameCertificate(parent, child)) continue;
    if (!namesMatch(child.certificate.issuer, parent.certificate.subject)) continue;
    if (aki?.serialNumber !== undefined && aki.serialNumber !== hex(parent.certificate.serialNumber.valueBlock.valueHexView)) continue;
    const ski = parent.extensions.subjectKeyId;
    if (aki?.keyIdentifier === undefined) exact.push(parent);
    else if (ski === undefined) keyUnknown.push(parent);
    else if (ski === aki.keyIdentifier) exact.push(parent);
    // else: same name, another key — a different CA generation or an impostor. Never used.
  }
  return [...exact, ...keyUnknown];
}

function describeWanted(cert: PathCertificate): string {
  const keyId = cert.extensions.authorityKeyId?.keyIdentifier;
  return `${nameToString(cert.certificate.issuer)}${keyId ? ` with key id ${keyId}` : ''}`;
}

/**
 * Candidate paths from `endEntity` to a root, each EE first and root last, best first. Throws
 * PkiError('ERR_PKI_UNTRUSTED_ISSUER') when no path reaches a root of the trust store.
 */
export function buildPaths(options: BuildPathOptions): PathCertificate[][] {
  const maxLength = options.maxPathLength ?? DEFAULT_MAX_PATH_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 2) throw new TypeError('maxPathLength must be an integer of at least 2');
  const { trustStore, endEntity } = options;
  const pool: PathCertificate[] = [];
  for (const c of [...trustStore.anchors, ...trustStore.intermediates, ...(options.intermediates ?? [])]) {
    if (!pool.some((p) => sameCertificate(p, c))) pool.push(c);
  }

  const complete: PathCertificate[][] = [];
  let steps = 0;
  let deadEnd: PathCertificate | undefined;
  let tooLong = false;
  const walk = (path: PathCertificate[]): void => {
    if (complete.length >= MAX_CANDIDATE_PATHS || ++steps > MAX_STEPS) return;
    const last = path[path.length - 1]!;
    if (path.length > 1 && trustStore.isAnchor(last)) {
      complete.push(path);
      return;
    }
    const candidates = issuerCandidates(last, pool).filter((c) => !path.some((p) => sameCa(c, p)));
    if (candidates.length === 0) {
      deadEnd ??= last;
      return;
    }
    if (path.length >= maxLength) {
      tooLong = true;
      return;
    }
    for (const c of candidates) walk([...path, c]);
  };
  walk([endEntity]);

  if (complete.length > 0) return complete;
  if (deadEnd) {
    throw new PkiError('ERR_PKI_UNTRUSTED_ISSUER', `${deadEnd.label}: no trusted issuer ${describeWanted(deadEnd)}${tooLong ? ' (and other paths were too long)' : ''}`);
  }
  throw new PkiError('ERR_PKI_UNTRUSTED_ISSUER', `${endEntity.label}: no path to a root within ${maxLength} certificates`);
}
