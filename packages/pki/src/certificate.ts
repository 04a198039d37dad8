/**
 * Parsing certificates and other DER safely: size-capped, and every parser failure (asn1js, pkijs, base64)
 * becomes PkiError('ERR_PKI_MALFORMED'), so untrusted input can only ever produce a typed error.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PkiError } from './errors';

/** A card certificate is 1–2 KiB; CA certificates up to a few. Anything much larger is not a certificate. */
export const MAX_CERTIFICATE_BYTES = 16 * 1024;
/** CMS SignedData over a short challenge with its certificate: a few KiB. */
export const MAX_SIGNED_DATA_BYTES = 64 * 1024;

/** Decodes standard or URL-safe base64 strictly (the component sends standard base64). */
export function decodeBase64(text: string, what: string, maxBytes: number): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length === 0 || clean.length > Math.ceil((maxBytes * 4) / 3) + 4) {
    throw new PkiError(clean.length === 0 ? 'ERR_PKI_MALFORMED' : 'ERR_PKI_INPUT_TOO_LARGE', `${what}: ${clean.length} base64 characters`);
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(clean)) throw new PkiError('ERR_PKI_MALFORMED', `${what}: not base64`);
  return new Uint8Array(Buffer.from(clean, clean.includes('-') || clean.includes('_') ? 'base64url' : 'base64'));
}

/** Parses one DER value fully; trailing bytes or a parse error are malformed input. */
export function parseDer(der: Uint8Array, what: string, maxBytes: number): asn1js.AsnType {
  if (der.byteLength > maxBytes) throw new PkiError('ERR_PKI_INPUT_TOO_LARGE', `${what}: ${der.byteLength} bytes`);
  if (der.byteLength === 0) throw new PkiError('ERR_PKI_MALFORMED', `${what}: empty`);
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(der);
  } catch (err) {
    throw new PkiError('ERR_PKI_MALFORMED', `${what}: ${(err as Error).message}`, { cause: err });
  }
  if (parsed.offset === -1 || parsed.offset !== der.byteLength) {
    throw new PkiError('ERR_PKI_MALFORMED', `${what}: ${parsed.result.error || 'trailing or truncated data'}`);
  }
  return parsed.result;
}

/** Runs a pkijs constructor (or anything that throws on bad structure) and types its failure. */
export function parseWith<T>(what: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof PkiError) throw err;
    throw new PkiError('ERR_PKI_MALFORMED', `${what}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
}

export function parseCertificate(der: Uint8Array, what = 'certificate'): pkijs.Certificate {
  const schema = parseDer(der, what, MAX_CERTIFICATE_BYTES);
  return parseWith(what, () => new pkijs.Certificate({ schema }));
}

/** Certificates from PEM text (one or many); for trust-anchor folders and operator tools. */
export function certificatesFromPem(pem: string, what = 'PEM'): pkijs.Certificate[] {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0) throw new PkiError('ERR_PKI_MALFORMED', `${what}: no certificate`);
  return blocks.map((b, i) => parseCertificate(decodeBase64(b[1] ?? '', `${what} #${i + 1}`, MAX_CERTIFICATE_BYTES), `${what} #${i + 1}`));
}

export function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trim();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
