/**
 * The two encodings of an ECDSA signature (r, s):
 *  - DER `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 5480 §2.2 / RFC 5753 §2.1.1), used inside
 *    CMS SignerInfo.signature;
 *  - raw r||s, each left-padded to the byte length of the curve order (IEEE P1363), which is what a PKCS#11 token
 *    returns for CKM_ECDSA / CKM_ECDSA_SHA256 (PKCS#11 v2.40 §2.3.1: "the resulting signature is always of length
 *    2nLen") and what WebCrypto's ECDSA sign/verify use.
 * WebCrypto verifies the raw form, so the verifier turns CMS's DER into raw (not the other way round) and checks a
 * PKCS1-type EC signature from the component as it arrives.
 */
import * as asn1js from 'asn1js';
import { createCMSECDSASignature } from 'pkijs';
import { parseDer } from '../certificate';
import { PkiError } from '../errors';

/**
 * DER Ecdsa-Sig-Value → raw r||s of 2 × coordinateBytes. Anything that is not exactly two non-negative INTEGERs
 * that fit the curve cannot be a valid signature: ERR_PKI_BAD_SIGNATURE (garbage that does not even parse as DER
 * is ERR_PKI_MALFORMED, from parseDer).
 */
export function ecdsaDerToRaw(der: Uint8Array, coordinateBytes: number): Uint8Array<ArrayBuffer> {
  const parsed = parseDer(der, 'ECDSA signature', 2 * coordinateBytes + 16);
  const parts = parsed instanceof asn1js.Sequence ? parsed.valueBlock.value : [];
  if (parts.length !== 2 || !parts.every((p) => p instanceof asn1js.Integer && !p.idBlock.isConstructed)) {
    throw new PkiError('ERR_PKI_BAD_SIGNATURE', 'ECDSA signature is not SEQUENCE { r INTEGER, s INTEGER }');
  }
  const raw = new Uint8Array(2 * coordinateBytes);
  parts.forEach((part, i) => {
    const bytes = (part as asn1js.Integer).valueBlock.valueHexView;
    if (bytes.length === 0 || (bytes[0]! & 0x80) !== 0) throw new PkiError('ERR_PKI_BAD_SIGNATURE', 'ECDSA signature has a negative or empty integer');
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const value = bytes.subarray(start);
    if (value.length > coordinateBytes) throw new PkiError('ERR_PKI_BAD_SIGNATURE', 'ECDSA signature integer longer than the curve order');
    raw.set(value, (i + 1) * coordinateBytes - value.length);
  });
  return raw;
}

/** Raw r||s (as a token or WebCrypto returns it) → DER Ecdsa-Sig-Value for CMS. */
export function ecdsaRawToDer(raw: Uint8Array, coordinateBytes: number): Uint8Array<ArrayBuffer> {
  if (raw.length !== 2 * coordinateBytes) {
    throw new TypeError(`an ECDSA signature from the signing function must be raw r||s of ${2 * coordinateBytes} bytes, got ${raw.length}`);
  }
  return new Uint8Array(createCMSECDSASignature(new Uint8Array(raw).buffer));
}
