/**
 * A certificate together with what path building and validation read from it, parsed once: its exact DER,
 * its extensions, whether it is self-issued, and a label for messages.
 */
import * as pkijs from 'pkijs';
import { parseCertificate } from '../certificate';
import { readExtensions, type CertificateExtensions } from './extensions';
import { nameToString, namesMatch } from './names';

export interface PathCertificate {
  readonly certificate: pkijs.Certificate;
  /** The certificate as received (never re-encoded: a re-encoding may not be what was signed). */
  readonly der: Uint8Array;
  readonly extensions: CertificateExtensions;
  /** The SubjectPublicKeyInfo, DER: two certificates with the same name and this are the same CA key. */
  readonly publicKeyInfo: Uint8Array;
  /** Subject and issuer names match (RFC 5280 §6.1: "self-issued"). Says nothing about the signature. */
  readonly selfIssued: boolean;
  /** For messages: where it came from and its subject. */
  readonly label: string;
}

/** The DER the certificate was parsed from (pkijs keeps the original TBS bytes when toSchema(false)). */
export function originalDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(false).toBER(false));
}

/**
 * Parses (when given bytes) and describes a certificate. Untrusted input fails with PkiError
 * ('ERR_PKI_MALFORMED' / 'ERR_PKI_INPUT_TOO_LARGE') only.
 */
export function pathCertificate(input: pkijs.Certificate | Uint8Array, source: string): PathCertificate {
  const certificate = input instanceof Uint8Array ? parseCertificate(input, source) : input;
  const der = input instanceof Uint8Array ? input : originalDer(certificate);
  const subject = nameToString(certificate.subject);
  return {
    certificate,
    der,
    publicKeyInfo: new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER(false)),
    extensions: readExtensions(certificate, `${source} (${subject})`),
    selfIssued: namesMatch(certificate.subject, certificate.issuer),
    label: `${source} (${subject})`,
  };
}

export function sameCertificate(a: PathCertificate, b: PathCertificate): boolean {
  return Buffer.from(a.der).equals(Buffer.from(b.der));
}
