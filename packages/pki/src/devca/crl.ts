/**
 * A CA's CRL (RFC 5280 §5), made fresh from the state file and signed by the CA itself: v2, AKI and a cRLNumber
 * that grows with time (milliseconds since 1970, so every CRL has a larger number than the one before),
 * one entry per revoked certificate with its reasonCode (left out for `unspecified`, as §5.3.1 asks).
 */
import * as pkijs from 'pkijs';
import { algorithmSpec, pkijsEngine } from './keys';
import { asnTime, serialInteger, wholeSeconds } from './certify';
import { authorityKeyIdentifier, crlNumber, crlReason } from './profile';
import { REVOCATION_REASONS, type DevCaState, type LoadedCa } from './store';

export async function buildCrl(ca: LoadedCa, state: DevCaState, now: Date, nextUpdateSeconds: number): Promise<Uint8Array> {
  const thisUpdate = wholeSeconds(now);
  const revoked = state.certificates
    .filter((c) => c.issuer === ca.id && c.revocation)
    .map((c) => {
      const code = REVOCATION_REASONS[c.revocation!.reason];
      return new pkijs.RevokedCertificate({
        userCertificate: serialInteger(c.serial),
        revocationDate: asnTime(new Date(c.revocation!.at)),
        ...(code === 0 ? {} : { crlEntryExtensions: new pkijs.Extensions({ extensions: [crlReason(code)] }) }),
      });
    });
  const crl = new pkijs.CertificateRevocationList({
    version: 1, // v2, required with extensions (RFC 5280 §5.1.2.1)
    issuer: ca.certificate.subject,
    thisUpdate: asnTime(thisUpdate),
    nextUpdate: asnTime(new Date(thisUpdate.getTime() + nextUpdateSeconds * 1000)),
    // An empty list is left out, not encoded as an empty SEQUENCE (RFC 5280 §5.1.2.6).
    ...(revoked.length > 0 ? { revokedCertificates: revoked } : {}),
    crlExtensions: new pkijs.Extensions({
      extensions: [authorityKeyIdentifier(ca.certificate.subjectPublicKeyInfo), crlNumber(BigInt(now.getTime()))],
    }),
  });
  await crl.sign(ca.key, algorithmSpec(ca.record.keyAlgorithm).hash, pkijsEngine);
  return new Uint8Array(crl.toSchema(true).toBER(false));
}
