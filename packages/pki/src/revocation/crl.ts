/**
 * CRL fallback (RFC 5280 §5, §6.3): when OCSP gives no trustworthy answer, fetch the CRL named in the
 * certificate's cRLDistributionPoints and believe it only when it proves itself — issued under the issuer's
 * name, signed with the issuer's key, fresh (thisUpdate not in the future, nextUpdate present and not passed),
 * complete for this certificate (no delta, no partition by reason, no indirect entries, the distribution point
 * it says it is) — and then look up the serial. Listed means revoked, certificateHold included.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseDer, parseWith } from '../certificate';
import { PkiError, isPkiError } from '../errors';
import type { Clock, HttpClient, RevocationCache } from '../ports';
import { KEY_USAGE, crlUrls, isCaCertificate, keyUsageAllows, parseExtension } from './extensions';
import { checkFreshness } from './freshness';
import { describeCertificate, issuerKeyId, sameBytes } from './identity';
import { REVOCATION_OID } from './oids';
import { reasonName } from './reasons';
import type { RevocationOk } from './result';

/**
 * Largest CRL fetched and parsed. A national CA's full CRL runs to megabytes (MOICA publishes partitioned
 * CRLs to keep each one small); 16 MiB leaves room and still bounds memory per check.
 */
export const MAX_CRL_BYTES = 16 * 1024 * 1024;
/** A CRL is bigger than an OCSP answer: 15 s per download. */
export const CRL_TIMEOUT_MS = 15_000;

/** GeneralName CHOICE tag of uniformResourceIdentifier (RFC 5280 §4.2.1.6). */
const GENERAL_NAME_URI = 6;
/** CRL entry extensions we understand (RFC 5280 §5.3); certificateIssuer is understood, and refused. */
const KNOWN_ENTRY_EXTENSIONS = new Set<string>([REVOCATION_OID.cRLReason, REVOCATION_OID.invalidityDate, REVOCATION_OID.holdInstructionCode, REVOCATION_OID.certificateIssuer]);

const unavailable = (detail: string, cause?: unknown) => new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', detail, { cause });

export type CrlAnswer =
  | { status: 'good'; thisUpdate: Date; nextUpdate: Date }
  | { status: 'revoked'; thisUpdate: Date; nextUpdate: Date; revocationDate: Date; reason: number | undefined };

export interface ReadCrlOptions {
  certificate: pkijs.Certificate;
  issuer: pkijs.Certificate;
  /** The URL the CRL was fetched from, which its issuingDistributionPoint (if any) must name. */
  url: string;
  now: Date;
}

/**
 * Verifies a DER CRL for this certificate and returns what it says about it. Throws
 * ERR_PKI_REVOCATION_UNAVAILABLE (never anything else) when the CRL cannot be trusted or does not cover it.
 */
export async function readCrl(der: Uint8Array, options: ReadCrlOptions): Promise<CrlAnswer> {
  try {
    return await readCrlUnsafe(der, options);
  } catch (err) {
    if (isPkiError(err) && err.code === 'ERR_PKI_REVOCATION_UNAVAILABLE') throw err;
    throw unavailable(`CRL unusable: ${isPkiError(err) ? err.detail : (err as Error)?.message ?? String(err)}`, err);
  }
}

async function readCrlUnsafe(der: Uint8Array, { certificate, issuer, url, now }: ReadCrlOptions): Promise<CrlAnswer> {
  const crl = parseWith('CRL', () => new pkijs.CertificateRevocationList({ schema: parseDer(der, 'CRL', MAX_CRL_BYTES) }));

  // Who issued it: the issuer's name, the issuer's key (RFC 5280 §6.3.3 (f), (g)).
  if (!crl.issuer.isEqual(issuer.subject)) throw unavailable('CRL issuer name is not the certificate issuer');
  if (crl.signature.algorithmId !== crl.signatureAlgorithm.algorithmId) throw unavailable('CRL signature algorithms disagree (RFC 5280 §5.1.1.2)');
  if (!keyUsageAllows(issuer, KEY_USAGE.cRLSign, 'issuer certificate')) throw unavailable('the issuer key is not certified for cRLSign');
  let signed = false;
  try {
    signed = await pkijs.getCrypto(true).verifyWithPublicKey(new Uint8Array(crl.tbsView), crl.signatureValue, issuer.subjectPublicKeyInfo, crl.signatureAlgorithm);
  } catch (err) {
    throw unavailable(`CRL signature cannot be checked (algorithm ${crl.signatureAlgorithm.algorithmId}): ${(err as Error)?.message ?? String(err)}`, err);
  }
  if (!signed) throw unavailable('CRL signature does not verify with the issuer key');

  // Fresh? RFC 5280 §5.1.2.5: issuers MUST include nextUpdate, so a CRL without one is refused.
  const thisUpdate = crl.thisUpdate.value;
  const nextUpdate = crl.nextUpdate?.value;
  if (!nextUpdate) throw unavailable('CRL has no nextUpdate');
  checkFreshness('CRL', { thisUpdate, nextUpdate }, now, undefined);

  // Complete for this certificate? (RFC 5280 §5.2, §6.3.3 (b))
  for (const ext of crl.crlExtensions?.extensions ?? []) {
    if (ext.extnID === REVOCATION_OID.deltaCRLIndicator) throw unavailable('a delta CRL is not a complete list');
    if (ext.extnID === REVOCATION_OID.issuingDistributionPoint) checkScope(ext, certificate, url);
    else if (ext.critical) throw unavailable(`CRL has an unknown critical extension ${ext.extnID}`);
  }

  const serial = certificate.serialNumber.valueBlock.valueHexView;
  let entry: pkijs.RevokedCertificate | undefined;
  for (const revoked of crl.revokedCertificates ?? []) {
    for (const ext of revoked.crlEntryExtensions?.extensions ?? []) {
      // RFC 5280 §5.3: a CRL with an unrecognised critical entry extension must not be used; certificateIssuer
      // (§5.3.3) makes it an indirect CRL, which we do not accept.
      if (ext.extnID === REVOCATION_OID.certificateIssuer) throw unavailable('indirect CRL (certificateIssuer entry) is not supported');
      if (ext.critical && !KNOWN_ENTRY_EXTENSIONS.has(ext.extnID)) throw unavailable(`CRL entry has an unknown critical extension ${ext.extnID}`);
    }
    if (!entry && sameBytes(revoked.userCertificate.valueBlock.valueHexView, serial)) entry = revoked;
  }
  if (!entry) return { status: 'good', thisUpdate, nextUpdate };
  return { status: 'revoked', thisUpdate, nextUpdate, revocationDate: entry.revocationDate.value, reason: entryReason(entry) };
}

/** issuingDistributionPoint (RFC 5280 §5.2.5): the CRL must cover this kind of certificate, for every reason. */
function checkScope(ext: pkijs.Extension, certificate: pkijs.Certificate, url: string): void {
  const idp = parseExtension(ext, 'CRL', (schema) => new pkijs.IssuingDistributionPoint({ schema }));
  if (idp.onlySomeReasons !== undefined) throw unavailable('CRL covers only some revocation reasons');
  if (idp.indirectCRL) throw unavailable('indirect CRL is not supported');
  if (idp.onlyContainsAttributeCerts) throw unavailable('CRL lists attribute certificates only');
  const ca = isCaCertificate(certificate, 'certificate');
  if (idp.onlyContainsUserCerts && ca) throw unavailable('CRL lists end-entity certificates only, and this is a CA');
  if (idp.onlyContainsCACerts && !ca) throw unavailable('CRL lists CA certificates only, and this is an end entity');
  // A partitioned CRL names its partition: one for another partition, where our serial would never be
  // listed, must not be passed off as ours (RFC 5280 §6.3.3 (b)(2)(i)).
  if (idp.distributionPoint !== undefined) {
    if (!Array.isArray(idp.distributionPoint)) throw unavailable('CRL distribution point relative to the issuer is not supported');
    const names = idp.distributionPoint.filter((n) => n.type === GENERAL_NAME_URI).map((n) => String(n.value));
    if (!names.includes(url)) throw unavailable(`CRL is for distribution point ${names.join(', ') || '(no URI)'}, not ${url}`);
  }
}

function entryReason(entry: pkijs.RevokedCertificate): number | undefined {
  const ext = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === REVOCATION_OID.cRLReason);
  if (!ext) return undefined;
  try {
    const value = parseDer(ext.extnValue.valueBlock.valueHexView, 'CRL reason', 16);
    return value instanceof asn1js.Enumerated ? value.valueBlock.valueDec : undefined;
  } catch {
    return undefined; // the reason only feeds the detail; the listing is what revokes
  }
}

/** Cache key of a CRL: the issuer's key and the URL it came from. */
export function crlCacheKey(issuer: pkijs.Certificate, url: string): string {
  return `crl:${issuerKeyId(issuer)}:${url}`;
}

export interface CheckCrlOptions {
  certificate: pkijs.Certificate;
  issuer: pkijs.Certificate;
  clock: Clock;
  http: HttpClient;
  /** CRLs are kept until their nextUpdate and verified again when read. */
  cache?: RevocationCache | undefined;
  /** Per download; default CRL_TIMEOUT_MS. */
  timeoutMs?: number | undefined;
  /** Default MAX_CRL_BYTES. */
  maxBytes?: number | undefined;
}

function revokedError(answer: Extract<CrlAnswer, { status: 'revoked' }>, certificate: pkijs.Certificate, where: string): PkiError {
  const reason = answer.reason === undefined ? '' : ` (${reasonName(answer.reason)})`;
  return new PkiError('ERR_PKI_REVOKED', `CRL ${where}: ${describeCertificate(certificate)} revoked at ${answer.revocationDate.toISOString()}${reason}`);
}

/**
 * Checks one certificate against its issuer's CRL. Resolves when a trustworthy CRL does not list it; throws
 * ERR_PKI_REVOKED when one does, ERR_PKI_REVOCATION_UNAVAILABLE when no trustworthy CRL can be had.
 *
 * @example
 *   await checkCrl({ certificate: card, issuer: moica, clock: systemClock, http: nodeHttpClient(), cache });
 */
export async function checkCrl(options: CheckCrlOptions): Promise<RevocationOk> {
  const { certificate, issuer, clock, http, cache } = options;
  const timeoutMs = options.timeoutMs ?? CRL_TIMEOUT_MS;
  const maxBytes = Math.min(options.maxBytes ?? MAX_CRL_BYTES, MAX_CRL_BYTES);

  let urls: string[];
  try {
    urls = crlUrls(certificate);
  } catch (err) {
    throw unavailable(`CRL: cRLDistributionPoints unreadable: ${isPkiError(err) ? err.detail : String(err)}`, err);
  }
  if (urls.length === 0) throw unavailable('CRL: the certificate names no http CRL distribution point');

  const problems: string[] = [];
  for (const url of urls) {
    const key = crlCacheKey(issuer, url);
    const cached = cache ? await cache.get(key).catch(() => undefined) : undefined;
    if (cached) {
      try {
        const answer = await readCrl(cached, { certificate, issuer, url, now: clock.now() });
        if (answer.status === 'revoked') throw revokedError(answer, certificate, `${url} (cached)`);
        return { status: 'good', source: 'crl', fromCache: true, thisUpdate: answer.thisUpdate, nextUpdate: answer.nextUpdate, url };
      } catch (err) {
        if (isPkiError(err) && err.code === 'ERR_PKI_REVOKED') throw err;
        // Stale or otherwise unusable: fetch again.
      }
    }
    let answer: CrlAnswer;
    let body: Uint8Array;
    try {
      const response = await http.request(url, { method: 'GET', timeoutMs, maxBytes });
      if (response.status !== 200) throw unavailable(`HTTP status ${response.status}`);
      body = response.body;
      answer = await readCrl(body, { certificate, issuer, url, now: clock.now() });
    } catch (err) {
      const detail = isPkiError(err) ? err.detail : (err as Error)?.message ?? String(err);
      problems.push(detail.includes(url) ? detail : `${url}: ${detail}`);
      continue;
    }
    if (cache) await cache.set(key, body, answer.nextUpdate).catch(() => undefined);
    if (answer.status === 'revoked') throw revokedError(answer, certificate, url);
    return { status: 'good', source: 'crl', fromCache: false, thisUpdate: answer.thisUpdate, nextUpdate: answer.nextUpdate, url };
  }
  throw unavailable(`CRL: ${problems.join('; ')}`);
}
