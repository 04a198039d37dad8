/**
 * cardIdentity: who a card certificate says its holder is (DESIGN.md "Card login", step 4, "Then identity").
 * It reads; it does not trust. Call it only after the certificate's path, validity, purpose, policy and revocation
 * checks have passed — `kind` is a profile label among already-trusted issuers, never a trust decision.
 *
 *  - name: the subject's commonName, exactly as encoded — UTF8String, BMPString (read as UTF-16, so a surrogate
 *    pair some encoders put there survives), UniversalString, PrintableString, IA5String or VisibleString. Rare
 *    characters (難字), including those outside the BMP and in the private-use area, are returned as they are:
 *    never transliterated, normalised or replaced. A value that cannot be decoded exactly (invalid UTF-8, a lone
 *    surrogate, TeletexString, whose character set would have to be guessed) is ERR_PKI_MALFORMED.
 *  - idLastFour: subject directory attributes (2.5.29.9) attribute 2.16.886.1.100.2.51, four digits.
 *  - businessId (統一編號, eight digits): SDA attribute 2.16.886.1.100.2.101, and for a business certificate the
 *    subject's serialNumber (2.5.4.5). Only a business certificate's serialNumber is read: MOICA puts an unrelated
 *    number there. If both are present they must agree.
 *  - serial: the certificate serial number as upper-case hex without leading zeros (the form src/devca uses).
 *  - kind: from the issuer. First `issuerKinds`, keyed by the issuer's subject key identifier (which RFC 5280
 *    §4.2.1.1 puts in the card's authorityKeyIdentifier) — MOICA's generations share one name, so key identifiers
 *    are the reliable key. Then, unless disabled, a fallback on the issuer's name: an OU, O or CN that contains
 *    one of the ISSUER_NAME_KINDS names (so 經濟部工商憑證管理中心 and a development CA's marked name match too); if
 *    the issuer's name points at two different kinds, or at none, 'unknown'.
 * Malformed extensions, duplicated extensions or attributes, and values of the wrong shape: ERR_PKI_MALFORMED.
 *
 * @example
 * const issuerKinds = issuerKindsFromConfig({ '47:20:A3:B1:26:4B:CD:6D:48:AC:F2:64:08:86:97:2C:74:54:11:5F': 'citizen' }); // at boot
 * const id = cardIdentity(certificate, { issuerKinds });
 * // { kind: 'citizen', name: '王𡘙明', idLastFour: '6789', serial: 'AB12' }
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseDer, parseWith } from './certificate';
import { PkiError } from './errors';
import { OID } from './oids';

export type CardKind = 'citizen' | 'business' | 'agency' | 'unknown';
const CARD_KINDS: readonly CardKind[] = ['citizen', 'business', 'agency', 'unknown'];

export interface CardIdentity {
  readonly kind: CardKind;
  /** The subject's CN, exact. */
  readonly name: string;
  /** Last four digits of the holder's ID number (citizen certificates). */
  readonly idLastFour?: string;
  /** 統一編號 (business certificates). */
  readonly businessId?: string;
  /** Certificate serial number, upper-case hex without leading zeros. */
  readonly serial: string;
}

export interface CardIdentityOptions {
  /**
   * Issuer profile by the issuer's subject key identifier, as hex (case, ':' and whitespace ignored). Build it
   * once at start with issuerKindsFromConfig, so a bad entry fails there rather than at a citizen's login.
   */
  readonly issuerKinds?: ReadonlyMap<string, CardKind> | Readonly<Record<string, CardKind>>;
  /** Classify issuers missing from issuerKinds by name (ISSUER_NAME_KINDS). Default true. */
  readonly issuerNameFallback?: boolean;
}

/**
 * The fallback: how Taiwan's GPKI issuers name themselves (the real MOICA-G3 is C=TW, O=行政院, OU=內政部憑證管理中心;
 * MOEACA and GCA follow the same pattern). None of the three contains another, so containment is unambiguous.
 * A heuristic for development and small deployments: configure issuerKinds for production.
 */
export const ISSUER_NAME_KINDS: Readonly<Record<string, CardKind>> = {
  內政部憑證管理中心: 'citizen', // MOICA, citizen digital certificates (自然人憑證)
  工商憑證管理中心: 'business', // MOEACA, business certificates (工商憑證)
  政府憑證管理中心: 'agency', // GCA, government agency certificates (政府機關憑證)
};

/** X.520 / RFC 5280 attribute types read from names. */
const NAME_OID = { commonName: '2.5.4.3', serialNumber: '2.5.4.5', organization: '2.5.4.10', organizationalUnit: '2.5.4.11' } as const;

/** Validates and normalises an issuer→kind configuration (keys: hex key identifiers). A bad entry is a TypeError. */
export function issuerKindsFromConfig(config: ReadonlyMap<string, CardKind> | Readonly<Record<string, CardKind>>): ReadonlyMap<string, CardKind> {
  const entries = config instanceof Map ? [...config.entries()] : Object.entries(config);
  const normalised = new Map<string, CardKind>();
  for (const [rawKey, kind] of entries) {
    const key = String(rawKey).replace(/[\s:]/g, '').toLowerCase();
    if (!/^(?:[0-9a-f]{2})+$/.test(key)) throw new TypeError(`issuerKinds: ${JSON.stringify(rawKey)} is not a hex key identifier`);
    if (!CARD_KINDS.includes(kind)) throw new TypeError(`issuerKinds: ${JSON.stringify(kind)} is not one of ${CARD_KINDS.join(', ')}`);
    normalised.set(key, kind);
  }
  return normalised;
}

export function cardIdentity(cert: pkijs.Certificate, options: CardIdentityOptions = {}): CardIdentity {
  if (!(cert instanceof pkijs.Certificate)) throw new TypeError('cardIdentity: cert must be a pkijs.Certificate');
  const issuerKinds = options.issuerKinds ? issuerKindsFromConfig(options.issuerKinds) : new Map<string, CardKind>();
  const kind = kindOf(cert, issuerKinds, options.issuerNameFallback ?? true);

  const commonNames = cert.subject.typesAndValues.filter((tv) => tv.type === NAME_OID.commonName);
  if (commonNames.length !== 1) throw new PkiError('ERR_PKI_MALFORMED', `subject has ${commonNames.length} commonNames, not one`);
  const name = directoryString(commonNames[0]!.value, 'subject commonName');
  if (name.length === 0) throw new PkiError('ERR_PKI_MALFORMED', 'subject commonName is empty');

  const sda = subjectDirectoryAttributes(cert);
  const idLastFour = sdaDigits(sda, OID.idLastFour, 4, 'ID number last four digits');
  let businessId = sdaDigits(sda, OID.businessId, 8, '統一編號');
  if (kind === 'business') {
    const serialNumbers = cert.subject.typesAndValues.filter((tv) => tv.type === NAME_OID.serialNumber);
    if (serialNumbers.length > 1) throw new PkiError('ERR_PKI_MALFORMED', 'subject has more than one serialNumber');
    if (serialNumbers.length === 1) {
      const fromSubject = digits(directoryString(serialNumbers[0]!.value, 'subject serialNumber'), 8, 'subject serialNumber (統一編號)');
      if (businessId !== undefined && businessId !== fromSubject) {
        throw new PkiError('ERR_PKI_MALFORMED', 'subject serialNumber and subject directory attribute 統一編號 differ');
      }
      businessId = fromSubject;
    }
  }

  return {
    kind,
    name,
    ...(idLastFour !== undefined && { idLastFour }),
    ...(businessId !== undefined && { businessId }),
    serial: serialHex(cert),
  };
}

function kindOf(cert: pkijs.Certificate, issuerKinds: ReadonlyMap<string, CardKind>, nameFallback: boolean): CardKind {
  const issuerKeyId = authorityKeyIdentifier(cert);
  const configured = issuerKeyId === undefined ? undefined : issuerKinds.get(issuerKeyId);
  if (configured) return configured;
  if (!nameFallback) return 'unknown';
  const nameTypes: readonly string[] = [NAME_OID.organizationalUnit, NAME_OID.organization, NAME_OID.commonName];
  const kinds = new Set<CardKind>();
  for (const tv of cert.issuer.typesAndValues) {
    if (!nameTypes.includes(tv.type)) continue;
    let value: string;
    try {
      value = directoryString(tv.value, 'issuer name');
    } catch {
      continue; // the issuer's name is not part of the identity: an odd encoding there only loses the fallback
    }
    for (const [name, kind] of Object.entries(ISSUER_NAME_KINDS)) if (value.includes(name)) kinds.add(kind);
  }
  return kinds.size === 1 ? [...kinds][0]! : 'unknown';
}

/** The one extension with this OID, as its parsed extnValue; RFC 5280 §4.2: "MUST NOT include more than one". */
function extensionValue(cert: pkijs.Certificate, oid: string, what: string): asn1js.AsnType | undefined {
  const found = (cert.extensions ?? []).filter((e) => e.extnID === oid);
  if (found.length === 0) return undefined;
  if (found.length > 1) throw new PkiError('ERR_PKI_MALFORMED', `certificate has ${found.length} ${what} extensions`);
  return parseDer(found[0]!.extnValue.valueBlock.valueHexView, what, 16 * 1024);
}

/** RFC 5280 §4.2.1.1 keyIdentifier, lower-case hex; undefined when there is none. */
function authorityKeyIdentifier(cert: pkijs.Certificate): string | undefined {
  const schema = extensionValue(cert, OID.authorityKeyIdentifier, 'authorityKeyIdentifier');
  if (!schema) return undefined;
  const aki = parseWith('authorityKeyIdentifier', () => new pkijs.AuthorityKeyIdentifier({ schema }));
  const keyId = aki.keyIdentifier?.valueBlock.valueHexView;
  return keyId && keyId.length > 0 ? Buffer.from(keyId).toString('hex') : undefined;
}

/** RFC 5280 §4.2.1.8: SubjectDirectoryAttributes ::= SEQUENCE SIZE (1..MAX) OF Attribute; by type, each once. */
function subjectDirectoryAttributes(cert: pkijs.Certificate): ReadonlyMap<string, pkijs.Attribute> {
  const schema = extensionValue(cert, OID.subjectDirectoryAttributes, 'subjectDirectoryAttributes');
  const byType = new Map<string, pkijs.Attribute>();
  if (!schema) return byType;
  const sda = parseWith('subjectDirectoryAttributes', () => new pkijs.SubjectDirectoryAttributes({ schema }));
  for (const attribute of sda.attributes) {
    if (byType.has(attribute.type)) throw new PkiError('ERR_PKI_MALFORMED', `subject directory attribute ${attribute.type} appears more than once`);
    byType.set(attribute.type, attribute);
  }
  return byType;
}

function sdaDigits(sda: ReadonlyMap<string, pkijs.Attribute>, type: string, count: number, what: string): string | undefined {
  const attribute = sda.get(type);
  if (!attribute) return undefined;
  if (attribute.values.length !== 1) throw new PkiError('ERR_PKI_MALFORMED', `subject directory attribute ${type} has ${attribute.values.length} values, not one`);
  return digits(directoryString(attribute.values[0], `subject directory attribute ${type}`), count, what);
}

function digits(value: string, count: number, what: string): string {
  if (value.length !== count || !/^[0-9]+$/.test(value)) throw new PkiError('ERR_PKI_MALFORMED', `${what} is not ${count} digits`);
  return value;
}

/** Universal tag numbers of the string types read exactly (X.680 §41). */
const TAG = { utf8: 12, numeric: 18, printable: 19, teletex: 20, ia5: 22, universal: 28, bmp: 30, visible: 26 } as const;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const strictUtf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

/**
 * A DirectoryString (or the ASCII string types some CAs use), decoded from its bytes without any replacement:
 * asn1js's own decoding substitutes U+FFFD or raw bytes for invalid input, which must not become someone's name.
 */
function directoryString(value: unknown, what: string): string {
  const block = value instanceof asn1js.BaseBlock && value.idBlock.tagClass === 1 && !value.idBlock.isConstructed ? value : undefined;
  const bytes = block ? (block.valueBlock as unknown as { valueHexView?: Uint8Array }).valueHexView : undefined;
  if (!block || !bytes) throw new PkiError('ERR_PKI_MALFORMED', `${what} is not a primitive character string`);
  try {
    switch (block.idBlock.tagNumber) {
      case TAG.utf8:
        return strictUtf8.decode(bytes);
      case TAG.bmp: {
        if (bytes.length % 2 !== 0) break;
        // UTF-16BE: swap to little-endian for the decoder every Node build has; fatal on lone surrogates.
        const le = new Uint8Array(bytes.length);
        for (let i = 0; i < bytes.length; i += 2) {
          le[i] = bytes[i + 1]!;
          le[i + 1] = bytes[i]!;
        }
        return strictUtf16le.decode(le);
      }
      case TAG.universal: {
        if (bytes.length % 4 !== 0) break;
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const codePoints: number[] = [];
        for (let i = 0; i < bytes.length; i += 4) {
          const cp = view.getUint32(i);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new RangeError(`code point 0x${cp.toString(16)}`);
          codePoints.push(cp);
        }
        return String.fromCodePoint(...codePoints);
      }
      case TAG.numeric:
      case TAG.printable:
      case TAG.ia5:
      case TAG.visible:
        if (bytes.every((b) => b >= 0x20 && b <= 0x7e)) return String.fromCharCode(...bytes);
        break;
      default:
        // TeletexString and the rest: their character sets would have to be guessed.
        throw new PkiError('ERR_PKI_MALFORMED', `${what} uses an unsupported string type (universal tag ${block.idBlock.tagNumber})`);
    }
  } catch (err) {
    if (err instanceof PkiError) throw err;
    throw new PkiError('ERR_PKI_MALFORMED', `${what} cannot be decoded exactly`, { cause: err });
  }
  throw new PkiError('ERR_PKI_MALFORMED', `${what} cannot be decoded exactly`);
}

function serialHex(cert: pkijs.Certificate): string {
  return Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase().replace(/^0+(?=.)/, '');
}
