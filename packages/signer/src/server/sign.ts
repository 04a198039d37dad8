/**
 * MakeSignature: one tbsPackage, for one caller origin, to one answer. The steps run in this order so that
 * nothing costs a PIN try unless everything before it passed:
 *   1. the origin: missing or malformed → DOMAIN_NOT_ALLOWED; not trusted → SITE_NOT_TRUSTED
 *   2. the package: JSON, signatureType, hashAlgorithm, tbs, nonce → COMPONENT_ERROR when unreadable
 *   3. the PIN: absent → NO_PIN; not 6–8 digits → CARD_LOGIN_FAILED / PIN_LENGTH (HiPKI checks it first too)
 *   4. the reader, the card, its signing certificate → NO_READER / NO_CARD; expired → CERT_EXPIRED
 *   5. the card's PIN state: locked → CARD_LOCKED; final try → the person must confirm (popup) or CANCELLED
 *   6. the per-origin PIN limit → COMPONENT_ERROR / RATE_LIMITED_LAST_ERROR
 *   7. the token signs: PKCS7 = packages/pki's CMS with nonce, signing time, card serial (withCardSN) and the
 *      caller's origin (DESIGN.md "Relay"); PKCS1 = the raw signature over the tbs bytes.
 * The PIN is passed to the token and dropped; it is never logged, kept or put in an answer.
 */
import { buildChallengeSignedData, parseCertificate, type HashName } from '@menhu/pki';
import { LAST_ERROR, RET } from '../codes';
import { TokenError, type SlotInfo, type TokenCertificate, type TokenInfo, type TokenProvider } from '../token/types';
import { codesOf, RATE_LIMITED_LAST_ERROR, signAnswer, type SignAnswer } from './answers';
import { describeCertificate } from './describe-certificate';
import type { PinLimiter } from './pin-limiter';

export interface SignDeps {
  readonly token: TokenProvider;
  readonly version: string;
  readonly isTrusted: (origin: string) => boolean;
  readonly limiter: PinLimiter;
  readonly now: () => Date;
}

export interface SignInput {
  /** The tbsPackage JSON text. */
  readonly tbsPackage: string | undefined;
  /** The caller's origin as the browser said it (Origin header or event.origin); undefined when unusable. */
  readonly origin: string | undefined;
  /** From the popup, which can ask the person at the computer; direct /sign cannot. */
  readonly interactive: boolean;
  /** The person confirmed spending the card's last PIN try (popup only). */
  readonly finalTryConfirmed: boolean;
}

export type SignOutcome = { readonly answer: SignAnswer } | { readonly confirmFinalTry: true; readonly answer?: undefined };

const HASHES: Readonly<Record<string, HashName>> = { SHA256: 'SHA-256', SHA384: 'SHA-384', SHA512: 'SHA-512' };
/** Card PINs: 6–8 digits (HIPKI.md: 0xA2 "PIN length wrong"). */
const PIN_PATTERN = /^\d{6,8}$/;
/** The platform's nonce is 32 bytes (DESIGN.md "Card login" 1), sent as 64 hex digits; other sizes ≥ 4 bytes pass. */
const NONCE_PATTERN = /^(?:[0-9a-fA-F]{2}){4,128}$/;

class PackageError extends Error {}

export async function makeSignature(deps: SignDeps, input: SignInput): Promise<SignOutcome> {
  const fail = (retCode: number, lastError: number = LAST_ERROR.NONE): SignOutcome => ({ answer: signAnswer(deps.version, retCode, lastError) });

  // 1. Who is asking.
  if (!input.origin) return fail(RET.DOMAIN_NOT_ALLOWED);
  if (!deps.isTrusted(input.origin)) return fail(RET.SITE_NOT_TRUSTED);

  // 2–3. What is asked.
  let pkg: ReturnType<typeof readPackage>;
  try {
    pkg = readPackage(input.tbsPackage);
  } catch (err) {
    if (err instanceof PackageError) return fail(RET.COMPONENT_ERROR);
    throw err;
  }
  if (pkg.pin === undefined) return fail(RET.NO_PIN);
  if (!PIN_PATTERN.test(pkg.pin)) return fail(RET.CARD_LOGIN_FAILED, LAST_ERROR.PIN_LENGTH);

  // 4. Which card and certificate.
  let chosen: { token: TokenInfo; certificate: TokenCertificate; notAfter: Date; notBefore: Date };
  try {
    chosen = chooseCertificate(await deps.token.slots(), pkg.slotDescription);
  } catch (err) {
    const { retCode, lastError } = codesOf(err);
    return fail(retCode, lastError);
  }
  const now = deps.now();
  if (now.getTime() > chosen.notAfter.getTime()) return fail(RET.CERT_EXPIRED);

  // 5. The card's PIN state (PKCS#11 CK_TOKEN_INFO flags, read by the token provider).
  if (chosen.token.pinState === 'locked') return fail(RET.CARD_LOGIN_FAILED, LAST_ERROR.CARD_LOCKED);
  if (chosen.token.pinState === 'final_try' && !input.finalTryConfirmed) {
    // Nobody can be asked over plain HTTP: refuse rather than spend the last try unasked.
    return input.interactive ? { confirmFinalTry: true } : fail(RET.CANCELLED, LAST_ERROR.WRONG_PIN_ONE_LEFT);
  }

  // 6. The limit, counted only now that a PIN is really about to reach the card.
  if (!deps.limiter.take(input.origin)) return fail(RET.COMPONENT_ERROR, RATE_LIMITED_LAST_ERROR);

  // 7. Sign.
  const { pin } = pkg;
  const request = { tokenSerial: chosen.token.serialNumber, keyId: chosen.certificate.id, pin, hash: pkg.hash } as const;
  try {
    let signature: Uint8Array;
    if (pkg.signatureType === 'PKCS7') {
      signature = await buildChallengeSignedData({
        tbs: pkg.tbsText(),
        nonce: pkg.nonce(),
        certificate: parseCertificate(chosen.certificate.der, 'token certificate'),
        hashAlgorithm: pkg.hash,
        signingTime: now,
        ...(pkg.withCardSN ? { cardSerial: chosen.token.serialNumber } : {}),
        signedOrigin: input.origin,
        sign: async (data) => (await deps.token.sign({ ...request, data })).signature,
      });
    } else {
      signature = (await deps.token.sign({ ...request, data: pkg.tbsBytes })).signature;
    }
    return {
      answer: signAnswer(deps.version, RET.OK, LAST_ERROR.NONE, {
        certb64: Buffer.from(chosen.certificate.der).toString('base64'),
        signature: Buffer.from(signature).toString('base64'),
        cardSN: chosen.token.serialNumber,
      }),
    };
  } catch (err) {
    if (err instanceof PackageError) return fail(RET.COMPONENT_ERROR);
    const { retCode, lastError } = codesOf(err);
    return fail(retCode, lastError);
  }
}

/** Reads the package; `pin` and a NONE `tbs` are URI-decoded once (HIPKI.md "tbsPackage"). */
function readPackage(text: string | undefined) {
  if (typeof text !== 'string' || text.length === 0) throw new PackageError('no tbsPackage');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PackageError('tbsPackage is not JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new PackageError('tbsPackage is not an object');
  const field = (name: string): string | undefined => {
    const value = (raw as Record<string, unknown>)[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new PackageError(`${name} is not a string`);
    return value;
  };
  const decode = (value: string): string => {
    try {
      return decodeURIComponent(value);
    } catch {
      throw new PackageError('bad URI encoding');
    }
  };

  const pinField = field('pin');
  let pin: string | undefined;
  if (pinField !== undefined && pinField !== '') {
    try {
      pin = decodeURIComponent(pinField);
    } catch {
      pin = '\u0000'; // not digits: answered as a PIN-format error, like any other non-PIN
    }
  }
  const signatureType = (field('signatureType') ?? 'PKCS7').toUpperCase();
  if (signatureType !== 'PKCS7' && signatureType !== 'PKCS1') throw new PackageError('signatureType');
  const hash = HASHES[(field('hashAlgorithm') ?? 'SHA256').toUpperCase().replace('-', '')];
  if (!hash) throw new PackageError('hashAlgorithm'); // SHA1 is refused: nothing should be signed with it now
  const encoding = (field('tbsEncoding') ?? 'NONE').toUpperCase();
  const tbsField = field('tbs');
  if (tbsField === undefined || tbsField === '') throw new PackageError('tbs');
  let tbsBytes: Uint8Array;
  if (encoding === 'NONE') tbsBytes = new TextEncoder().encode(decode(tbsField));
  else if (encoding === 'BASE64') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(tbsField)) throw new PackageError('tbs base64');
    tbsBytes = new Uint8Array(Buffer.from(tbsField, 'base64'));
  } else throw new PackageError('tbsEncoding');
  if (tbsBytes.length === 0 || tbsBytes.length > 64 * 1024) throw new PackageError('tbs size');
  const nonceField = field('nonce');
  const withCardSN = (field('withCardSN') ?? 'false').toLowerCase() === 'true';
  const slotDescription = field('slotDescription') || undefined;

  return {
    pin,
    signatureType: signatureType as 'PKCS7' | 'PKCS1',
    hash,
    tbsBytes,
    withCardSN,
    slotDescription,
    /** The CMS encapsulates text: a base64 tbs must then be UTF-8. */
    tbsText(): string {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(tbsBytes);
      } catch {
        throw new PackageError('tbs is not UTF-8');
      }
    },
    /** The nonce text is the hex of the nonce bytes (decided here; DESIGN.md says only "32-byte nonce"). */
    nonce(): Uint8Array {
      if (nonceField === undefined || !NONCE_PATTERN.test(nonceField)) throw new PackageError('nonce');
      return new Uint8Array(Buffer.from(nonceField, 'hex'));
    },
  };
}

/** The reader (by slotDescription, else the first with a card), then its signing certificate. */
function chooseCertificate(slots: readonly SlotInfo[], slotDescription: string | undefined) {
  if (slots.length === 0) throw tokenError(RET.NO_READER);
  const candidates = slotDescription === undefined ? slots : slots.filter((s) => s.description === slotDescription);
  if (candidates.length === 0) throw tokenError(RET.NO_READER);
  const slot = candidates.find((s) => s.token);
  if (!slot?.token) throw tokenError(RET.NO_CARD);
  const described = slot.token.certificates.map((certificate) => ({ certificate, d: describeCertificate(certificate) }));
  const pick = described.find((c) => c.d.forSigning) ?? described[0];
  if (!pick) throw tokenError(RET.NO_CARD);
  return { token: slot.token, certificate: pick.certificate, notAfter: pick.d.notAfter, notBefore: pick.d.notBefore };
}

function tokenError(retCode: typeof RET.NO_READER | typeof RET.NO_CARD): TokenError {
  return new TokenError(retCode, LAST_ERROR.NONE, retCode === RET.NO_READER ? 'no such reader' : 'no card with a certificate');
}
