/**
 * A password-protected PKCS#12 file (RFC 7292) holding a card's key, its certificate and the issuer chain —
 * the software token of the demo. Built with pkijs, in the shape OpenSSL 3 writes by default: key in a
 * PKCS8ShroudedKeyBag and certificates in an encrypted SafeContents, both PBES2 (PBKDF2-HMAC-SHA256,
 * AES-256-CBC, RFC 8018), integrity by HMAC-SHA256 over the PKCS#12 KDF (RFC 7292 Appendix B).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateDer } from '../certificate';
import { pkijsEngine } from './keys';

const BAG_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2'; // RFC 7292 §4.2.2
const BAG_CERT = '1.2.840.113549.1.12.10.1.3'; // RFC 7292 §4.2.3
const AT_FRIENDLY_NAME = '1.2.840.113549.1.9.20'; // PKCS #9, BMPString
const AT_LOCAL_KEY_ID = '1.2.840.113549.1.9.21'; // PKCS #9, OCTET STRING

/** OpenSSL 3's default iteration count for PKCS#12 key encryption and MAC. */
const ITERATIONS = 2048;

export interface Pkcs12Params {
  readonly privateKeyPkcs8: Uint8Array<ArrayBuffer>;
  readonly certificate: pkijs.Certificate;
  /** Issuer and root, in that order. */
  readonly chain: readonly pkijs.Certificate[];
  readonly password: string;
  readonly friendlyName: string;
}

export async function buildPkcs12(params: Pkcs12Params): Promise<Uint8Array> {
  const password = new TextEncoder().encode(params.password).buffer as ArrayBuffer;
  // pkijs draws a fresh IV for each encryption itself; its type asks for one anyway, hence the cast.
  const contentEncryptionAlgorithm = { name: 'AES-CBC', length: 256 } as pkijs.ContentEncryptionAesCbcParams;
  const pbes2 = { password, contentEncryptionAlgorithm, hmacHashAlgorithm: 'SHA-256', iterationCount: ITERATIONS };

  // localKeyID ties the key to its certificate; the SHA-1 of the certificate is what OpenSSL uses.
  const localKeyId = createHash('sha1').update(certificateDer(params.certificate)).digest();
  const pairAttributes = () => [
    new pkijs.Attribute({ type: AT_FRIENDLY_NAME, values: [new asn1js.BmpString({ value: params.friendlyName })] }),
    new pkijs.Attribute({ type: AT_LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: new Uint8Array(localKeyId) })] }),
  ];

  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(params.privateKeyPkcs8) });
  await keyBag.makeInternalValues(pbes2, pkijsEngine);

  const keyContents = new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: BAG_SHROUDED_KEY, bagValue: keyBag, bagAttributes: pairAttributes() })] });
  const certContents = new pkijs.SafeContents({
    safeBags: [
      new pkijs.SafeBag({ bagId: BAG_CERT, bagValue: new pkijs.CertBag({ parsedValue: params.certificate }), bagAttributes: pairAttributes() }),
      ...params.chain.map((cert) => new pkijs.SafeBag({ bagId: BAG_CERT, bagValue: new pkijs.CertBag({ parsedValue: cert }) })),
    ],
  });

  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    parsedValue: {
      safeContents: [
        { privacyMode: 1, value: certContents }, // password-encrypted (RFC 7292 §4.1)
        { privacyMode: 0, value: keyContents }, // plain Data: the key inside is already shrouded
      ],
    },
  });
  await authenticatedSafe.makeInternalValues({ safeContents: [{ ...pbes2 }, {}] }, pkijsEngine);

  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe } }); // 0 = password integrity
  await pfx.makeInternalValues({ password, iterations: ITERATIONS, pbkdf2HashAlgorithm: { name: 'SHA-256' }, hmacHashAlgorithm: 'SHA-256' }, pkijsEngine);
  return new Uint8Array(pfx.toSchema().toBER(false));
}
