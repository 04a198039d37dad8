/**
 * `issueCard(dir, options)`: a card certificate from the development CA, with the profile of a real card —
 * for a key made here (written as PEM files, a PKCS#12 file, or returned in memory) or for a key generated on a
 * PKCS#11 token, with the certificate written back onto the token.
 *
 * Card profile (RFC 5280 section in brackets):
 *  - subject: C=TW, CN=<name> (UTF8String, or BMPString on request; exact characters) [§4.1.2.6];
 *    business cards add serialNumber=<統一編號>, agency cards O=行政院.
 *  - AKI = the issuer's SKI [§4.2.1.1], SKI [§4.2.1.2].
 *  - keyUsage digitalSignature + nonRepudiation, critical [§4.2.1.3]: what the signature certificate of a
 *    citizen card is commonly described as carrying (not checked here against a real card certificate — none is
 *    in shared/reference/); the verifier requires only digitalSignature. `keyUsage` overrides it for tests.
 *  - certificatePolicies: the issuer's (2.16.886.101.0.3.3) [§4.2.1.4].
 *  - subjectDirectoryAttributes [§4.2.1.8]: citizen — 2.16.886.1.100.2.51 = the last four ID digits (never the
 *    full number: it appears nowhere in the certificate or the CA's files); business — 2.16.886.1.100.2.101 =
 *    the 統一編號.
 *  - CRL distribution point and AIA (caIssuers, OCSP) at the development responder [§4.2.1.13, §4.2.2.1].
 *  - validity: 5 years by default, as a physical citizen card (內政部: 實體自然人憑證有效期為5年).
 *
 * @example
 *   await issueCard('./data/devca', { kind: 'citizen', name: '王小明', id: 'A123456789',
 *     output: { to: 'pkcs12', file: 'card.p12', password: 'secret' } });
 */
import { randomBytes } from 'node:crypto';
import { checkTwId } from '@menhu/protocol';
import * as pkijs from 'pkijs';
import { certificateDer, toPem } from '../certificate';
import { OID } from '../oids';
import { systemClock, type Clock } from '../ports';
import { addYears, certify, earlier, serialHex, spkiOfKey, wholeSeconds } from './certify';
import { DevCaError } from './errors';
import { algorithmSpec, generateKeyPair, isKeyAlgorithm, keyAlgorithmOfSpki, privateKeyToPem, privateKeyToPkcs8, type KeyAlgorithm } from './keys';
import { buildPkcs12 } from './pkcs12';
import { deleteKeyPair, generateKeyOnToken, objectIds, writeCertificateToToken, type TokenTarget } from './pkcs11-tool';
import {
  CARD_ISSUER,
  CARD_KINDS,
  ISSUER_POLICIES,
  KEY_USAGE_BITS,
  authorityKeyIdentifier,
  cardSubject,
  certificatePolicies,
  extendedKeyUsage,
  keyUsage,
  nameToText,
  revocationPointers,
  subjectDirectoryAttributes,
  subjectKeyIdentifier,
  type CardKind,
  type IssuerId,
  type KeyUsageName,
  type NameEncoding,
} from './profile';
import { exists, loadCa, newSerial, paths, readState, updateState, writeNewFile } from './store';

export type CardOutput =
  /** PKCS#8 PEM key (mode 0600, unencrypted: development only) and PEM certificate. */
  | { readonly to: 'files'; readonly keyFile: string; readonly certFile: string }
  /** A PKCS#12 file with the key, the certificate and the issuer chain. */
  | { readonly to: 'pkcs12'; readonly file: string; readonly password: string }
  /** A key pair generated on a PKCS#11 token, the certificate written back with the same CKA_ID. */
  | ({ readonly to: 'token'; /** CKA_ID in hex; default 8 random bytes. */ readonly keyId?: string; /** CKA_LABEL; default the holder's name. */ readonly label?: string } & TokenTarget)
  /** Nothing written but the CA's record; the key comes back in the result (for tests). */
  | { readonly to: 'memory' };

export interface IssueCardOptions {
  readonly kind: CardKind;
  /** The holder's name, kept exactly (rare characters included). At most 64 characters (RFC 5280 ub-common-name). */
  readonly name: string;
  /** Citizen cards: the full national ID or resident certificate number; only its last four digits are used. */
  readonly id?: string;
  /** Business cards: the 8-digit 統一編號. */
  readonly businessId?: string;
  /** Default `rsa-2048`, as real citizen cards; `ec-p256` (and the larger sizes) for tests of other algorithms. */
  readonly keyAlgorithm?: KeyAlgorithm;
  /** Default: from 5 minutes ago, for 5 years (or `days`), never past the issuer's own end unless given. */
  readonly validity?: { readonly notBefore?: Date; readonly notAfter?: Date; readonly days?: number };
  /** CN as UTF8String (default) or BMPString. */
  readonly nameEncoding?: NameEncoding;
  /** For tests of the verifier's checks: other key usages, an extended key usage, other policies. */
  readonly keyUsage?: readonly KeyUsageName[];
  readonly extendedKeyUsage?: readonly string[];
  readonly policies?: readonly string[];
  readonly output: CardOutput;
  readonly clock?: Clock;
}

export interface IssuedCard {
  readonly serial: string;
  readonly kind: CardKind;
  readonly issuer: IssuerId;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly certificatePem: string;
  readonly certificateDer: Uint8Array;
  /** Only for output `memory`. */
  readonly privateKeyPem?: string;
  /** Files written (besides the CA's own copy under issued/). */
  readonly files: readonly string[];
  readonly token?: { readonly tokenLabel: string; readonly keyId: string; readonly label: string };
}

const CARD_YEARS = 5;
const BACKDATE_MS = 5 * 60_000;
const MAX_NAME_LENGTH = 64; // RFC 5280 Appendix A: ub-common-name

function bad(message: string): DevCaError {
  return new DevCaError('ERR_DEVCA_BAD_OPTION', message);
}

interface CheckedOptions {
  readonly sda: ReadonlyArray<readonly [string, string]>;
  readonly keyAlgorithm: KeyAlgorithm;
}

function check(options: IssueCardOptions): CheckedOptions {
  const { kind, name } = options;
  if (!(CARD_KINDS as readonly string[]).includes(kind)) throw bad(`card kind must be one of ${CARD_KINDS.join(', ')}, not "${kind}"`);
  if (typeof name !== 'string' || name.trim() === '') throw bad('the holder\'s name is missing');
  if (/[\u0000-\u001f\u007f]/.test(name)) throw bad('the holder\'s name contains control characters');
  if ([...name].length > MAX_NAME_LENGTH) throw bad(`the holder's name is longer than ${MAX_NAME_LENGTH} characters`);
  if (options.nameEncoding === 'bmp' && [...name].some((c) => c.codePointAt(0)! > 0xffff)) {
    throw bad('the name has characters outside the Basic Multilingual Plane, which a BMPString cannot hold; use UTF8String');
  }
  const keyAlgorithm = options.keyAlgorithm ?? 'rsa-2048';
  if (!isKeyAlgorithm(keyAlgorithm)) throw bad(`unknown key algorithm "${String(keyAlgorithm)}"`);
  for (const usage of options.keyUsage ?? []) if (!Object.hasOwn(KEY_USAGE_BITS, usage)) throw bad(`unknown key usage "${usage}"`);

  const sda: [string, string][] = [];
  if (kind === 'citizen') {
    if (!options.id) throw bad('a citizen card needs the holder\'s ID number (--id)');
    const checked = checkTwId(options.id);
    if (!checked.valid) throw bad(`"${options.id}" is not a valid Taiwan ID or resident certificate number (${checked.reason})`);
    sda.push([OID.idLastFour, checked.normalised.slice(-4)]);
  } else if (options.id) {
    throw bad('an ID number belongs only on a citizen card');
  }
  if (kind === 'business') {
    if (!options.businessId || !/^\d{8}$/.test(options.businessId)) throw bad('a business card needs the 8-digit 統一編號 (--business-id)');
    sda.push([OID.businessId, options.businessId]);
  } else if (options.businessId) {
    throw bad('a 統一編號 belongs only on a business card');
  }

  const out = options.output;
  switch (out?.to) {
    case 'files':
      if (!out.keyFile || !out.certFile || out.keyFile === out.certFile) throw bad('give two different files for the key and the certificate');
      break;
    case 'pkcs12':
      if (!out.file) throw bad('give the PKCS#12 file to write');
      if (!out.password) throw bad('a PKCS#12 file needs a password');
      break;
    case 'token':
      if (!out.module || !out.tokenLabel || !out.pin) throw bad('a token needs the PKCS#11 module, the token label and the PIN');
      if (out.keyId !== undefined && !/^([0-9a-fA-F]{2})+$/.test(out.keyId)) throw bad(`key id "${out.keyId}" must be hexadecimal bytes, e.g. 01`);
      break;
    case 'memory':
      break;
    default:
      throw bad('choose where the card goes: key and certificate files, a PKCS#12 file, or a PKCS#11 token');
  }
  return { sda, keyAlgorithm };
}

export async function issueCard(dir: string, options: IssueCardOptions): Promise<IssuedCard> {
  const { sda, keyAlgorithm } = check(options);
  const clock = options.clock ?? systemClock;
  const out = options.output;
  const issuerId = CARD_ISSUER[options.kind];

  const state = await readState(dir);
  const issuer = await loadCa(dir, state, issuerId);
  const planned = out.to === 'files' ? [out.keyFile, out.certFile] : out.to === 'pkcs12' ? [out.file] : [];
  for (const file of planned) {
    if (await exists(file)) throw new DevCaError('ERR_DEVCA_FILE_EXISTS', `${file} exists already; choose another file name or remove it`);
  }

  const now = wholeSeconds(clock.now());
  const notBefore = options.validity?.notBefore ?? new Date(now.getTime() - BACKDATE_MS);
  const notAfter =
    options.validity?.notAfter ??
    earlier(options.validity?.days ? new Date(notBefore.getTime() + options.validity.days * 86_400_000) : addYears(notBefore, CARD_YEARS), issuer.certificate.notAfter.value);
  if (notAfter.getTime() <= notBefore.getTime()) throw bad('the certificate would end before it begins');

  // The key: made here, or on the token.
  let keys: CryptoKeyPair | undefined;
  let spki: pkijs.PublicKeyInfo;
  let token: { tokenLabel: string; keyId: string; label: string } | undefined;
  if (out.to === 'token') {
    const keyId = (out.keyId ?? randomBytes(8).toString('hex')).toLowerCase();
    const label = out.label ?? options.name;
    if ((await objectIds(out)).has(keyId)) {
      throw new DevCaError('ERR_DEVCA_KEY_ID_TAKEN', `token "${out.tokenLabel}" already holds objects with id ${keyId}; choose another key id`);
    }
    const der = await generateKeyOnToken(out, { keyType: algorithmSpec(keyAlgorithm).pkcs11KeyType, id: keyId, label });
    try {
      spki = pkijs.PublicKeyInfo.fromBER(der);
    } catch (err) {
      await deleteKeyPair(out, keyId);
      throw new DevCaError('ERR_DEVCA_TOKEN', `the public key read from token "${out.tokenLabel}" is not a SubjectPublicKeyInfo`, { cause: err });
    }
    if (keyAlgorithmOfSpki(spki) !== keyAlgorithm) {
      await deleteKeyPair(out, keyId);
      throw new DevCaError('ERR_DEVCA_TOKEN', `token "${out.tokenLabel}" made a ${keyAlgorithmOfSpki(spki) ?? 'different'} key, not ${keyAlgorithm}`);
    }
    token = { tokenLabel: out.tokenLabel, keyId, label };
  } else {
    keys = await generateKeyPair(keyAlgorithm);
    spki = await spkiOfKey(keys.publicKey);
  }

  const subject = cardSubject(options.kind, options.name, options.nameEncoding ?? 'utf8', options.businessId);
  const extensions = [
    authorityKeyIdentifier(issuer.certificate.subjectPublicKeyInfo),
    subjectKeyIdentifier(spki),
    keyUsage(options.keyUsage ?? ['digitalSignature', 'nonRepudiation']),
    certificatePolicies(options.policies ?? ISSUER_POLICIES[issuerId]),
    ...(sda.length > 0 ? [subjectDirectoryAttributes(sda)] : []),
    ...revocationPointers(state.baseUrl, issuerId),
    ...(options.extendedKeyUsage ? [extendedKeyUsage(options.extendedKeyUsage)] : []),
  ];
  const cert = await certify({
    serial: newSerial(),
    subject,
    spki,
    notBefore,
    notAfter,
    extensions,
    issuer: { certificate: issuer.certificate, key: issuer.key, keyAlgorithm: issuer.record.keyAlgorithm },
  });
  const der = certificateDer(cert);
  const pem = toPem(der);
  const serial = serialHex(cert);

  const files: string[] = [];
  let privateKeyPem: string | undefined;
  switch (out.to) {
    case 'files':
      await writeNewFile(out.keyFile, await privateKeyToPem(keys!.privateKey), 0o600);
      files.push(out.keyFile);
      await writeNewFile(out.certFile, pem);
      files.push(out.certFile);
      break;
    case 'pkcs12': {
      const root = await loadCa(dir, state, 'grca');
      const p12 = await buildPkcs12({
        privateKeyPkcs8: await privateKeyToPkcs8(keys!.privateKey),
        certificate: cert,
        chain: [issuer.certificate, root.certificate],
        password: out.password,
        friendlyName: options.name,
      });
      await writeNewFile(out.file, p12, 0o600);
      files.push(out.file);
      break;
    }
    case 'token':
      try {
        await writeCertificateToToken(out, { der, id: token!.keyId, label: token!.label });
      } catch (err) {
        await deleteKeyPair(out, token!.keyId);
        throw err;
      }
      break;
    case 'memory':
      privateKeyPem = await privateKeyToPem(keys!.privateKey);
      break;
  }

  await updateState(dir, async (s) => {
    await writeNewFile(paths.issued(dir, serial), pem);
    s.certificates.push({
      serial,
      issuer: issuerId,
      role: options.kind,
      subject: nameToText(subject),
      notBefore: cert.notBefore.value.toISOString(),
      notAfter: cert.notAfter.value.toISOString(),
      issuedAt: now.toISOString(),
    });
  });

  return {
    serial,
    kind: options.kind,
    issuer: issuerId,
    subject: nameToText(subject),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    certificatePem: pem,
    certificateDer: der,
    ...(privateKeyPem ? { privateKeyPem } : {}),
    files,
    ...(token ? { token } : {}),
  };
}
