/**
 * How old and how early a revocation answer may be. DESIGN.md ("Revocation details"): the OCSP nonce is sent
 * but not required, so freshness is what bounds a replayed answer.
 */
import { PkiError } from '../errors';

/**
 * A responder's clock may run ahead of ours by this much: thisUpdate (and producedAt) up to 5 minutes in our
 * future is accepted. Five minutes is what OpenSSL's own OCSP client allows (apps/ocsp.c, MAX_VALIDITY_PERIOD;
 * OCSP_check_validity). No allowance is given on nextUpdate: an answer is stale the moment its nextUpdate has
 * passed (RFC 6960 §4.2.2.1, RFC 5280 §5.1.2.5), and a stale answer is asked for again, never used.
 */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * An OCSP answer without nextUpdate ("newer revocation information is available all the time",
 * RFC 6960 §4.2.2.1) is accepted for 15 minutes after its thisUpdate, and never cached. Responders that sign
 * on demand (OpenSSL's without -nmin/-ndays) put thisUpdate at the moment of the request, so this only refuses
 * old answers, which is what a replay would be.
 */
export const OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE_MS = 15 * 60 * 1000;

export interface UpdateWindow {
  thisUpdate: Date;
  nextUpdate?: Date | undefined;
}

/**
 * Throws ERR_PKI_REVOCATION_UNAVAILABLE unless `now` lies in the window the answer is good for.
 * `maxAgeMs` applies only when nextUpdate is absent; `undefined` means such an answer is refused.
 */
export function checkFreshness(what: string, window: UpdateWindow, now: Date, maxAgeMs: number | undefined): void {
  const t = now.getTime();
  const thisUpdate = window.thisUpdate.getTime();
  if (!Number.isFinite(thisUpdate)) throw new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', `${what}: thisUpdate is not a valid time`);
  if (thisUpdate > t + CLOCK_SKEW_MS) {
    throw new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', `${what}: thisUpdate ${iso(window.thisUpdate)} is in the future (now ${iso(now)})`);
  }
  if (window.nextUpdate !== undefined) {
    const nextUpdate = window.nextUpdate.getTime();
    if (!Number.isFinite(nextUpdate) || nextUpdate < thisUpdate) throw new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', `${what}: nextUpdate is not after thisUpdate`);
    if (nextUpdate <= t) throw new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', `${what}: stale, nextUpdate ${iso(window.nextUpdate)} has passed (now ${iso(now)})`);
    return;
  }
  if (maxAgeMs === undefined) throw new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', `${what}: no nextUpdate`);
  if (thisUpdate + maxAgeMs <= t) {
    throw new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', `${what}: stale, no nextUpdate and thisUpdate ${iso(window.thisUpdate)} is older than ${maxAgeMs / 60000} minutes`);
  }
}

function iso(d: Date): string {
  return Number.isFinite(d.getTime()) ? d.toISOString() : 'invalid time';
}
