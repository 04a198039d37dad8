/**
 * Naming certificates for revocation: the issuer key bytes that CertIDs and cache keys hash, serials as hex,
 * and a short description for error details. Also the two byte helpers the checks share.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type * as pkijs from 'pkijs';

export function hash(algorithm: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(data).digest());
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The BIT STRING value of subjectPublicKey, the bytes RFC 6960 §4.1.1 hashes into issuerKeyHash. */
export function issuerKeyBytes(issuer: pkijs.Certificate): Uint8Array {
  return issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
}

/**
 * What identifies an issuer for caching: its key, never its name (the MOICA generations share one name,
 * DESIGN.md "Revocation details"). SHA-256 of the subjectPublicKey value, in hex.
 */
export function issuerKeyId(issuer: pkijs.Certificate): string {
  return hex(hash('sha256', issuerKeyBytes(issuer)));
}

/** Serial number as lower-case hex of its DER content octets. */
export function serialHex(certificate: pkijs.Certificate): string {
  return hex(certificate.serialNumber.valueBlock.valueHexView);
}

/** A short name for details and logs: the subject's CN (or whole subject) and serial. */
export function describeCertificate(certificate: pkijs.Certificate): string {
  const values = certificate.subject.typesAndValues;
  const cn = values.find((t) => t.type === '2.5.4.3');
  const name = cn ? String(cn.value.valueBlock.value) : values.map((t) => String(t.value.valueBlock.value)).join(', ');
  return `"${name}" serial ${serialHex(certificate)}`;
}
