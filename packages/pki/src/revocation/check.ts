/**
 * Revocation checking that fails closed (DESIGN.md "Card login" step 4 and "Revocation details"): OCSP first;
 * when OCSP gives no trustworthy answer, the CRL; when neither does, ERR_PKI_REVOCATION_UNAVAILABLE. A
 * trustworthy "revoked" (or OCSP "unknown") is final: no CRL can overrule it. Intermediates are checked like
 * cards; only the root anchor is not.
 *
 * @example
 *   const cache = memoryRevocationCache(systemClock);
 *   await checkRevocation({ certificate: card, issuer: moica, clock: systemClock, http: nodeHttpClient(), cache });
 *   await checkPathRevocation([card, moica, grca], { clock: systemClock, http: nodeHttpClient(), cache });
 */
import type * as pkijs from 'pkijs';
import { PkiError, isPkiError } from '../errors';
import type { Clock, HttpClient, RevocationCache } from '../ports';
import { CRL_TIMEOUT_MS, checkCrl } from './crl';
import { describeCertificate } from './identity';
import { OCSP_TIMEOUT_MS, checkOcsp } from './ocsp';
import type { RevocationOk } from './result';

/** Longest per-request deadline accepted: a login must not wait on a responder for longer. */
export const MAX_TIMEOUT_MS = 60_000;

export interface RevocationContext {
  clock: Clock;
  http: HttpClient;
  cache: RevocationCache;
  /** Per OCSP request; default OCSP_TIMEOUT_MS (5 s). */
  timeoutMs?: number | undefined;
  /** Per CRL download; default CRL_TIMEOUT_MS (15 s). */
  crlTimeoutMs?: number | undefined;
}

export interface CheckRevocationOptions extends RevocationContext {
  certificate: pkijs.Certificate;
  /** The certificate's issuer, as path validation found it (its key is what OCSP and the CRL are checked with). */
  issuer: pkijs.Certificate;
  /** Ask this OCSP responder instead of the one in the certificate's authorityInfoAccess. */
  ocspUrlOverride?: string | undefined;
}

function checkTimeout(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value <= 0 || value > MAX_TIMEOUT_MS) throw new TypeError(`${name} must be an integer from 1 to ${MAX_TIMEOUT_MS} ms, got ${value}`);
}

/** Caller misuse is a TypeError, raised before any I/O; everything after that is about untrusted input. */
function checkContext(what: string, options: RevocationContext): void {
  if (!options || typeof options.clock?.now !== 'function') throw new TypeError(`${what}: clock is required`);
  if (typeof options.http?.request !== 'function') throw new TypeError(`${what}: http is required`);
  if (typeof options.cache?.get !== 'function' || typeof options.cache.set !== 'function') throw new TypeError(`${what}: cache is required`);
  checkTimeout(`${what}: timeoutMs`, options.timeoutMs);
  checkTimeout(`${what}: crlTimeoutMs`, options.crlTimeoutMs);
}

function checkPair(what: string, certificate: pkijs.Certificate, issuer: pkijs.Certificate): void {
  if (!certificate || !issuer) throw new TypeError(`${what}: certificate and issuer are required`);
  // Revocation answers are about (issuer, serial): checking against a certificate that did not issue this
  // one would ask about someone else's certificate. Path validation must have paired them already.
  if (!certificate.issuer.isEqual(issuer.subject)) throw new TypeError(`${what}: issuer is not the certificate's issuer`);
}

/** The detail of a failure, whatever threw it (a bug in a parser must still end in "unavailable"). */
function detailOf(err: unknown): string {
  return isPkiError(err) ? err.detail : (err as Error)?.message ?? String(err);
}

/**
 * Checks one certificate. Resolves with how it was found good; throws PkiError ERR_PKI_REVOKED or
 * ERR_PKI_REVOCATION_UNAVAILABLE (with a detail naming what failed at OCSP and at the CRL).
 */
export async function checkRevocation(options: CheckRevocationOptions): Promise<RevocationOk> {
  checkContext('checkRevocation', options);
  checkPair('checkRevocation', options.certificate, options.issuer);
  const { certificate, issuer, clock, http, cache } = options;

  let ocspProblem: string;
  try {
    return await checkOcsp({ certificate, issuer, clock, http, cache, url: options.ocspUrlOverride, timeoutMs: options.timeoutMs ?? OCSP_TIMEOUT_MS });
  } catch (err) {
    if (isPkiError(err) && err.code === 'ERR_PKI_REVOKED') throw err;
    ocspProblem = detailOf(err);
  }

  let crlProblem: string;
  try {
    return await checkCrl({ certificate, issuer, clock, http, cache, timeoutMs: options.crlTimeoutMs ?? CRL_TIMEOUT_MS });
  } catch (err) {
    if (isPkiError(err) && err.code === 'ERR_PKI_REVOKED') throw err;
    crlProblem = detailOf(err);
  }

  throw new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', `${describeCertificate(certificate)}: no trustworthy revocation answer. ${ocspProblem} | ${crlProblem}`);
}

export interface CheckPathRevocationOptions extends RevocationContext {
  /** A configured OCSP responder for some issuers (e.g. MOICA's), instead of the certificates' AIA. */
  ocspUrlFor?: ((certificate: pkijs.Certificate, issuer: pkijs.Certificate) => string | undefined) | undefined;
}

/**
 * Checks every certificate of a validated path, ordered from the card to the root anchor, except the anchor
 * itself (DESIGN.md: roots are the only anchors; intermediates are checked like cards). All are asked at
 * once; if any is revoked the error is ERR_PKI_REVOKED, else if any has no trustworthy answer it is
 * ERR_PKI_REVOCATION_UNAVAILABLE, each naming the certificate. Resolves with one result per checked
 * certificate, in path order.
 */
export async function checkPathRevocation(path: readonly pkijs.Certificate[], options: CheckPathRevocationOptions): Promise<RevocationOk[]> {
  checkContext('checkPathRevocation', options);
  if (!Array.isArray(path) || path.length < 2) throw new TypeError('checkPathRevocation: a path has at least a certificate and its root anchor');
  const pairs = path.slice(0, -1).map((certificate, i) => ({ certificate, issuer: path[i + 1]! }));
  for (const { certificate, issuer } of pairs) checkPair('checkPathRevocation', certificate, issuer);

  const settled = await Promise.allSettled(
    pairs.map(({ certificate, issuer }) => {
      const { ocspUrlFor, ...context } = options;
      return checkRevocation({ ...context, certificate, issuer, ocspUrlOverride: ocspUrlFor?.(certificate, issuer) });
    }),
  );
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ index: i, err: s.reason as unknown }] : []));
  if (failures.length > 0) {
    const revoked = failures.find((f) => isPkiError(f.err) && f.err.code === 'ERR_PKI_REVOKED');
    const chosen = revoked ?? failures[0]!;
    const code = revoked ? 'ERR_PKI_REVOKED' : 'ERR_PKI_REVOCATION_UNAVAILABLE';
    throw new PkiError(code, `path[${chosen.index}] ${describeCertificate(pairs[chosen.index]!.certificate)}: ${detailOf(chosen.err)}`, { cause: chosen.err });
  }
  return settled.map((s) => (s as PromiseFulfilledResult<RevocationOk>).value);
}
