/** Signing one X.509 v3 certificate with pkijs: the step `init` and `issue` share. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { algorithmSpec, pkijsEngine, type KeyAlgorithm } from './keys';

/** ASN.1 times carry whole seconds (RFC 5280 §4.1.2.5); cut the milliseconds so what we record is what is signed. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function addYears(date: Date, years: number): Date {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

export function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function asnTime(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() >= 2050 ? 1 : 0, value: wholeSeconds(date) });
}

export function serialInteger(hex: string): asn1js.Integer {
  return new asn1js.Integer({ valueHex: new Uint8Array(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex')) });
}

/** Upper-case hex of whole bytes without leading zero bytes, as `openssl x509 -serial` prints it. */
export function serialHex(cert: pkijs.Certificate): string {
  return Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase().replace(/^(00)+(?=..)/, '');
}

export async function spkiOfKey(publicKey: CryptoKey): Promise<pkijs.PublicKeyInfo> {
  const der = await pkijsEngine.exportKey('spki', publicKey);
  return pkijs.PublicKeyInfo.fromBER(der);
}

export interface Signer {
  readonly certificate: pkijs.Certificate;
  readonly key: CryptoKey;
  readonly keyAlgorithm: KeyAlgorithm;
}

export interface CertifyParams {
  readonly serial: string;
  readonly subject: pkijs.RelativeDistinguishedNames;
  readonly spki: pkijs.PublicKeyInfo;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: pkijs.Extension[];
  /** Omitted: self-signed with `selfKey`. */
  readonly issuer?: Signer;
  readonly selfKey?: { readonly key: CryptoKey; readonly keyAlgorithm: KeyAlgorithm };
}

export async function certify(params: CertifyParams): Promise<pkijs.Certificate> {
  const signer = params.issuer ?? params.selfKey;
  if (!signer) throw new TypeError('certify: an issuer or a self-signing key is required');
  const cert = new pkijs.Certificate({
    version: 2, // v3 (RFC 5280 §4.1.2.1)
    serialNumber: serialInteger(params.serial),
    // The issuer's subject, byte for byte (RFC 5280 §4.1.2.4): paths are chained on it.
    issuer: params.issuer ? params.issuer.certificate.subject : params.subject,
    subject: params.subject,
    notBefore: asnTime(params.notBefore),
    notAfter: asnTime(params.notAfter),
    subjectPublicKeyInfo: params.spki,
    extensions: params.extensions,
  });
  await cert.sign(signer.key, algorithmSpec(signer.keyAlgorithm).hash, pkijsEngine);
  return cert;
}
