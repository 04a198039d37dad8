/**
 * Key pairs of the development CA: which algorithms it offers, how a key is made, stored (PKCS#8 PEM) and
 * read back, and how it signs. Everything goes through WebCrypto (Node's), so no native module is needed.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toPem } from '../certificate';
import { DevCaError } from './errors';

export const webcrypto: Crypto = globalThis.crypto;

/**
 * pkijs with Node's WebCrypto, passed explicitly so nothing depends on a global engine being set. One change:
 * sha*WithRSAEncryption identifiers get their NULL parameters, which RFC 4055 §5 says MUST be present and the
 * real GRCA G3 and MOICA-G3 certificates carry (pkijs leaves them out). ECDSA ones stay without (RFC 5758 §3.2).
 */
class DevCaCryptoEngine extends pkijs.CryptoEngine {
  override async getSignatureParameters(privateKey: CryptoKey, hashAlgorithm?: string): Promise<pkijs.CryptoEngineSignatureParams> {
    const result = await super.getSignatureParameters(privateKey, hashAlgorithm);
    if (privateKey.algorithm.name === 'RSASSA-PKCS1-v1_5') result.signatureAlgorithm.algorithmParams = new asn1js.Null();
    return result;
  }
}

export const pkijsEngine: pkijs.CryptoEngine = new DevCaCryptoEngine({ name: 'menhu-devca', crypto: webcrypto });

export const KEY_ALGORITHMS = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ec-p256', 'ec-p384'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

export function isKeyAlgorithm(value: string): value is KeyAlgorithm {
  return (KEY_ALGORITHMS as readonly string[]).includes(value);
}

interface AlgorithmSpec {
  readonly generate: RsaHashedKeyGenParams | EcKeyGenParams;
  readonly import: RsaHashedImportParams | EcKeyImportParams;
  /** The hash pkijs signs with: SHA-256 for RSA (as GRCA G3 and MOICA-G3) and P-256, SHA-384 for P-384. */
  readonly hash: 'SHA-256' | 'SHA-384';
  /** `pkcs11-tool --key-type` */
  readonly pkcs11KeyType: string;
}

const RSA_EXPONENT = new Uint8Array([1, 0, 1]); // 65537

function rsa(bits: number): AlgorithmSpec {
  return {
    generate: { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: RSA_EXPONENT, hash: 'SHA-256' },
    import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    hash: 'SHA-256',
    pkcs11KeyType: `rsa:${bits}`,
  };
}

function ec(curve: 'P-256' | 'P-384', hash: 'SHA-256' | 'SHA-384', pkcs11Curve: string): AlgorithmSpec {
  return {
    generate: { name: 'ECDSA', namedCurve: curve },
    import: { name: 'ECDSA', namedCurve: curve },
    hash,
    pkcs11KeyType: `EC:${pkcs11Curve}`,
  };
}

const SPECS: Record<KeyAlgorithm, AlgorithmSpec> = {
  'rsa-2048': rsa(2048),
  'rsa-3072': rsa(3072),
  'rsa-4096': rsa(4096),
  'ec-p256': ec('P-256', 'SHA-256', 'prime256v1'),
  'ec-p384': ec('P-384', 'SHA-384', 'secp384r1'),
};

export function algorithmSpec(alg: KeyAlgorithm): AlgorithmSpec {
  return SPECS[alg];
}

export async function generateKeyPair(alg: KeyAlgorithm): Promise<CryptoKeyPair> {
  // Extractable, because the development CA keeps its keys in files (that is what makes it a development CA).
  return webcrypto.subtle.generateKey(SPECS[alg].generate, true, ['sign', 'verify']);
}

export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', key));
  return toPem(der, 'PRIVATE KEY');
}

export async function privateKeyToPkcs8(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', key));
}

export async function privateKeyFromPem(pem: string, alg: KeyAlgorithm, what: string): Promise<CryptoKey> {
  const match = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!match) throw new DevCaError('ERR_DEVCA_STATE', `${what} is not a PKCS#8 PEM private key`);
  try {
    const der = new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
    return await webcrypto.subtle.importKey('pkcs8', der, SPECS[alg].import, true, ['sign']);
  } catch (err) {
    throw new DevCaError('ERR_DEVCA_STATE', `${what} cannot be read as a ${alg} key: ${(err as Error).message}`, { cause: err });
  }
}

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const CURVES: Readonly<Record<string, KeyAlgorithm>> = { '1.2.840.10045.3.1.7': 'ec-p256', '1.3.132.0.34': 'ec-p384' };

/** Which of our algorithms a SubjectPublicKeyInfo is (for a key made on a token), or undefined. */
export function keyAlgorithmOfSpki(spki: pkijs.PublicKeyInfo): KeyAlgorithm | undefined {
  const oid = spki.algorithm.algorithmId;
  if (oid === OID_RSA) {
    const key = spki.parsedKey;
    if (!(key instanceof pkijs.RSAPublicKey)) return undefined;
    const modulus = key.modulus.valueBlock.valueHexView;
    let i = 0;
    while (i < modulus.length && modulus[i] === 0) i++;
    const bits = modulus.length - i === 0 ? 0 : (modulus.length - i - 1) * 8 + (32 - Math.clz32(modulus[i]!));
    const name = `rsa-${bits}`;
    return isKeyAlgorithm(name) ? name : undefined;
  }
  if (oid === OID_EC) {
    const params = spki.algorithm.algorithmParams;
    return params instanceof asn1js.ObjectIdentifier ? CURVES[params.valueBlock.toString()] : undefined;
  }
  return undefined;
}
