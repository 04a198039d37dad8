/**
 * The trust store: the CA certificates card certificates may chain to (DESIGN.md "Card login",
 * TRUST_ANCHORS), and what each issuing CA's cards must look like.
 *
 * - Self-signed certificates are the trust anchors (roots). DESIGN.md "Revocation details": roots are the only
 *   anchors. Everything else is a known intermediate: a path may use it, but it is validated like any other
 *   certificate (signature, validity, CA constraints) and is never trusted for itself.
 * - Every file must hold CA certificates (basicConstraints cA=TRUE and keyUsage keyCertSign, RFC 5280 §4.2.1.9
 *   and §4.2.1.3); anything else is a configuration mistake and fails at load with a TypeError naming the file,
 *   so a bad TRUST_ANCHORS folder stops the server at start, not at the first login.
 *
 * @example
 *   const store = loadTrustStore(process.env.TRUST_ANCHORS!, {
 *     issuers: { '47:20:A3:B1:26:4B:CD:6D:48:AC:F2:64:08:86:97:2C:74:54:11:5F': { cardKind: 'citizen' } },
 *   });
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type * as pkijs from 'pkijs';
import { certificatesFromPem } from '../certificate';
import { isPkiError } from '../errors';
import { OID } from '../oids';
import { pathCertificate, sameCertificate, type PathCertificate } from './cert-info';
import { normalizeKeyId } from './extensions';
import { verifyCertificateSignature } from './signature';

export type IssuerCardKind = 'citizen' | 'business' | 'agency';
export const ISSUER_CARD_KINDS: readonly IssuerCardKind[] = ['citizen', 'business', 'agency'];

/** What the cards of one issuing CA must carry, and what they are. */
export interface IssuerProfile {
  /** citizen (MOICA 自然人憑證), business (MOEACA 工商憑證) or agency (GCA 政府憑證): decides the identity read. */
  readonly cardKind: IssuerCardKind;
  /** A card must assert at least one of these certificatePolicies (RFC 5280 §4.2.1.4). */
  readonly allowedPolicies: readonly string[];
  /** A card asserting any of these is refused, whatever else it asserts. */
  readonly disallowedPolicies: readonly string[];
  /**
   * When a card has extendedKeyUsage, it must include one of these (RFC 5280 §4.2.1.12). A card without the
   * extension is not restricted by it.
   */
  readonly extendedKeyUsages: readonly string[];
}

/**
 * Defaults for an issuer the configuration does not name: MOICA-G3's profile. Its CA certificate and its cards
 * carry the government PKI's class-3 assurance policy 2.16.886.101.0.3.3; login is a signature, so a card that
 * restricts its key with extendedKeyUsage must allow TLS client authentication (1.3.6.1.5.5.7.3.2), e-mail /
 * CMS signing (1.3.6.1.5.5.7.3.4) or any purpose (2.5.29.37.0).
 */
export const DEFAULT_ISSUER_PROFILE: IssuerProfile = Object.freeze({
  cardKind: 'citizen',
  allowedPolicies: Object.freeze([OID.gpkiClass3]),
  disallowedPolicies: Object.freeze([]),
  extendedKeyUsages: Object.freeze([OID.ekuClientAuth, OID.ekuEmailProtection, OID.anyExtendedKeyUsage]),
}) as IssuerProfile;

export interface TrustStoreOptions {
  /**
   * Per issuing CA, keyed by its SubjectKeyIdentifier in hex (`47:20:A3…` or `4720a3…`, any case). Each entry
   * is merged over `defaultProfile`. A key that names no CA in the store is a TypeError.
   */
  readonly issuers?: Readonly<Record<string, Partial<IssuerProfile>>>;
  /** For issuers `issuers` does not list; merged over DEFAULT_ISSUER_PROFILE. */
  readonly defaultProfile?: Partial<IssuerProfile>;
}

export interface TrustStore {
  /** Self-signed roots: where every path ends. */
  readonly anchors: readonly PathCertificate[];
  /** Known intermediate CAs that paths may use; validated, never trusted by themselves. */
  readonly intermediates: readonly PathCertificate[];
  /** The profile for cards issued by `issuer` (by its SubjectKeyIdentifier), else the default profile. */
  profileFor(issuer: PathCertificate): IssuerProfile;
  /** Whether `issuer` has its own entry in the configuration (not just the default profile). */
  hasOwnProfile(issuer: PathCertificate): boolean;
  isAnchor(cert: PathCertificate): boolean;
}

/** Certificate files read by loadTrustStore; other files (README.md, …) are ignored. */
export const TRUST_STORE_EXTENSIONS: readonly string[] = ['.pem', '.crt', '.cer', '.der'];
const MAX_FILE_BYTES = 1024 * 1024;

const DOTTED_OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;

function checkOids(list: unknown, what: string): readonly string[] {
  if (!Array.isArray(list) || !list.every((o) => typeof o === 'string' && DOTTED_OID.test(o))) {
    throw new TypeError(`${what}: expected an array of dotted OIDs`);
  }
  return Object.freeze([...(list as string[])]);
}

function makeProfile(base: IssuerProfile, over: Partial<IssuerProfile> | undefined, what: string): IssuerProfile {
  const merged = { ...base, ...(over ?? {}) };
  if (!ISSUER_CARD_KINDS.includes(merged.cardKind)) throw new TypeError(`${what}: cardKind must be one of ${ISSUER_CARD_KINDS.join(', ')}`);
  const profile: IssuerProfile = Object.freeze({
    cardKind: merged.cardKind,
    allowedPolicies: checkOids(merged.allowedPolicies, `${what}.allowedPolicies`),
    disallowedPolicies: checkOids(merged.disallowedPolicies, `${what}.disallowedPolicies`),
    extendedKeyUsages: checkOids(merged.extendedKeyUsages, `${what}.extendedKeyUsages`),
  });
  if (profile.allowedPolicies.length === 0) throw new TypeError(`${what}: allowedPolicies is empty, so no card could pass`);
  const both = profile.allowedPolicies.filter((p) => profile.disallowedPolicies.includes(p));
  if (both.length > 0) throw new TypeError(`${what}: ${both.join(', ')} both allowed and disallowed`);
  if (profile.extendedKeyUsages.length === 0) throw new TypeError(`${what}: extendedKeyUsages is empty`);
  return profile;
}

/** Why `cert` is not a CA certificate, or undefined when it is one. */
function notCaReason(cert: PathCertificate): string | undefined {
  const { basicConstraints, keyUsage } = cert.extensions;
  if (!basicConstraints?.cA) return 'not a CA certificate (no basicConstraints cA=TRUE)';
  if (!keyUsage?.has('keyCertSign')) return 'not a CA certificate (keyUsage lacks keyCertSign)';
  return undefined;
}

/**
 * A self-issued certificate whose key identifiers agree and whose signature verifies with its own key is a
 * root. A self-issued certificate signed by another key (a key-rollover certificate) is an intermediate. A
 * root's self-signature may use SHA-1, as roots of the older generations often do: it protects nothing — an
 * anchor is trusted because the operator put it here (RFC 5280 §6.1.1(d)) — and is checked only to sort roots
 * from rollover certificates and to catch a damaged file. An algorithm it cannot check is a TypeError.
 */
function isRoot(cert: PathCertificate, source: string): boolean {
  if (!cert.selfIssued) return false;
  const { authorityKeyId, subjectKeyId } = cert.extensions;
  if (authorityKeyId?.keyIdentifier && subjectKeyId && authorityKeyId.keyIdentifier !== subjectKeyId) return false;
  try {
    verifyCertificateSignature(cert, cert.certificate.subjectPublicKeyInfo, { allowSha1: true });
    return true;
  } catch (err) {
    if (isPkiError(err) && err.code === 'ERR_PKI_BAD_SIGNATURE') return false;
    throw new TypeError(`${source}: cannot check the self-signature: ${(err as Error).message}`, { cause: err });
  }
}

function build(entries: readonly PathCertificate[], options: TrustStoreOptions): TrustStore {
  const anchors: PathCertificate[] = [];
  const intermediates: PathCertificate[] = [];
  for (const cert of entries) {
    if ([...anchors, ...intermediates].some((c) => sameCertificate(c, cert))) continue;
    const reason = notCaReason(cert);
    if (reason) throw new TypeError(`${cert.label}: ${reason}`);
    (isRoot(cert, cert.label) ? anchors : intermediates).push(cert);
  }
  if (anchors.length === 0) throw new TypeError('trust store: no self-signed root certificate; paths must end at a root');

  const defaultProfile = makeProfile(DEFAULT_ISSUER_PROFILE, options.defaultProfile, 'defaultProfile');
  const profiles = new Map<string, IssuerProfile>();
  for (const [key, over] of Object.entries(options.issuers ?? {})) {
    const ski = normalizeKeyId(key, 'issuers');
    if (![...anchors, ...intermediates].some((c) => c.extensions.subjectKeyId === ski)) {
      throw new TypeError(`issuers["${key}"]: no CA certificate in the trust store has this subject key identifier`);
    }
    profiles.set(ski, makeProfile(defaultProfile, over, `issuers["${key}"]`));
  }

  return Object.freeze({
    anchors: Object.freeze(anchors),
    intermediates: Object.freeze(intermediates),
    profileFor(issuer: PathCertificate): IssuerProfile {
      const ski = issuer.extensions.subjectKeyId;
      return (ski && profiles.get(ski)) || defaultProfile;
    },
    hasOwnProfile(issuer: PathCertificate): boolean {
      const ski = issuer.extensions.subjectKeyId;
      return Boolean(ski && profiles.has(ski));
    },
    isAnchor(cert: PathCertificate): boolean {
      return anchors.some((a) => sameCertificate(a, cert));
    },
  });
}

function describeOrTypeError(input: pkijs.Certificate | Uint8Array, source: string): PathCertificate {
  try {
    return pathCertificate(input, source);
  } catch (err) {
    throw new TypeError(`${source}: not a readable certificate: ${(err as Error).message}`, { cause: err });
  }
}

function readCertificateFile(path: string, name: string): PathCertificate[] {
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES) throw new TypeError(`${name}: ${size} bytes is too large for a certificate file`);
  const bytes = readFileSync(path);
  const text = bytes.toString('latin1');
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw new TypeError(`${name}: holds a private key; a trust store holds certificates only`);
  if (text.includes('-----BEGIN')) {
    let certs: pkijs.Certificate[];
    try {
      certs = certificatesFromPem(text, name);
    } catch (err) {
      throw new TypeError(`${name}: not a PEM certificate file: ${(err as Error).message}`, { cause: err });
    }
    return certs.map((c, i) => describeOrTypeError(c, certs.length > 1 ? `${name} #${i + 1}` : name));
  }
  // DER: keep the file's bytes, they are what was signed.
  return [describeOrTypeError(new Uint8Array(bytes), name)];
}

/**
 * Reads every `.pem`, `.crt`, `.cer` and `.der` file of `dir` (PEM, possibly several certificates a file, or
 * DER), in name order. Throws TypeError, naming the file, for a file that is not a CA certificate, a private
 * key, a folder without any root, or an `options` mistake.
 */
export function loadTrustStore(dir: string, options: TrustStoreOptions = {}): TrustStore {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new TypeError(`trust store ${dir}: cannot read the folder: ${(err as Error).message}`, { cause: err });
  }
  const entries: PathCertificate[] = [];
  for (const name of names) {
    if (name.startsWith('.') || !TRUST_STORE_EXTENSIONS.includes(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    entries.push(...readCertificateFile(path, name));
  }
  return build(entries, options);
}

/** A trust store from certificates in memory (tests, the development CA). Same rules as loadTrustStore. */
export function trustStoreFrom(certs: readonly (pkijs.Certificate | Uint8Array)[], options: TrustStoreOptions = {}): TrustStore {
  return build(
    certs.map((c, i) => describeOrTypeError(c, `certs[${i}]`)),
    options,
  );
}
