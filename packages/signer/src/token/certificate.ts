/**
 * Which of a token's certificates signs, and whether it may: rules shared by every token provider, applied
 * before the PIN is asked for so that an expired card spends no try.
 */
import { parseCertificate } from '@menhu/pki';
import { LAST_ERROR, RET } from '../codes';
import { TokenError, type TokenCertificate } from './types';

/** id-ce-keyUsage, RFC 5280 §4.2.1.3. */
const KEY_USAGE_OID = '2.5.29.15';

/** Whether the certificate's keyUsage has digitalSignature (bit 0, the first bit of the BIT STRING). */
export function hasDigitalSignature(der: Uint8Array): boolean {
  try {
    const cert = parseCertificate(der);
    const ext = cert.extensions?.find((e) => e.extnID === KEY_USAGE_OID);
    const bits: unknown = ext?.parsedValue;
    const view = (bits as { valueBlock?: { valueHexView?: Uint8Array } } | undefined)?.valueBlock?.valueHexView;
    return view !== undefined && view.length > 0 && (view[0]! & 0x80) !== 0;
  } catch {
    return false;
  }
}

/** The certificate's notAfter, or undefined when it cannot be read. */
export function notAfterOf(der: Uint8Array): Date | undefined {
  try {
    return parseCertificate(der).notAfter.value;
  } catch {
    return undefined;
  }
}

/**
 * The certificate to sign with: the one whose CKA_ID is `keyId` when given, else the first whose keyUsage has
 * digitalSignature (a citizen card also holds an encryption certificate), else the first.
 */
export function chooseSigningCertificate(certificates: readonly TokenCertificate[], keyId?: string): TokenCertificate {
  if (keyId !== undefined) {
    const wanted = keyId.toLowerCase();
    const found = certificates.find((c) => c.id.toLowerCase() === wanted);
    if (!found) throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `the card holds no certificate with key id ${keyId}`);
    return found;
  }
  const first = certificates.find((c) => hasDigitalSignature(c.der)) ?? certificates[0];
  if (!first) throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, 'the card holds no certificate');
  return first;
}

/** An expired certificate is refused before the PIN is asked for (HIPKI.md: 0x76500002). */
export function checkNotExpired(certificate: TokenCertificate, now: Date): void {
  const notAfter = notAfterOf(certificate.der);
  if (notAfter === undefined) throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, 'the card\'s certificate cannot be read');
  if (notAfter.getTime() < now.getTime()) {
    throw new TokenError(RET.CERT_EXPIRED, LAST_ERROR.NONE, `the card's certificate expired on ${notAfter.toISOString()}`);
  }
}
