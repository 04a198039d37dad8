/**
 * Verifies that a certificate was signed with a given (issuer's) public key, with Node's crypto (OpenSSL).
 * Only the algorithms the platform's issuers use are accepted; anything else is ERR_PKI_UNSUPPORTED_ALGORITHM
 * rather than a weaker check:
 *   - RSA PKCS #1 v1.5 with SHA-256/384/512 (RFC 4055 §5; MOICA and GRCA sign this way),
 *   - RSASSA-PSS with SHA-256/384/512 and MGF1 of the same hash (RFC 4055 §3.1),
 *   - ECDSA on P-256 or P-384 with SHA-256/384/512 (RFC 5758 §3.2).
 * RSA issuer keys must have at least 2048 bits.
 */
import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PkiError } from '../errors';
import type { PathCertificate } from './cert-info';

const HASH_BY_OID: Readonly<Record<string, string>> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** RFC 4055 §5 and RFC 5758 §3.2: signature algorithm → hash. */
const RSA_PKCS1: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
const ECDSA: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';
/** sha1WithRSAEncryption: accepted only to check a trust anchor's own self-signature at load time. */
const SHA1_WITH_RSA = '1.2.840.113549.1.1.5';

export const MIN_RSA_BITS = 2048;
const EC_CURVES = new Set(['prime256v1', 'secp384r1']);

interface Scheme {
  readonly family: 'rsa' | 'rsa-pss' | 'ec';
  readonly hash: string;
  readonly saltLength?: number;
}

function unsupported(what: string, detail: string): never {
  throw new PkiError('ERR_PKI_UNSUPPORTED_ALGORITHM', `${what}: ${detail}`);
}

function paramsAbsentOrNull(alg: pkijs.AlgorithmIdentifier): boolean {
  const p: unknown = alg.algorithmParams;
  return p === undefined || p instanceof asn1js.Null;
}

function schemeOf(alg: pkijs.AlgorithmIdentifier, what: string, allowSha1: boolean): Scheme {
  const id = alg.algorithmId;
  const rsaHash = RSA_PKCS1[id] ?? (allowSha1 && id === SHA1_WITH_RSA ? 'sha1' : undefined);
  if (rsaHash) {
    if (!paramsAbsentOrNull(alg)) unsupported(what, `unexpected parameters for ${id}`);
    return { family: 'rsa', hash: rsaHash };
  }
  const ecHash = ECDSA[id];
  if (ecHash) {
    if (alg.algorithmParams !== undefined) unsupported(what, `unexpected parameters for ${id}`);
    return { family: 'ec', hash: ecHash };
  }
  if (id === RSASSA_PSS) {
    if (!(alg.algorithmParams instanceof asn1js.Sequence)) unsupported(what, 'RSASSA-PSS without parameters (SHA-1 defaults)');
    let params: pkijs.RSASSAPSSParams;
    try {
      params = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
    } catch (err) {
      throw new PkiError('ERR_PKI_MALFORMED', `${what}: RSASSA-PSS parameters: ${(err as Error).message}`, { cause: err });
    }
    const hash = HASH_BY_OID[params.hashAlgorithm.algorithmId];
    const mgfHash = params.maskGenAlgorithm.algorithmId === MGF1 ? params.maskGenAlgorithm.algorithmParams : undefined;
    const mgfHashId = mgfHash instanceof asn1js.Sequence ? new pkijs.AlgorithmIdentifier({ schema: mgfHash }).algorithmId : undefined;
    if (!hash || mgfHashId !== params.hashAlgorithm.algorithmId || params.trailerField !== 1 || params.saltLength < 0) {
      unsupported(what, 'RSASSA-PSS with a hash other than SHA-256/384/512, a different MGF1 hash, or a bad trailer');
    }
    return { family: 'rsa-pss', hash, saltLength: params.saltLength };
  }
  return unsupported(what, `signature algorithm ${id}`);
}

function publicKeyOf(spki: pkijs.PublicKeyInfo, what: string): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(spki.toSchema().toBER(false)), format: 'der', type: 'spki' });
  } catch (err) {
    throw new PkiError('ERR_PKI_MALFORMED', `${what}: issuer public key: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * A key of another family than the signature (an ECDSA signature, an RSA issuer key) cannot have made it: that
 * is a bad signature. A key of the right family that is too weak or on another curve is unsupported.
 */
function checkKey(key: KeyObject, scheme: Scheme, what: string): void {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  const familyOk = scheme.family === 'ec' ? type === 'ec' : type === 'rsa' || (scheme.family === 'rsa-pss' && type === 'rsa-pss');
  if (!familyOk) throw new PkiError('ERR_PKI_BAD_SIGNATURE', `${what}: the signature (${scheme.family}) cannot come from the issuer's ${type} key`);
  if (scheme.family === 'ec') {
    if (!EC_CURVES.has(details.namedCurve ?? '')) unsupported(what, `ECDSA key on ${details.namedCurve ?? 'an unnamed curve'} (P-256 or P-384 only)`);
  } else if ((details.modulusLength ?? 0) < MIN_RSA_BITS) {
    unsupported(what, `RSA key of ${details.modulusLength} bits (at least ${MIN_RSA_BITS})`);
  }
}

export interface VerifySignatureOptions {
  /** Accept sha1WithRSAEncryption: only for a root's self-signature, never along a path. */
  readonly allowSha1?: boolean;
}

/**
 * Throws unless `subject`'s signature verifies with `issuerKey`: ERR_PKI_BAD_SIGNATURE (wrong key, tampered
 * bytes, or the inner and outer algorithm identifiers differ, RFC 5280 §4.1.1.2),
 * ERR_PKI_UNSUPPORTED_ALGORITHM, or ERR_PKI_MALFORMED.
 */
export function verifyCertificateSignature(subject: PathCertificate, issuerKey: pkijs.PublicKeyInfo, options: VerifySignatureOptions = {}): void {
  const cert = subject.certificate;
  const what = subject.label;
  const inner = Buffer.from(cert.signature.toSchema().toBER(false));
  const outer = Buffer.from(cert.signatureAlgorithm.toSchema().toBER(false));
  if (!inner.equals(outer)) throw new PkiError('ERR_PKI_BAD_SIGNATURE', `${what}: signature algorithm in the TBS differs from the outer one`);
  const scheme = schemeOf(cert.signatureAlgorithm, what, options.allowSha1 === true);
  const key = publicKeyOf(issuerKey, what);
  checkKey(key, scheme, what);
  const bits = cert.signatureValue;
  if (bits.idBlock.isConstructed || bits.valueBlock.unusedBits !== 0) throw new PkiError('ERR_PKI_MALFORMED', `${what}: signature BIT STRING`);
  const signature = bits.valueBlock.valueHexView;
  let ok = false;
  try {
    ok = verify(
      scheme.hash,
      cert.tbsView,
      scheme.family === 'rsa-pss'
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength }
        : scheme.family === 'rsa'
          ? { key, padding: constants.RSA_PKCS1_PADDING }
          : { key, dsaEncoding: 'der' },
      signature,
    );
  } catch {
    ok = false; // e.g. an ECDSA signature that is not a DER SEQUENCE: just a bad signature
  }
  if (!ok) throw new PkiError('ERR_PKI_BAD_SIGNATURE', `${what}: signature does not verify with the issuer's key`);
}
