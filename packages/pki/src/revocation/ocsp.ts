/**
 * OCSP (RFC 6960): ask the issuer's responder whether a certificate is revoked, and believe only an answer that
 * proves itself.
 *
 * The answer is authenticated BEFORE its status is read (pkijs's getCertificateStatus does not authenticate,
 * STACK-NOTES.md): responseStatus successful; a BasicOCSPResponse signed by the issuer itself or by a delegated
 * responder that the issuer certified for id-kp-OCSPSigning (RFC 6960 §4.2.2.2); the SingleResponse for our
 * CertID, matched by issuer KEY hash and serial (the MOICA generations share one name, so the name hash proves
 * nothing, DESIGN.md "Revocation details"); fresh (./freshness.ts); and, when the answer echoes a nonce, ours.
 * Any doubt is ERR_PKI_REVOCATION_UNAVAILABLE with a detail saying which; `unknown` counts as revoked.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseDer, parseWith } from '../certificate';
import { PkiError, isPkiError } from '../errors';
import { OID } from '../oids';
import type { Clock, HttpClient, RevocationCache } from '../ports';
import { KEY_USAGE, extendedKeyUsages, keyUsageAllows, ocspUrls } from './extensions';
import { CLOCK_SKEW_MS, OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE_MS, checkFreshness } from './freshness';
import { describeCertificate, hash, issuerKeyBytes, issuerKeyId, sameBytes, serialHex } from './identity';
import { REVOCATION_OID } from './oids';
import { reasonName } from './reasons';
import type { RevocationOk } from './result';

/** DESIGN.md and ports.ts: an OCSP request gives up after 5 s. */
export const OCSP_TIMEOUT_MS = 5000;
/** An answer with its responder certificate is 1–5 KiB; a cap well above that bounds what we parse. */
export const MAX_OCSP_RESPONSE_BYTES = 64 * 1024;
/** RFC 8954 §2.1: the nonce SHOULD be 32 octets (and at most 32). */
export const OCSP_NONCE_BYTES = 32;
/**
 * The CertID hash we send is SHA-1: the lightweight profile (RFC 5019 §2.1.1) has clients use SHA-1 CertIDs,
 * OpenSSL's client sends SHA-1 by default, and a responder that indexes by one hash indexes by SHA-1. In a
 * CertID the hash only names the issuer key; it authenticates nothing (the signature does), and confusing two
 * issuer keys would take a SHA-1 second preimage. Answers may use another hash in their CertIDs: we recompute
 * it for SHA-1/256/384/512.
 */
export const OCSP_CERT_ID_HASH = 'sha1';

/** RFC 6960 §4.2.1 OCSPResponseStatus. */
const RESPONSE_STATUS: Record<number, string> = {
  0: 'successful',
  1: 'malformedRequest',
  2: 'internalError',
  3: 'tryLater',
  5: 'sigRequired',
  6: 'unauthorized',
};
const HASH_BY_OID: Record<string, string> = {
  [REVOCATION_OID.sha1]: 'sha1',
  [REVOCATION_OID.sha256]: 'sha256',
  [REVOCATION_OID.sha384]: 'sha384',
  [REVOCATION_OID.sha512]: 'sha512',
};

const unavailable = (detail: string, cause?: unknown) => new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', detail, { cause });

/** Cache key of an OCSP answer: the issuer's key and the serial (DESIGN.md "Revocation details"). */
export function ocspCacheKey(certificate: pkijs.Certificate, issuer: pkijs.Certificate): string {
  return `ocsp:${issuerKeyId(issuer)}:${serialHex(certificate)}`;
}

export interface OcspRequest {
  /** DER of the OCSPRequest, to POST as application/ocsp-request (RFC 6960 Appendix A.1). */
  readonly der: Uint8Array;
  /** The nonce sent in the id-pkix-ocsp-nonce request extension (RFC 6960 §4.4.1, RFC 8954). */
  readonly nonce: Uint8Array;
}

/**
 * Builds an unsigned OCSPRequest for one certificate: CertID (SHA-1 of the issuer name as it appears in the
 * certificate, SHA-1 of the issuer's subjectPublicKey BIT STRING value, the serial) and a nonce extension.
 *
 * @example
 *   const { der, nonce } = buildOcspRequest(card, moica);
 */
export function buildOcspRequest(certificate: pkijs.Certificate, issuer: pkijs.Certificate, nonce: Uint8Array = new Uint8Array(randomBytes(OCSP_NONCE_BYTES))): OcspRequest {
  if (nonce.byteLength < 1 || nonce.byteLength > 32) throw new TypeError('buildOcspRequest: a nonce is 1 to 32 octets (RFC 8954 §2.1)');
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: REVOCATION_OID.sha1, algorithmParams: new asn1js.Null() }),
    // RFC 6960 §4.1.1: "the DER encoding of the issuer's name field in the certificate being checked".
    issuerNameHash: new asn1js.OctetString({ valueHex: hash(OCSP_CERT_ID_HASH, new Uint8Array(certificate.issuer.toSchema().toBER(false))) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: hash(OCSP_CERT_ID_HASH, issuerKeyBytes(issuer)) }),
    serialNumber: new asn1js.Integer({ valueHex: certificate.serialNumber.valueBlock.valueHexView }),
  });
  const nonceExtension = new pkijs.Extension({
    extnID: OID.ocspNonce,
    critical: false,
    extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(false),
  });
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({ requestList: [new pkijs.Request({ reqCert: certId })], requestExtensions: [nonceExtension] }),
  });
  return { der: new Uint8Array(request.toSchema(true).toBER(false)), nonce: nonce.slice() };
}

export type OcspAnswer =
  | { status: 'good'; thisUpdate: Date; nextUpdate: Date | undefined; signedBy: 'issuer' | 'delegated' }
  | { status: 'revoked'; thisUpdate: Date; nextUpdate: Date | undefined; signedBy: 'issuer' | 'delegated'; revocationTime: Date; reason: number | undefined }
  | { status: 'unknown'; thisUpdate: Date; nextUpdate: Date | undefined; signedBy: 'issuer' | 'delegated' };

export interface VerifyOcspResponseOptions {
  certificate: pkijs.Certificate;
  issuer: pkijs.Certificate;
  now: Date;
  /** The nonce we sent. Not required in the answer (DESIGN.md); if the answer has one, it must be this. */
  nonce?: Uint8Array | undefined;
}

/**
 * Authenticates an OCSP answer and returns the status it gives our certificate. Throws
 * ERR_PKI_REVOCATION_UNAVAILABLE (never anything else) when the answer is not trustworthy.
 */
export async function verifyOcspResponse(der: Uint8Array, options: VerifyOcspResponseOptions): Promise<OcspAnswer> {
  try {
    return await verifyOcspResponseUnsafe(der, options);
  } catch (err) {
    if (isPkiError(err) && err.code === 'ERR_PKI_REVOCATION_UNAVAILABLE') throw err;
    throw unavailable(`OCSP answer unusable: ${isPkiError(err) ? err.detail : (err as Error)?.message ?? String(err)}`, err);
  }
}

async function verifyOcspResponseUnsafe(der: Uint8Array, { certificate, issuer, now, nonce }: VerifyOcspResponseOptions): Promise<OcspAnswer> {
  const response = parseWith('OCSP response', () => new pkijs.OCSPResponse({ schema: parseDer(der, 'OCSP response', MAX_OCSP_RESPONSE_BYTES) }));
  const responseStatus = response.responseStatus.valueBlock.valueDec;
  if (responseStatus !== 0) throw unavailable(`OCSP responseStatus ${RESPONSE_STATUS[responseStatus] ?? responseStatus}`);
  if (!response.responseBytes || response.responseBytes.responseType !== OID.ocspBasic) {
    throw unavailable(`OCSP response type ${response.responseBytes?.responseType ?? 'missing'} is not id-pkix-ocsp-basic`);
  }
  const basicDer = response.responseBytes.response.valueBlock.valueHexView;
  const basic = parseWith('BasicOCSPResponse', () => new pkijs.BasicOCSPResponse({ schema: parseDer(basicDer, 'BasicOCSPResponse', MAX_OCSP_RESPONSE_BYTES) }));

  // 1. Who signed it, and may they speak for this issuer? (RFC 6960 §4.2.2.2, §3.2 steps 2–4)
  const signedBy = await authenticateResponder(basic, issuer, now);

  // 2. Which SingleResponse is about our certificate: issuer key hash and serial (RFC 6960 §3.2 step 1).
  const single = findSingleResponse(basic, certificate, issuer);

  // 3. Fresh enough? (RFC 6960 §3.2 steps 5–6, §4.2.2.1)
  const producedAt = basic.tbsResponseData.producedAt;
  if (!(producedAt.getTime() <= now.getTime() + CLOCK_SKEW_MS)) throw unavailable(`OCSP producedAt ${producedAt.toISOString()} is in the future`);
  checkFreshness('OCSP answer', { thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate }, now, OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE_MS);

  // 4. If the responder echoed a nonce, it must be the one we sent (RFC 8954 §2.1, RFC 6960 §4.4.1).
  if (nonce) checkNonce(basic, nonce);

  // Only now is the status worth reading.
  return { ...readStatus(single.certStatus), thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate, signedBy } as OcspAnswer;
}

async function signatureVerifies(basic: pkijs.BasicOCSPResponse, signer: pkijs.Certificate): Promise<boolean> {
  try {
    return await pkijs.getCrypto(true).verifyWithPublicKey(new Uint8Array(basic.tbsResponseData.tbsView), basic.signature, signer.subjectPublicKeyInfo, basic.signatureAlgorithm);
  } catch (err) {
    throw unavailable(`OCSP signature cannot be checked (algorithm ${basic.signatureAlgorithm.algorithmId}): ${(err as Error)?.message ?? String(err)}`, err);
  }
}

function spkiDer(certificate: pkijs.Certificate): Uint8Array {
  return new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER(false));
}

async function authenticateResponder(basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate, now: Date): Promise<'issuer' | 'delegated'> {
  const responderId: unknown = basic.tbsResponseData.responderID;
  let identifies: (cert: pkijs.Certificate) => boolean;
  if (responderId instanceof pkijs.RelativeDistinguishedNames) {
    identifies = (cert) => cert.subject.isEqual(responderId);
  } else if (responderId instanceof asn1js.OctetString) {
    // RFC 6960 §4.2.1: byKey is the SHA-1 hash of the responder's public key (the BIT STRING value).
    identifies = (cert) => sameBytes(hash('sha1', issuerKeyBytes(cert)), responderId.valueBlock.valueHexView);
  } else {
    throw unavailable('OCSP responderID is neither byName nor byKey');
  }

  const refused: string[] = [];
  // The issuer itself (RFC 6960 §4.2.2.2, first case). A byName match is not proof: another generation of
  // the CA has the same name, so only the issuer's own key counts.
  if (identifies(issuer)) {
    if (await signatureVerifies(basic, issuer)) return 'issuer';
    refused.push('the signature does not verify with the issuer key');
  }
  // A delegated responder, whose certificate the answer carries (RFC 6960 §4.2.2.2, third case).
  const issuerSpki = spkiDer(issuer);
  for (const candidate of basic.certs ?? []) {
    if (!identifies(candidate) || sameBytes(spkiDer(candidate), issuerSpki)) continue;
    const problem = await delegationProblem(candidate, issuer, now);
    if (problem) {
      refused.push(`responder ${describeCertificate(candidate)} ${problem}`);
      continue;
    }
    if (await signatureVerifies(basic, candidate)) return 'delegated';
    refused.push(`the signature does not verify with responder ${describeCertificate(candidate)}`);
  }
  if (refused.length === 0) refused.push('no certificate matching the responderID is the issuer or a delegated responder');
  throw unavailable(`OCSP responder not authorised: ${refused.join('; ')}`);
}

/** Why this certificate may not answer for the issuer, or undefined if it may (RFC 6960 §4.2.2.2). */
async function delegationProblem(responder: pkijs.Certificate, issuer: pkijs.Certificate, now: Date): Promise<string | undefined> {
  if (!responder.issuer.isEqual(issuer.subject)) return 'is not issued by the issuer';
  let signedByIssuer = false;
  try {
    signedByIssuer = await responder.verify(issuer);
  } catch {
    signedByIssuer = false;
  }
  if (!signedByIssuer) return "is not signed by the issuer's key";
  const ekus = extendedKeyUsages(responder, 'OCSP responder certificate');
  // id-kp-OCSPSigning itself; anyExtendedKeyUsage does not delegate OCSP (RFC 6960 §4.2.2.2).
  if (!ekus?.includes(OID.ekuOcspSigning)) return 'lacks extended key usage id-kp-OCSPSigning';
  if (!keyUsageAllows(responder, KEY_USAGE.digitalSignature, 'OCSP responder certificate')) return 'has a keyUsage without digitalSignature';
  const t = now.getTime();
  if (responder.notBefore.value.getTime() > t || responder.notAfter.value.getTime() < t) return 'is outside its validity period';
  // Its own revocation is not checked: RFC 6960 §4.2.2.2.1 leaves that to the CA (id-pkix-ocsp-nocheck,
  // short-lived responder certificates) and to local policy.
  return undefined;
}

function findSingleResponse(basic: pkijs.BasicOCSPResponse, certificate: pkijs.Certificate, issuer: pkijs.Certificate): pkijs.SingleResponse {
  const keyBytes = issuerKeyBytes(issuer);
  const serial = certificate.serialNumber.valueBlock.valueHexView;
  const matches = basic.tbsResponseData.responses.filter((single) => {
    const algorithm = HASH_BY_OID[single.certID.hashAlgorithm.algorithmId];
    return (
      algorithm !== undefined &&
      sameBytes(single.certID.issuerKeyHash.valueBlock.valueHexView, hash(algorithm, keyBytes)) &&
      sameBytes(single.certID.serialNumber.valueBlock.valueHexView, serial)
    );
  });
  const first = matches[0];
  if (!first) throw unavailable('OCSP answer has no SingleResponse for this issuer key and serial');
  // Two answers for the same certificate that disagree are no answer.
  const tag = (s: pkijs.SingleResponse) => (s.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
  if (matches.some((s) => tag(s) !== tag(first))) throw unavailable('OCSP answer has contradicting SingleResponses for this certificate');
  return first;
}

function checkNonce(basic: pkijs.BasicOCSPResponse, nonce: Uint8Array): void {
  const echoed = (basic.tbsResponseData.responseExtensions ?? []).filter((e) => e.extnID === OID.ocspNonce);
  if (echoed.length === 0) return;
  if (echoed.length > 1) throw unavailable('OCSP answer carries more than one nonce');
  const value = echoed[0]!.extnValue.valueBlock.valueHexView;
  const expected = new Uint8Array(new asn1js.OctetString({ valueHex: nonce }).toBER(false));
  // RFC 8954 encodes the nonce as an OCTET STRING inside extnValue; some older responders put the bare octets.
  if (!sameBytes(value, expected) && !sameBytes(value, nonce)) throw unavailable('OCSP nonce in the answer is not the one sent (a replayed answer?)');
}

type Status = { status: 'good' } | { status: 'revoked'; revocationTime: Date; reason: number | undefined } | { status: 'unknown' };

/** CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT UnknownInfo } */
function readStatus(certStatus: unknown): Status {
  if (!(certStatus instanceof asn1js.BaseBlock) || certStatus.idBlock.tagClass !== 3) throw unavailable('OCSP certStatus is malformed');
  switch (certStatus.idBlock.tagNumber) {
    case 0:
      return { status: 'good' };
    case 1: {
      const parts = certStatus instanceof asn1js.Constructed ? certStatus.valueBlock.value : [];
      const time = parts[0];
      if (!(time instanceof asn1js.GeneralizedTime)) throw unavailable('OCSP RevokedInfo has no revocationTime');
      let reason: number | undefined;
      const tagged = parts[1];
      if (tagged instanceof asn1js.Constructed && tagged.idBlock.tagClass === 3 && tagged.idBlock.tagNumber === 0) {
        const enumerated = tagged.valueBlock.value[0];
        if (enumerated instanceof asn1js.Enumerated) reason = enumerated.valueBlock.valueDec;
      }
      return { status: 'revoked', revocationTime: time.toDate(), reason };
    }
    case 2:
      return { status: 'unknown' };
    default:
      throw unavailable(`OCSP certStatus [${certStatus.idBlock.tagNumber}] is not good, revoked or unknown`);
  }
}

export interface CheckOcspOptions {
  certificate: pkijs.Certificate;
  issuer: pkijs.Certificate;
  clock: Clock;
  http: HttpClient;
  /** Good answers are kept until their nextUpdate and verified again when read. */
  cache?: RevocationCache | undefined;
  /** Ask this responder instead of the certificate's AIA (a configured override). */
  url?: string | undefined;
  /** Per request; default OCSP_TIMEOUT_MS. */
  timeoutMs?: number | undefined;
}

/** The PkiError a revoked (or unknown) answer becomes. */
function revokedError(answer: Exclude<OcspAnswer, { status: 'good' }>, certificate: pkijs.Certificate, where: string): PkiError {
  if (answer.status === 'unknown') return new PkiError('ERR_PKI_REVOKED', `OCSP ${where}: ${describeCertificate(certificate)} is unknown to the responder (treated as revoked)`);
  const reason = answer.reason === undefined ? '' : ` (${reasonName(answer.reason)})`;
  return new PkiError('ERR_PKI_REVOKED', `OCSP ${where}: ${describeCertificate(certificate)} revoked at ${answer.revocationTime.toISOString()}${reason}`);
}

/**
 * Asks OCSP about one certificate. Resolves when a trustworthy answer says good; throws ERR_PKI_REVOKED for a
 * trustworthy revoked or unknown, and ERR_PKI_REVOCATION_UNAVAILABLE when no trustworthy answer can be had.
 *
 * @example
 *   await checkOcsp({ certificate: card, issuer: moica, clock: systemClock, http: nodeHttpClient(), cache });
 */
export async function checkOcsp(options: CheckOcspOptions): Promise<RevocationOk> {
  const { certificate, issuer, clock, http, cache } = options;
  const timeoutMs = options.timeoutMs ?? OCSP_TIMEOUT_MS;
  const key = ocspCacheKey(certificate, issuer);

  if (cache) {
    const cached = await cache.get(key).catch(() => undefined); // a cache that fails is a cache that missed
    if (cached) {
      try {
        const answer = await verifyOcspResponse(cached, { certificate, issuer, now: clock.now() });
        if (answer.status !== 'good') throw revokedError(answer, certificate, 'cached answer');
        return { status: 'good', source: 'ocsp', fromCache: true, thisUpdate: answer.thisUpdate, nextUpdate: answer.nextUpdate };
      } catch (err) {
        if (isPkiError(err) && err.code === 'ERR_PKI_REVOKED') throw err;
        // Stale or otherwise unusable: ask again.
      }
    }
  }

  let urls: string[];
  try {
    urls = options.url !== undefined ? [options.url] : ocspUrls(certificate);
  } catch (err) {
    throw unavailable(`OCSP: authorityInfoAccess unreadable: ${isPkiError(err) ? err.detail : String(err)}`, err);
  }
  if (urls.length === 0) throw unavailable('OCSP: the certificate names no http OCSP responder and none is configured');

  const problems: string[] = [];
  for (const url of urls) {
    const request = buildOcspRequest(certificate, issuer);
    let answer: OcspAnswer;
    let body: Uint8Array;
    try {
      const response = await http.request(url, { method: 'POST', body: request.der, contentType: 'application/ocsp-request', timeoutMs, maxBytes: MAX_OCSP_RESPONSE_BYTES });
      if (response.status !== 200) throw unavailable(`HTTP status ${response.status}`);
      body = response.body;
      answer = await verifyOcspResponse(body, { certificate, issuer, now: clock.now(), nonce: request.nonce });
    } catch (err) {
      const detail = isPkiError(err) ? err.detail : (err as Error)?.message ?? String(err);
      problems.push(detail.includes(url) ? detail : `${url}: ${detail}`);
      continue;
    }
    if (answer.status !== 'good') throw revokedError(answer, certificate, url);
    // RFC 6960 §4.2.2.1: without nextUpdate, newer information is always available, so nothing is kept.
    if (cache && answer.nextUpdate) await cache.set(key, body, answer.nextUpdate).catch(() => undefined);
    return { status: 'good', source: 'ocsp', fromCache: false, thisUpdate: answer.thisUpdate, nextUpdate: answer.nextUpdate, url };
  }
  throw unavailable(`OCSP: ${problems.join('; ')}`);
}
