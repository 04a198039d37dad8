/**
 * Reading the certificate extensions path validation needs (RFC 5280 §4.2), strictly: each value must be one
 * complete DER value of the right shape, and an extension may appear only once (§4.2: "A certificate MUST NOT
 * include more than one instance of a particular extension"). pkijs parses extension values lazily and keeps
 * going with an empty object when a value is garbage; here garbage is ERR_PKI_MALFORMED, so a certificate
 * whose constraints cannot be read is never taken to have none.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { MAX_CERTIFICATE_BYTES, parseDer, parseWith } from '../certificate';
import { PkiError } from '../errors';
import { OID, KEY_USAGE_BITS, type KeyUsageName } from '../oids';


/**
 * The extensions this code understands when they are marked critical (RFC 5280 §6.1.4(o), §4.2: "A certificate
 * -using system MUST reject the certificate if it encounters a critical extension it does not recognize").
 * nameConstraints is deliberately absent: it is not implemented, so a path that carries it is refused
 * (see validate.ts). policyMappings is understood in the sense that mapped policies are never followed
 * (policies.ts), which can only make a path fail, never pass.
 */
export const KNOWN_CRITICAL_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.certificatePolicies,
  OID.policyConstraints,
  OID.inhibitAnyPolicy,
  OID.policyMappings,
  OID.subjectAltName,
  OID.subjectDirectoryAttributes,
  OID.authorityKeyIdentifier,
  OID.subjectKeyIdentifier,
  OID.crlDistributionPoints,
  OID.authorityInfoAccess,
]);

export interface ExtensionEntry {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

export interface BasicConstraintsValue {
  readonly critical: boolean;
  readonly cA: boolean;
  /** Absent means no limit (RFC 5280 §4.2.1.9). */
  readonly pathLenConstraint: number | undefined;
}

export interface AuthorityKeyIdValue {
  /** Lower-case hex, no separators. */
  readonly keyIdentifier: string | undefined;
  /** Lower-case hex of the issuer certificate's serial number, when the AKI names it. */
  readonly serialNumber: string | undefined;
}

/** What path validation reads from one certificate, parsed once. */
export interface CertificateExtensions {
  readonly all: readonly ExtensionEntry[];
  readonly basicConstraints: BasicConstraintsValue | undefined;
  readonly keyUsage: ReadonlySet<KeyUsageName> | undefined;
  readonly extKeyUsage: readonly string[] | undefined;
  /** Policy OIDs of certificatePolicies, in order, or undefined when the extension is absent. */
  readonly policies: readonly string[] | undefined;
  readonly authorityKeyId: AuthorityKeyIdValue | undefined;
  /** Lower-case hex, no separators. */
  readonly subjectKeyId: string | undefined;
  /** inhibitAnyPolicy SkipCerts (RFC 5280 §4.2.1.14). */
  readonly inhibitAnyPolicy: number | undefined;
  readonly nameConstraints: { readonly critical: boolean } | undefined;
}

export function hex(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
}

/** `47:20:A3…`, `4720a3…` → `4720a3…`; TypeError when it is not an even run of hex digits. */
export function normalizeKeyId(text: string, what: string): string {
  const clean = text.replace(/[\s:]/g, '').toLowerCase();
  if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-f]+$/.test(clean)) {
    throw new TypeError(`${what}: "${text}" is not a hexadecimal key identifier`);
  }
  return clean;
}

function malformed(what: string, detail: string): never {
  throw new PkiError('ERR_PKI_MALFORMED', `${what}: ${detail}`);
}

function parseValue(entry: ExtensionEntry, what: string): asn1js.AsnType {
  return parseDer(entry.value, `${what} extension ${entry.oid}`, MAX_CERTIFICATE_BYTES);
}

function smallInteger(value: unknown, what: string): number {
  if (!(value instanceof asn1js.Integer)) malformed(what, 'expected an INTEGER');
  const big = value.toBigInt();
  if (big < 0n || big > 1_000_000n) malformed(what, `integer ${big} out of range`);
  return Number(big);
}

function readKeyUsage(entry: ExtensionEntry, what: string): Set<KeyUsageName> {
  const value = parseValue(entry, what);
  if (!(value instanceof asn1js.BitString) || value.idBlock.isConstructed) malformed(what, 'keyUsage is not a primitive BIT STRING');
  const bytes = value.valueBlock.valueHexView;
  const unused = value.valueBlock.unusedBits;
  if (unused > 7 || (bytes.length === 0 && unused !== 0)) malformed(what, 'keyUsage has a bad unused-bits count');
  const set = new Set<KeyUsageName>();
  for (const [name, bit] of Object.entries(KEY_USAGE_BITS) as [KeyUsageName, number][]) {
    const byte = bytes[bit >> 3];
    // Bits past the end, or within the unused tail, are zero.
    if (byte === undefined || (bit >> 3 === bytes.length - 1 && (bit & 7) >= 8 - unused)) continue;
    if (byte & (0x80 >> (bit & 7))) set.add(name);
  }
  return set;
}

function readOctetString(entry: ExtensionEntry, what: string): string {
  const value = parseValue(entry, what);
  if (!(value instanceof asn1js.OctetString) || value.idBlock.isConstructed) malformed(what, 'subjectKeyIdentifier is not an OCTET STRING');
  return hex(value.valueBlock.valueHexView);
}

/**
 * Parses the extensions of `cert`. Throws ERR_PKI_MALFORMED for duplicated extensions or values that do not
 * parse as their RFC 5280 syntax. Callers keep the result (see cert-info.ts) rather than parse twice.
 */
export function readExtensions(cert: pkijs.Certificate, what = 'certificate'): CertificateExtensions {
  const all: ExtensionEntry[] = [];
  const seen = new Set<string>();
  for (const ext of cert.extensions ?? []) {
    if (seen.has(ext.extnID)) malformed(what, `extension ${ext.extnID} appears twice`);
    seen.add(ext.extnID);
    all.push({ oid: ext.extnID, critical: ext.critical === true, value: ext.extnValue.valueBlock.valueHexView });
  }
  if (all.length > 0 && cert.version !== 2) malformed(what, 'extensions in a certificate that is not version 3');
  const byOid = (oid: string) => all.find((e) => e.oid === oid);

  let basicConstraints: BasicConstraintsValue | undefined;
  const bcEntry = byOid(OID.basicConstraints);
  if (bcEntry) {
    const bc = parseWith(`${what} basicConstraints`, () => new pkijs.BasicConstraints({ schema: parseValue(bcEntry, what) }));
    const raw = bc.pathLenConstraint;
    const pathLen = raw === undefined ? undefined : typeof raw === 'number' ? raw : smallInteger(raw, `${what} pathLenConstraint`);
    if (pathLen !== undefined && (!Number.isInteger(pathLen) || pathLen < 0)) malformed(what, 'negative pathLenConstraint');
    basicConstraints = { critical: bcEntry.critical, cA: bc.cA === true, pathLenConstraint: pathLen };
  }

  const kuEntry = byOid(OID.keyUsage);
  const keyUsage = kuEntry ? readKeyUsage(kuEntry, what) : undefined;

  const ekuEntry = byOid(OID.extKeyUsage);
  const extKeyUsage = ekuEntry
    ? parseWith(`${what} extKeyUsage`, () => new pkijs.ExtKeyUsage({ schema: parseValue(ekuEntry, what) })).keyPurposes.slice()
    : undefined;

  const cpEntry = byOid(OID.certificatePolicies);
  const policies = cpEntry
    ? parseWith(`${what} certificatePolicies`, () => new pkijs.CertificatePolicies({ schema: parseValue(cpEntry, what) })).certificatePolicies.map(
        (p) => p.policyIdentifier,
      )
    : undefined;
  if (policies && policies.length === 0) malformed(what, 'empty certificatePolicies');

  let authorityKeyId: AuthorityKeyIdValue | undefined;
  const akiEntry = byOid(OID.authorityKeyIdentifier);
  if (akiEntry) {
    const aki = parseWith(`${what} authorityKeyIdentifier`, () => new pkijs.AuthorityKeyIdentifier({ schema: parseValue(akiEntry, what) }));
    authorityKeyId = {
      keyIdentifier: aki.keyIdentifier ? hex(aki.keyIdentifier.valueBlock.valueHexView) : undefined,
      serialNumber: aki.authorityCertSerialNumber ? hex(aki.authorityCertSerialNumber.valueBlock.valueHexView) : undefined,
    };
  }

  const skiEntry = byOid(OID.subjectKeyIdentifier);
  const subjectKeyId = skiEntry ? readOctetString(skiEntry, what) : undefined;

  const iapEntry = byOid(OID.inhibitAnyPolicy);
  const inhibitAnyPolicy = iapEntry ? smallInteger(parseValue(iapEntry, what), `${what} inhibitAnyPolicy`) : undefined;

  // Parsed only so that a garbled value is refused rather than ignored.
  const pcEntry = byOid(OID.policyConstraints);
  if (pcEntry) parseWith(`${what} policyConstraints`, () => new pkijs.PolicyConstraints({ schema: parseValue(pcEntry, what) }));
  const pmEntry = byOid(OID.policyMappings);
  if (pmEntry) parseWith(`${what} policyMappings`, () => new pkijs.PolicyMappings({ schema: parseValue(pmEntry, what) }));

  const ncEntry = byOid(OID.nameConstraints);
  const result: CertificateExtensions = {
    all,
    basicConstraints,
    keyUsage,
    extKeyUsage,
    policies,
    authorityKeyId,
    subjectKeyId,
    inhibitAnyPolicy,
    nameConstraints: ncEntry ? { critical: ncEntry.critical } : undefined,
  };
  return result;
}

/** Critical extensions that this code does not process. */
export function unknownCriticalExtensions(extensions: CertificateExtensions): string[] {
  return extensions.all.filter((e) => e.critical && !KNOWN_CRITICAL_EXTENSIONS.has(e.oid)).map((e) => e.oid);
}
