/**
 * The algorithms a card-login signature may use, and nothing else: RSA PKCS#1 v1.5 and ECDSA on P-256 / P-384,
 * with SHA-256, SHA-384 or SHA-512. Everything outside this list (SHA-1, MD5, RSA-PSS, other curves, small RSA
 * keys) is ERR_PKI_UNSUPPORTED_ALGORITHM. Shared by the verifier and the CMS builder so both speak the same set.
 *
 * These OIDs are not in ../oids.ts (owned elsewhere); they are kept here, beside the only code that uses them.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { PkiError } from '../errors';

/** Digest algorithm OIDs (RFC 5754 §2) and the WebCrypto names. */
export const HASH_OID = {
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
} as const;
export type HashName = keyof typeof HASH_OID;

/** Signature algorithm OIDs: RFC 8017 Appendix C (RSA), RFC 5758 §3.2 (ECDSA). */
export const SIG_OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
} as const;

/** RFC 5480 §2.1.1: id-ecPublicKey with a namedCurve parameter. */
export const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';
const CURVES = {
  '1.2.840.10045.3.1.7': { namedCurve: 'P-256', coordinateBytes: 32 },
  '1.3.132.0.34': { namedCurve: 'P-384', coordinateBytes: 48 },
} as const;

/** RSA moduli accepted: citizen cards are RSA 2048; 4096 is the largest key this project issues or expects. */
export const RSA_MIN_BITS = 2048;
export const RSA_MAX_BITS = 4096;

const RSA_SIG_HASH: Readonly<Record<string, HashName>> = {
  [SIG_OID.sha256WithRSAEncryption]: 'SHA-256',
  [SIG_OID.sha384WithRSAEncryption]: 'SHA-384',
  [SIG_OID.sha512WithRSAEncryption]: 'SHA-512',
};
const ECDSA_SIG_HASH: Readonly<Record<string, HashName>> = {
  [SIG_OID.ecdsaWithSHA256]: 'SHA-256',
  [SIG_OID.ecdsaWithSHA384]: 'SHA-384',
  [SIG_OID.ecdsaWithSHA512]: 'SHA-512',
};
export const ECDSA_SIG_OID: Readonly<Record<HashName, string>> = {
  'SHA-256': SIG_OID.ecdsaWithSHA256,
  'SHA-384': SIG_OID.ecdsaWithSHA384,
  'SHA-512': SIG_OID.ecdsaWithSHA512,
};

/** The signer's public key, imported for verification, with what the encodings need to know about it. */
export type SignerKey =
  | { readonly type: 'RSA'; readonly spki: Uint8Array<ArrayBuffer> }
  | { readonly type: 'EC'; readonly spki: Uint8Array<ArrayBuffer>; readonly namedCurve: 'P-256' | 'P-384'; readonly coordinateBytes: 32 | 48 };

/** Parameters must be absent or NULL (RFC 5754 §2 for digests; RFC 4055 §5 / RFC 5758 §3.2 for signatures). */
function hasNoParameters(alg: pkijs.AlgorithmIdentifier): boolean {
  return alg.algorithmParams === undefined || alg.algorithmParams instanceof asn1js.Null;
}

/** Reads the key type from the certificate's SubjectPublicKeyInfo; other key types are unsupported. */
export function signerKeyOf(certificate: pkijs.Certificate): SignerKey {
  const spkiInfo = certificate.subjectPublicKeyInfo;
  const algorithm = spkiInfo.algorithm.algorithmId;
  const spki = new Uint8Array(spkiInfo.toSchema().toBER(false));
  if (algorithm === SIG_OID.rsaEncryption) return { type: 'RSA', spki };
  if (algorithm === EC_PUBLIC_KEY_OID) {
    const params: unknown = spkiInfo.algorithm.algorithmParams;
    const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    const curve = CURVES[curveOid as keyof typeof CURVES];
    if (!curve) throw new PkiError('ERR_PKI_UNSUPPORTED_ALGORITHM', `EC key on curve ${curveOid || '(not a named curve)'}`);
    return { type: 'EC', spki, namedCurve: curve.namedCurve, coordinateBytes: curve.coordinateBytes };
  }
  throw new PkiError('ERR_PKI_UNSUPPORTED_ALGORITHM', `public key algorithm ${algorithm}`);
}

/** The CMS digestAlgorithm (SignerInfo) as a WebCrypto hash name. SHA-1 and MD5 are refused. */
export function digestAlgorithmOf(alg: pkijs.AlgorithmIdentifier): HashName {
  const entry = Object.entries(HASH_OID).find(([, oid]) => oid === alg.algorithmId);
  if (!entry) throw new PkiError('ERR_PKI_UNSUPPORTED_ALGORITHM', `digest algorithm ${alg.algorithmId}`);
  if (!hasNoParameters(alg)) throw new PkiError('ERR_PKI_MALFORMED', `digest algorithm ${alg.algorithmId} with parameters`);
  return entry[0] as HashName;
}

/**
 * Checks that the SignerInfo's signatureAlgorithm fits the key and the digest algorithm. RFC 3370 §3.2 lets RSA
 * signers write plain rsaEncryption (OpenSSL does); a combined OID must name the same hash as digestAlgorithm,
 * since RFC 5652 §5.4 uses one digest algorithm for both the content and the signed attributes.
 */
export function checkSignatureAlgorithm(alg: pkijs.AlgorithmIdentifier, key: SignerKey, hash: HashName): void {
  const oid = alg.algorithmId;
  const named = key.type === 'RSA' ? (oid === SIG_OID.rsaEncryption ? hash : RSA_SIG_HASH[oid]) : ECDSA_SIG_HASH[oid];
  if (named === undefined) throw new PkiError('ERR_PKI_UNSUPPORTED_ALGORITHM', `signature algorithm ${oid} with a ${key.type} key`);
  if (named !== hash) throw new PkiError('ERR_PKI_UNSUPPORTED_ALGORITHM', `signature algorithm ${oid} does not use the digest algorithm ${hash}`);
  if (!hasNoParameters(alg)) throw new PkiError('ERR_PKI_UNSUPPORTED_ALGORITHM', `signature algorithm ${oid} with parameters`);
}

/**
 * Imports the key for WebCrypto verification with the given hash. A key WebCrypto cannot import is a malformed
 * certificate; an RSA modulus outside [RSA_MIN_BITS, RSA_MAX_BITS] is unsupported.
 */
export async function importVerifyKey(key: SignerKey, hash: HashName): Promise<CryptoKey> {
  let imported: CryptoKey;
  try {
    imported =
      key.type === 'RSA'
        ? await globalThis.crypto.subtle.importKey('spki', key.spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify'])
        : await globalThis.crypto.subtle.importKey('spki', key.spki, { name: 'ECDSA', namedCurve: key.namedCurve }, false, ['verify']);
  } catch (err) {
    throw new PkiError('ERR_PKI_MALFORMED', `certificate public key: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
  if (key.type === 'RSA') {
    const bits = (imported.algorithm as RsaHashedKeyAlgorithm).modulusLength;
    if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) throw new PkiError('ERR_PKI_UNSUPPORTED_ALGORITHM', `RSA key of ${bits} bits`);
  }
  return imported;
}

/** WebCrypto verification: RSASSA-PKCS1-v1_5, or ECDSA with the IEEE P1363 (raw r||s) signature format. */
export async function verifyWithKey(key: SignerKey, cryptoKey: CryptoKey, hash: HashName, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const params = key.type === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash };
  try {
    return await globalThis.crypto.subtle.verify(params, cryptoKey, signature, data);
  } catch {
    // WebCrypto throws on some impossible signatures (e.g. wrong length); that is still just a bad signature.
    return false;
  }
}
