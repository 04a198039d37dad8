/**
 * buildChallengeSignedData: the CMS SignedData (RFC 5652) this project's signing component returns for a
 * `MakeSignature` with `signatureType: "PKCS7"` — and what the tests sign with. The private key never comes here:
 * the caller passes a signing function, so a PKCS#11 token (packages/signer) or a software key can sign.
 *
 * The result, DER throughout:
 *   ContentInfo { signedData, SignedData {
 *     version 1 (3 with a subjectKeyIdentifier signer, RFC 5652 §5.1), digestAlgorithms { SHA-2 },
 *     encapContentInfo { id-data, eContent = UTF-8 tbs }  (absent when `detached`),
 *     certificates { the signer certificate },
 *     signerInfos { one SignerInfo: sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature } } }
 * Signed attributes (a DER SET OF, so sorted by encoding, X.690 §11.6):
 *   contentType (1.2.840.113549.1.9.3) = id-data                             RFC 5652 §11.1
 *   messageDigest (1.2.840.113549.1.9.4) = hash(tbs)                          RFC 5652 §11.2
 *   signingTime (1.2.840.113549.1.9.5), UTCTime 1950–2049 else GeneralizedTime RFC 5652 §11.3
 *   randomNonce (1.2.840.113549.1.9.25.3) = OCTET STRING of the nonce bytes  RFC 2985 §5.3.4
 *   card serial (2.16.886.1.100.2.204) = PrintableString, when given         HiPKI (HIPKI.md)
 *   signed origin (OID.signedOrigin) = UTF8String, when given           DESIGN.md "Relay"
 *
 * The signing function receives the DER of the signed attributes (the SET OF, RFC 5652 §5.4) and must return
 * a signature over it with `hashAlgorithm`: RSASSA-PKCS1-v1_5 (PKCS#11 CKM_SHA256_RSA_PKCS, or CKM_RSA_PKCS
 * over a DigestInfo), or for an EC key the raw r||s (CKM_ECDSA_SHA256, or CKM_ECDSA over the digest; also what
 * WebCrypto returns). The builder writes ECDSA signatures as DER Ecdsa-Sig-Value, as CMS requires (RFC 5753).
 *
 * @example
 * const der = await buildChallengeSignedData({
 *   tbs, nonce, certificate, cardSerial: token.serialNumber, signedOrigin: event.origin,
 *   sign: (data) => crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, data).then((s) => new Uint8Array(s)),
 * });
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../oids';
import { systemClock } from '../ports';
import { ECDSA_SIG_OID, HASH_OID, SIG_OID, signerKeyOf, type HashName } from './algorithms';
import { subjectKeyIdentifierOf } from './cms-parts';
import { ecdsaRawToDer } from './ecdsa-signature';

export interface BuildChallengeSignedDataOptions {
  /** The challenge text, after the component's decodeURIComponent; encapsulated as its UTF-8 bytes. */
  readonly tbs: string;
  /** The nonce bytes, written as the randomNonce OCTET STRING (RFC 2985 requires at least 4 bytes). */
  readonly nonce: Uint8Array;
  /** The signer certificate: its key type picks the signature algorithm, and it is embedded in the CMS. */
  readonly certificate: pkijs.Certificate;
  /** Signs the DER signed attributes; see the file comment for the exact contract. */
  readonly sign: (dataToSign: Uint8Array) => Promise<Uint8Array>;
  /** The tbsPackage's hashAlgorithm. Default SHA-256. */
  readonly hashAlgorithm?: HashName;
  /** Default: the system clock's now. Truncated to whole seconds (RFC 5652 §11.3 allows no fractions). */
  readonly signingTime?: Date;
  /** The token's serial number, added when the tbsPackage says withCardSN "true". */
  readonly cardSerial?: string;
  /** The calling page's origin (`event.origin`), signed so the server can refuse a relayed challenge. */
  readonly signedOrigin?: string;
  /** How the SignerInfo names the certificate. Default issuerAndSerialNumber (what HiPKI-era verifiers expect). */
  readonly signerIdentifier?: 'issuerAndSerialNumber' | 'subjectKeyIdentifier';
  /** Leave the tbs out of the CMS (the verifier then digests the tbs it issued). Default false. */
  readonly detached?: boolean;
}

/** Returns the DER of the ContentInfo, ready to be base64-encoded as the component's `signature`. */
export async function buildChallengeSignedData(options: BuildChallengeSignedDataOptions): Promise<Uint8Array> {
  const { tbs, nonce, certificate, sign, hashAlgorithm = 'SHA-256', cardSerial, signedOrigin, signerIdentifier = 'issuerAndSerialNumber', detached = false } = options;
  if (typeof tbs !== 'string' || tbs.length === 0) throw new TypeError('tbs must be a non-empty string');
  if (!(nonce instanceof Uint8Array) || nonce.length < 4) throw new TypeError('nonce must be a Uint8Array of at least 4 bytes (RFC 2985 §5.3.4)');
  if (!(certificate instanceof pkijs.Certificate)) throw new TypeError('certificate must be a pkijs.Certificate');
  if (typeof sign !== 'function') throw new TypeError('sign must be a function');
  if (!(hashAlgorithm in HASH_OID)) throw new TypeError(`hashAlgorithm must be one of ${Object.keys(HASH_OID).join(', ')}`);
  if (cardSerial !== undefined && !/^[A-Za-z0-9 '()+,\-./:=?]+$/.test(cardSerial)) throw new TypeError('cardSerial must be a non-empty PrintableString');
  if (signedOrigin !== undefined && (typeof signedOrigin !== 'string' || signedOrigin.length === 0)) throw new TypeError('signedOrigin must be a non-empty string');

  const key = signerKeyOf(certificate);
  const content = new TextEncoder().encode(tbs);
  const signingTime = new Date(Math.floor((options.signingTime ?? systemClock.now()).getTime() / 1000) * 1000);
  if (Number.isNaN(signingTime.getTime())) throw new TypeError('signingTime must be a valid Date');
  const messageDigest = new Uint8Array(await globalThis.crypto.subtle.digest(hashAlgorithm, content));

  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: messageDigest })] }),
    new pkijs.Attribute({ type: OID.signingTime, values: [timeValue(signingTime)] }),
    new pkijs.Attribute({ type: OID.randomNonce, values: [new asn1js.OctetString({ valueHex: new Uint8Array(nonce) })] }),
  ];
  if (cardSerial !== undefined) attributes.push(new pkijs.Attribute({ type: OID.cardSerial, values: [new asn1js.PrintableString({ value: cardSerial })] }));
  if (signedOrigin !== undefined) attributes.push(new pkijs.Attribute({ type: OID.signedOrigin, values: [new asn1js.Utf8String({ value: signedOrigin })] }));
  const sorted = sortForDerSet(attributes);

  // RFC 5652 §5.4: the signature covers the DER of the attributes with a SET OF tag, not the [0] IMPLICIT tag.
  const signedAttributesDer = new Uint8Array(new asn1js.Set({ value: sorted.map((a) => a.toSchema()) }).toBER(false));
  const rawSignature = await sign(signedAttributesDer);
  if (!(rawSignature instanceof Uint8Array)) throw new TypeError('sign must resolve to a Uint8Array');
  const signatureValue = key.type === 'EC' ? ecdsaRawToDer(rawSignature, key.coordinateBytes) : new Uint8Array(rawSignature);

  const useKeyId = signerIdentifier === 'subjectKeyIdentifier';
  let sid: pkijs.IssuerAndSerialNumber | asn1js.Primitive;
  if (useKeyId) {
    const ski = subjectKeyIdentifierOf(certificate);
    if (!ski) throw new TypeError('signerIdentifier subjectKeyIdentifier needs a certificate with a subjectKeyIdentifier extension');
    sid = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: new Uint8Array(ski) });
  } else {
    sid = new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber });
  }

  const digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OID[hashAlgorithm] }); // RFC 5754 §2: parameters absent
  const signerInfo = new pkijs.SignerInfo({
    version: useKeyId ? 3 : 1, // RFC 5652 §5.3
    sid,
    digestAlgorithm,
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted }),
    signatureAlgorithm:
      key.type === 'RSA'
        ? // RFC 3370 §3.2: rsaEncryption is the identifier every CMS implementation must accept; NULL parameters.
          new pkijs.AlgorithmIdentifier({ algorithmId: SIG_OID.rsaEncryption, algorithmParams: new asn1js.Null() })
        : // RFC 5758 §3.2: ecdsa-with-SHA* with the parameters field absent.
          new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_SIG_OID[hashAlgorithm] }),
    signature: new asn1js.OctetString({ valueHex: signatureValue }),
  });

  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: OID.data });
  // Set after construction: the constructor would re-cut the content into a BER constructed OCTET STRING.
  if (!detached) encapContentInfo.eContent = new asn1js.OctetString({ valueHex: content });

  const signedData = new pkijs.SignedData({
    version: useKeyId ? 3 : 1, // RFC 5652 §5.1
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OID[hashAlgorithm] })],
    encapContentInfo,
    certificates: [certificate],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/** RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise; both in Zulu with whole seconds. */
function timeValue(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: date }) : new asn1js.GeneralizedTime({ valueDate: date });
}

/** X.690 §11.6: the components of a DER SET OF are in ascending order of their encodings. */
function sortForDerSet(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  return encoded.map((e) => e.a);
}
