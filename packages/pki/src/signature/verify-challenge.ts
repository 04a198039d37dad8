/**
 * verifyChallengeSignature: did the card behind `certificate` sign exactly the challenge this server issued?
 * (DESIGN.md "Card login", step 4.) It resolves `{ verified: true, … }` or rejects with a PkiError whose `code`
 * names the reason — there is no `verified: false` to forget to check. It does not validate the certificate
 * itself (path, validity, key usage, policy, revocation): those are separate validators, all of which must pass.
 *
 * PKCS7 (CMS SignedData, RFC 5652), checked in this order:
 *  1. one ContentInfo/SignedData, exactly one SignerInfo ............................... ERR_PKI_MALFORMED
 *  2. the SignerInfo names `certificate` (issuerAndSerialNumber, or subjectKeyIdentifier
 *     equal to the certificate's SKI extension, RFC 5652 §5.3) ............................ ERR_PKI_BAD_SIGNATURE
 *  3. digest SHA-256/384/512; RSA PKCS#1 v1.5 2048–4096 bits or ECDSA P-256/P-384 ......... ERR_PKI_UNSUPPORTED_ALGORITHM
 *  4. signed attributes present, each type once: contentType = id-data, messageDigest,
 *     signingTime ....................................................................... ERR_PKI_MALFORMED
 *  5. the signature over the DER SET OF signed attributes (RFC 5652 §5.4) ................. ERR_PKI_BAD_SIGNATURE
 *  6. messageDigest = digest of the encapsulated content ................................... ERR_PKI_BAD_SIGNATURE
 *     (detached: messageDigest = digest of the tbs ....................................... ERR_PKI_CHALLENGE_MISMATCH)
 *  7. encapsulated content byte-equal to the UTF-8 tbs ................................... ERR_PKI_CHALLENGE_MISMATCH
 *  8. randomNonce (1.2.840.113549.1.9.25.3) present, an OCTET STRING equal to the issued
 *     nonce bytes ....................................................................... ERR_PKI_NONCE_MISMATCH
 *  9. card serial (2.16.886.1.100.2.204), when signed and when the page posted one, equal . ERR_PKI_CARD_SERIAL_MISMATCH
 * 10. signed origin (OID.signedOrigin), when signed, equal to expectedOrigin ......... ERR_PKI_ORIGIN_MISMATCH
 * The signature is checked before the comparisons, so a mismatch code always means "the card really signed
 * this, but it is not what we asked for", and BAD_SIGNATURE means "the card did not sign what we were sent".
 *
 * PKCS1 (the raw signature over the UTF-8 tbs, hashAlgorithm SHA256): RSASSA-PKCS1-v1_5 with SHA-256, or for an
 * EC key the raw r||s a PKCS#11 token returns for CKM_ECDSA (exactly 2 × the curve's byte length; a DER-encoded
 * ECDSA signature is refused as ERR_PKI_MALFORMED — nothing in the protocol produces it). A raw signature has no
 * attributes: nothing binds the nonce, card serial or origin but the tbs text itself, and a signature over a
 * different text is simply ERR_PKI_BAD_SIGNATURE.
 *
 * @example
 * const cert = parseCertificate(decodeBase64(body.certb64, 'certb64', MAX_CERTIFICATE_BYTES));
 * const result = await verifyChallengeSignature({
 *   signatureType: 'PKCS7', signature: body.signature, certificate: cert,
 *   challenge: { tbs: issued.tbs, nonce: issued.nonce }, expectedOrigin: 'https://menhu.example.gov.tw',
 *   cardSerial: body.cardSN,
 * }); // throws PkiError, or result.verified === true
 */
import type * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import { Certificate, IssuerAndSerialNumber } from 'pkijs';
import { decodeBase64 } from '../certificate';
import { PkiError } from '../errors';
import { OID, decodedOidText } from '../oids';
import { checkSignatureAlgorithm, digestAlgorithmOf, importVerifyKey, signerKeyOf, verifyWithKey, type HashName } from './algorithms';
import {
  attributesByType,
  bytesEqual,
  encapsulatedContent,
  octetStringBytes,
  parseSignedData,
  singleValue,
  subjectKeyIdentifierOf,
  textValue,
  timeValue,
} from './cms-parts';

/** As pkijs reports the attribute's type after decoding (see decodedOidText). */
const SIGNED_ORIGIN_TYPE = decodedOidText(OID.signedOrigin);
import { ecdsaDerToRaw } from './ecdsa-signature';

export type ChallengeSignatureType = 'PKCS7' | 'PKCS1';

/** The challenge as the server issued and stored it (DESIGN.md "Card login", step 1). */
export interface IssuedChallenge {
  /** The text the card signs, `[A-Za-z0-9._-]` only; compared as its UTF-8 bytes. */
  readonly tbs: string;
  /** The issued nonce (32 random bytes); the randomNonce attribute must carry exactly these bytes. */
  readonly nonce: Uint8Array;
}

export interface VerifyChallengeSignatureOptions {
  /** The tbsPackage's signatureType, as the page says it asked for it. */
  readonly signatureType: ChallengeSignatureType;
  /** The component's `signature` field: base64 of the CMS DER (PKCS7) or of the raw signature (PKCS1). */
  readonly signature: string;
  /** The signer certificate, parsed by the caller from the component's `certb64`. */
  readonly certificate: pkijs.Certificate;
  readonly challenge: IssuedChallenge;
  /** This platform's web origin (`https://host[:port]`), compared with a signed-origin attribute when present. */
  readonly expectedOrigin: string;
  /**
   * The component's `cardSN` as the page posted it; compared with a signed card serial when both exist. An empty
   * string counts as not posted.
   */
  readonly cardSerial?: string;
}

/** Only values the card signed are returned; nothing here was merely posted by the page. */
export interface VerifiedChallengeSignature {
  readonly verified: true;
  /** The signing time the citizen's PC claimed (PKCS7 only). Informational: freshness comes from the nonce. */
  readonly signingTime?: Date;
  /** The origin this project's component signed (PKCS7 only); absent with the official component. */
  readonly signedOrigin?: string;
  /** The card serial the component signed (PKCS7 with withCardSN only). */
  readonly cardSerial?: string;
}

/** A raw signature is at most an RSA-4096 signature (512 bytes); allow some slack before refusing as too large. */
const MAX_RAW_SIGNATURE_BYTES = 1024;

export async function verifyChallengeSignature(options: VerifyChallengeSignatureOptions): Promise<VerifiedChallengeSignature> {
  checkOptions(options);
  const tbs = new TextEncoder().encode(options.challenge.tbs);
  return options.signatureType === 'PKCS7' ? verifySignedData(options, tbs) : verifyRawSignature(options, tbs);
}

async function verifyRawSignature(options: VerifyChallengeSignatureOptions, tbs: Uint8Array<ArrayBuffer>): Promise<VerifiedChallengeSignature> {
  const signature = new Uint8Array(decodeBase64(options.signature, 'PKCS1 signature', MAX_RAW_SIGNATURE_BYTES));
  const key = signerKeyOf(options.certificate);
  // HIPKI.md: the tbsPackage asks for hashAlgorithm SHA256; the raw signature carries no algorithm of its own.
  const cryptoKey = await importVerifyKey(key, 'SHA-256');
  if (key.type === 'EC' && signature.length !== 2 * key.coordinateBytes) {
    throw new PkiError('ERR_PKI_MALFORMED', `PKCS1 ECDSA signature must be raw r||s of ${2 * key.coordinateBytes} bytes (CKM_ECDSA), got ${signature.length}`);
  }
  if (!(await verifyWithKey(key, cryptoKey, 'SHA-256', signature, tbs))) {
    throw new PkiError('ERR_PKI_BAD_SIGNATURE', 'PKCS1 signature does not verify over the tbs with the certificate key');
  }
  return { verified: true };
}

async function verifySignedData(options: VerifyChallengeSignatureOptions, tbs: Uint8Array<ArrayBuffer>): Promise<VerifiedChallengeSignature> {
  // 1. Structure.
  const signedData = parseSignedData(options.signature);
  if (signedData.signerInfos.length !== 1) {
    throw new PkiError('ERR_PKI_MALFORMED', `CMS has ${signedData.signerInfos.length} SignerInfos, not exactly one`);
  }
  const signer = signedData.signerInfos[0]!;
  const content = encapsulatedContent(signedData);

  // 2. The signer is the certificate the page posted.
  checkSignerIdentifier(signer, options.certificate);

  // 3. Algorithms.
  const hash = digestAlgorithmOf(signer.digestAlgorithm);
  const key = signerKeyOf(options.certificate);
  checkSignatureAlgorithm(signer.signatureAlgorithm, key, hash);
  const cryptoKey = await importVerifyKey(key, hash);

  // 4. Signed attributes (RFC 5652 §5.3: when present, contentType and messageDigest MUST be; this protocol
  //    also requires signingTime, which both HiPKI's component and ours add).
  if (!signer.signedAttrs) throw new PkiError('ERR_PKI_MALFORMED', 'CMS SignerInfo has no signed attributes');
  const attributes = attributesByType(signer.signedAttrs.attributes);
  const required = (type: string, name: string): unknown => {
    const attribute = attributes.get(type);
    if (!attribute) throw new PkiError('ERR_PKI_MALFORMED', `signed attribute ${name} is missing`);
    return singleValue(attribute, name);
  };
  const contentType = required(OID.contentType, 'contentType');
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.data) {
    // RFC 5652 §11.1: its value must equal eContentType, which encapsulatedContent() already required to be id-data.
    throw new PkiError('ERR_PKI_MALFORMED', 'signed attribute contentType is not id-data');
  }
  const messageDigest = octetStringBytes(required(OID.messageDigest, 'messageDigest'), 'signed attribute messageDigest');
  const signingTime = timeValue(required(OID.signingTime, 'signingTime'), 'signed attribute signingTime');

  // 5. The signature over the signed attributes, re-tagged as SET OF (pkijs keeps the received bytes in
  //    encodedValue with the [0] tag replaced by SET, RFC 5652 §5.4).
  const signedBytes = new Uint8Array(signer.signedAttrs.encodedValue);
  const signatureBytes = octetStringBytes(signer.signature, 'SignerInfo signature');
  const signature = key.type === 'EC' ? ecdsaDerToRaw(signatureBytes, key.coordinateBytes) : signatureBytes;
  if (!(await verifyWithKey(key, cryptoKey, hash, signature, signedBytes))) {
    throw new PkiError('ERR_PKI_BAD_SIGNATURE', 'CMS signature does not verify over the signed attributes with the certificate key');
  }

  // 6–7. The signed digest covers the content, and the content is the issued tbs.
  if (content) {
    if (!bytesEqual(await digest(hash, content), messageDigest)) {
      throw new PkiError('ERR_PKI_BAD_SIGNATURE', 'messageDigest does not match the encapsulated content');
    }
    if (!bytesEqual(content, tbs)) throw new PkiError('ERR_PKI_CHALLENGE_MISMATCH', 'encapsulated content is not the issued tbs');
  } else if (!bytesEqual(await digest(hash, tbs), messageDigest)) {
    throw new PkiError('ERR_PKI_CHALLENGE_MISMATCH', 'detached signature: messageDigest is not the digest of the issued tbs');
  }

  // 8. The nonce: an OCTET STRING holding the issued bytes (RFC 2985 §5.3.4: RandomNonce ::= OCTET STRING).
  const nonceAttribute = attributes.get(OID.randomNonce);
  if (!nonceAttribute) throw new PkiError('ERR_PKI_NONCE_MISMATCH', 'no randomNonce signed attribute');
  const nonceValue = singleValue(nonceAttribute, 'randomNonce');
  if (!(nonceValue instanceof asn1js.OctetString) || nonceValue.idBlock.isConstructed) {
    // Named in the detail so that an operator can see what a component actually sent.
    throw new PkiError('ERR_PKI_NONCE_MISMATCH', `randomNonce is ${asn1TypeName(nonceValue)}, not a primitive OCTET STRING`);
  }
  if (!bytesEqual(nonceValue.valueBlock.valueHexView, options.challenge.nonce)) {
    throw new PkiError('ERR_PKI_NONCE_MISMATCH', 'randomNonce is not the issued nonce');
  }

  // 9. Card serial: a character string (its ASN.1 type is not documented for HiPKI's component; every
  //    unambiguous text type is read, nothing is guessed).
  const serialAttribute = attributes.get(OID.cardSerial);
  const signedCardSerial = serialAttribute
    ? textValue(singleValue(serialAttribute, 'card serial'), ['printable', 'utf8', 'ia5', 'visible'], 'signed attribute card serial')
    : undefined;
  if (signedCardSerial !== undefined && options.cardSerial && signedCardSerial !== options.cardSerial) {
    throw new PkiError('ERR_PKI_CARD_SERIAL_MISMATCH', 'signed card serial differs from the posted cardSN');
  }

  // 10. Signed origin (DESIGN.md "Relay"): UTF8String, compared exactly with this platform's origin.
  const originAttribute = attributes.get(SIGNED_ORIGIN_TYPE);
  const signedOrigin = originAttribute ? textValue(singleValue(originAttribute, 'signed origin'), ['utf8'], 'signed attribute signed origin') : undefined;
  if (signedOrigin !== undefined && signedOrigin !== options.expectedOrigin) {
    throw new PkiError('ERR_PKI_ORIGIN_MISMATCH', `signed origin ${JSON.stringify(signedOrigin.slice(0, 200))} is not this platform's`);
  }

  return {
    verified: true,
    signingTime,
    ...(signedOrigin !== undefined && { signedOrigin }),
    ...(signedCardSerial !== undefined && { cardSerial: signedCardSerial }),
  };
}

/** RFC 5652 §5.3 SignerIdentifier: issuerAndSerialNumber, or [0] IMPLICIT SubjectKeyIdentifier. */
function checkSignerIdentifier(signer: pkijs.SignerInfo, certificate: pkijs.Certificate): void {
  const sid: unknown = signer.sid;
  if (sid instanceof IssuerAndSerialNumber) {
    // Byte equality of the issuer Name: the signer copies it from its certificate, so no name matching is needed.
    const sameIssuer = bytesEqual(new Uint8Array(sid.issuer.toSchema().toBER(false)), new Uint8Array(certificate.issuer.toSchema().toBER(false)));
    if (sameIssuer && sid.serialNumber.isEqual(certificate.serialNumber)) return;
    throw new PkiError('ERR_PKI_BAD_SIGNATURE', 'the CMS signer (issuerAndSerialNumber) is not the posted certificate');
  }
  if (sid instanceof asn1js.BaseBlock && sid.idBlock.tagClass === 3 && sid.idBlock.tagNumber === 0 && !sid.idBlock.isConstructed) {
    const keyId = (sid.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView;
    const ski = subjectKeyIdentifierOf(certificate);
    if (ski && bytesEqual(ski, keyId)) return;
    throw new PkiError('ERR_PKI_BAD_SIGNATURE', 'the CMS signer (subjectKeyIdentifier) is not the posted certificate');
  }
  throw new PkiError('ERR_PKI_MALFORMED', 'CMS SignerIdentifier is neither issuerAndSerialNumber nor [0] subjectKeyIdentifier');
}

async function digest(hash: HashName, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash, data));
}

function asn1TypeName(value: unknown): string {
  return value instanceof asn1js.BaseBlock ? `${(value.constructor as { NAME?: string }).NAME ?? 'an ASN.1 value'} (tag ${value.idBlock.tagClass}/${value.idBlock.tagNumber})` : 'not ASN.1';
}

/** A caller's misuse is a TypeError (not a PkiError): these come from the server's own code, not from the page. */
function checkOptions(options: VerifyChallengeSignatureOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('verifyChallengeSignature: options must be an object');
  const { signatureType, signature, certificate, challenge, expectedOrigin, cardSerial } = options;
  if (signatureType !== 'PKCS7' && signatureType !== 'PKCS1') throw new TypeError(`signatureType must be 'PKCS7' or 'PKCS1'`);
  if (typeof signature !== 'string') throw new TypeError('signature must be a base64 string');
  if (!(certificate instanceof Certificate)) throw new TypeError('certificate must be a pkijs.Certificate');
  if (typeof challenge?.tbs !== 'string' || challenge.tbs.length === 0) throw new TypeError('challenge.tbs must be a non-empty string');
  if (!(challenge.nonce instanceof Uint8Array) || challenge.nonce.length === 0) throw new TypeError('challenge.nonce must be a non-empty Uint8Array');
  if (cardSerial !== undefined && typeof cardSerial !== 'string') throw new TypeError('cardSerial must be a string when given');
  let origin: string | undefined;
  try {
    origin = new URL(expectedOrigin).origin;
  } catch {
    origin = undefined;
  }
  if (origin === undefined || origin === 'null' || origin !== expectedOrigin) {
    throw new TypeError(`expectedOrigin must be a serialised web origin such as https://example.gov.tw, got ${JSON.stringify(expectedOrigin)}`);
  }
}
