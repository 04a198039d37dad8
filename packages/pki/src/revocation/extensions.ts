/**
 * The certificate extensions revocation checking reads: where to ask (AIA, CRL distribution points) and what a
 * responder certificate may do (EKU, key usage, basic constraints). Parsed strictly through ../certificate.ts,
 * so a malformed extension is ERR_PKI_MALFORMED, never a silently empty answer (pkijs's `parsedValue` swallows
 * parse errors, hence not used).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseDer, parseWith } from '../certificate';
import { PkiError } from '../errors';
import { OID } from '../oids';

/** GeneralName CHOICE tag of uniformResourceIdentifier (RFC 5280 §4.2.1.6). */
const GENERAL_NAME_URI = 6;
const MAX_EXTENSION_BYTES = 64 * 1024;

/** The single extension with this OID, or undefined; a repeated extension is malformed (RFC 5280 §4.2). */
export function findExtension(extensions: readonly pkijs.Extension[] | undefined, oid: string, what: string): pkijs.Extension | undefined {
  const found = (extensions ?? []).filter((e) => e.extnID === oid);
  if (found.length > 1) throw new PkiError('ERR_PKI_MALFORMED', `${what}: extension ${oid} appears ${found.length} times`);
  return found[0];
}

/** Parses an extension's value with a pkijs class; any structural error is ERR_PKI_MALFORMED. */
export function parseExtension<T>(extension: pkijs.Extension, what: string, build: (schema: ReturnType<typeof parseDer>) => T): T {
  const schema = parseDer(extension.extnValue.valueBlock.valueHexView, `${what} ${extension.extnID}`, MAX_EXTENSION_BYTES);
  return parseWith(`${what} ${extension.extnID}`, () => build(schema));
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** OCSP responder URLs from authorityInfoAccess id-ad-ocsp (RFC 5280 §4.2.2.1, RFC 6960 §3.1), http(s) only. */
export function ocspUrls(certificate: pkijs.Certificate): string[] {
  const ext = findExtension(certificate.extensions, OID.authorityInfoAccess, 'certificate');
  if (!ext) return [];
  const aia = parseExtension(ext, 'certificate', (schema) => new pkijs.InfoAccess({ schema }));
  return aia.accessDescriptions
    .filter((d) => d.accessMethod === OID.ocsp && d.accessLocation.type === GENERAL_NAME_URI)
    .map((d) => d.accessLocation.value as unknown)
    .filter(isHttpUrl);
}

/**
 * CRL URLs from cRLDistributionPoints (RFC 5280 §4.2.1.13), http(s) fullName URIs only. A distribution point
 * limited to some reasons, or whose CRL another authority issues (cRLIssuer), cannot alone show that a
 * certificate is not revoked, so it is skipped (failing closed if nothing else is left).
 */
export function crlUrls(certificate: pkijs.Certificate): string[] {
  const ext = findExtension(certificate.extensions, OID.crlDistributionPoints, 'certificate');
  if (!ext) return [];
  const cdp = parseExtension(ext, 'certificate', (schema) => new pkijs.CRLDistributionPoints({ schema }));
  const urls: string[] = [];
  for (const dp of cdp.distributionPoints) {
    if (dp.reasons !== undefined || dp.cRLIssuer !== undefined) continue;
    if (!Array.isArray(dp.distributionPoint)) continue; // nameRelativeToCRLIssuer: no URL to fetch
    for (const name of dp.distributionPoint) if (name.type === GENERAL_NAME_URI && isHttpUrl(name.value)) urls.push(name.value);
  }
  return urls;
}

/** The certificate's extended key usages, or undefined when it has no EKU extension. */
export function extendedKeyUsages(certificate: pkijs.Certificate, what: string): string[] | undefined {
  const ext = findExtension(certificate.extensions, OID.extKeyUsage, what);
  if (!ext) return undefined;
  return parseExtension(ext, what, (schema) => new pkijs.ExtKeyUsage({ schema })).keyPurposes;
}

/** KeyUsage bits (RFC 5280 §4.2.1.3) revocation checking asks about. */
export const KEY_USAGE = { digitalSignature: 0, cRLSign: 6 } as const;

/** True unless a keyUsage extension is present without this bit (RFC 5280 §4.2.1.3). */
export function keyUsageAllows(certificate: pkijs.Certificate, bit: number, what: string): boolean {
  const ext = findExtension(certificate.extensions, OID.keyUsage, what);
  if (!ext) return true;
  const bits = parseExtension(ext, what, (schema) => {
    if (!(schema instanceof asn1js.BitString)) throw new Error('keyUsage is not a BIT STRING');
    return schema.valueBlock.valueHexView;
  });
  return (((bits[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) === 1;
}

/** True when basicConstraints says cA (RFC 5280 §4.2.1.9). */
export function isCaCertificate(certificate: pkijs.Certificate, what: string): boolean {
  const ext = findExtension(certificate.extensions, OID.basicConstraints, what);
  if (!ext) return false;
  return parseExtension(ext, what, (schema) => new pkijs.BasicConstraints({ schema })).cA === true;
}
