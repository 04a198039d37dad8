/**
 * Answering one OCSP request (RFC 6960) from the state file: a BasicOCSPResponse signed by the issuer's
 * delegated responder (its certificate, with id-kp-OCSPSigning and ocsp-nocheck, goes in `certs`), one
 * SingleResponse per requested certificate — good, revoked (time and reason) or unknown —, thisUpdate now,
 * nextUpdate a short while later, and the request's nonce echoed (RFC 6960 §4.4.1).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseDer, parseWith } from '../certificate';
import { OID } from '../oids';
import { wholeSeconds } from './certify';
import { algorithmSpec, pkijsEngine } from './keys';
import { keyIdentifier } from './profile';
import { normaliseSerial, REVOCATION_REASONS, type DevCaState, type LoadedCa } from './store';

/** OCSPResponseStatus (RFC 6960 §4.2.1). */
export const OCSP_STATUS = { successful: 0, malformedRequest: 1, internalError: 2, tryLater: 3, sigRequired: 5, unauthorized: 6 } as const;

const MAX_REQUEST_BYTES = 64 * 1024;
/** RFC 8954 §2.1: a nonce is 1 to 32 octets; a responder may ignore a longer one. */
const MAX_NONCE_OCTETS = 32;

/** Hash algorithms a CertID may use (RFC 6960 §4.1.1; SHA-1 is what most clients, openssl included, send). */
const CERT_ID_HASHES: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export function ocspStatusOnly(status: number): Uint8Array {
  return new Uint8Array(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false));
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Does this CertID name CA `ca`? Both hashes must match (RFC 6960 §4.1.1): name hash over the DER subject, key hash over the key bits. */
function issuedBy(certId: pkijs.CertID, ca: LoadedCa): boolean {
  const algorithm = CERT_ID_HASHES[certId.hashAlgorithm.algorithmId];
  if (!algorithm) return false;
  const nameHash = createHash(algorithm).update(new Uint8Array(ca.certificate.subject.toSchema().toBER(false))).digest();
  const keyHash = createHash(algorithm).update(ca.certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  return hex(certId.issuerNameHash.valueBlock.valueHexView) === hex(nameHash) && hex(certId.issuerKeyHash.valueBlock.valueHexView) === hex(keyHash);
}

export interface OcspAnswer {
  readonly der: Uint8Array;
  /** For the responder's log: CA and status of each certificate asked about. */
  readonly summary: string;
}

export async function answerOcsp(requestDer: Uint8Array, cas: readonly LoadedCa[], state: DevCaState, now: Date, nextUpdateSeconds: number): Promise<OcspAnswer> {
  let request: pkijs.OCSPRequest;
  try {
    request = parseWith('OCSP request', () => new pkijs.OCSPRequest({ schema: parseDer(requestDer, 'OCSP request', MAX_REQUEST_BYTES) }));
  } catch {
    return { der: ocspStatusOnly(OCSP_STATUS.malformedRequest), summary: 'malformed request' };
  }
  const certIds = request.tbsRequest.requestList.map((r) => r.reqCert);
  if (certIds.length === 0) return { der: ocspStatusOnly(OCSP_STATUS.malformedRequest), summary: 'empty request' };

  // One signer per response: every certificate asked about must come from the same CA we serve.
  const ca = cas.find((c) => issuedBy(certIds[0]!, c));
  if (!ca || !certIds.every((id) => issuedBy(id, ca))) return { der: ocspStatusOnly(OCSP_STATUS.unauthorized), summary: 'issuer not served here' };

  const thisUpdate = wholeSeconds(now);
  const nextUpdate = new Date(thisUpdate.getTime() + nextUpdateSeconds * 1000);
  const statuses: string[] = [];
  const responses = certIds.map((certId) => {
    const serialBytes = hex(certId.serialNumber.valueBlock.valueHexView);
    const serial = /^[0-9a-f]+$/.test(serialBytes) ? normaliseSerial(serialBytes) : '(none)';
    const record = state.certificates.find((c) => c.issuer === ca.id && c.serial === serial);
    let certStatus: asn1js.BaseBlock;
    if (!record) {
      certStatus = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } }); // unknown [2] IMPLICIT NULL
      statuses.push(`${serial} unknown`);
    } else if (record.revocation) {
      const code = REVOCATION_REASONS[record.revocation.reason];
      // revoked [1] IMPLICIT RevokedInfo { revocationTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
      certStatus = new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 1 },
        value: [
          new asn1js.GeneralizedTime({ valueDate: new Date(record.revocation.at) }),
          ...(code === 0 ? [] : [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: code })] })]),
        ],
      });
      statuses.push(`${serial} revoked`);
    } else {
      certStatus = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }); // good [0] IMPLICIT NULL
      statuses.push(`${serial} good`);
    }
    return new pkijs.SingleResponse({ certID: certId, certStatus, thisUpdate, nextUpdate });
  });

  const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OID.ocspNonce);
  const echoNonce = nonce && nonce.extnValue.valueBlock.valueHexView.byteLength <= MAX_NONCE_OCTETS + 2;

  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      // ResponderID byKey: SHA-1 of the responder's public key bits (RFC 6960 §4.2.1).
      responderID: new asn1js.OctetString({ valueHex: keyIdentifier(ca.ocspCertificate.subjectPublicKeyInfo) }),
      producedAt: thisUpdate,
      responses,
      ...(echoNonce ? { responseExtensions: [new pkijs.Extension({ extnID: OID.ocspNonce, critical: false, extnValue: nonce.extnValue.valueBlock.valueHexView.slice().buffer })] } : {}),
    }),
    certs: [ca.ocspCertificate],
  });
  await basic.sign(ca.ocspKey, algorithmSpec(ca.record.ocspKeyAlgorithm).hash, pkijsEngine);

  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: OCSP_STATUS.successful }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: OID.ocspBasic,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
    }),
  });
  return { der: new Uint8Array(response.toSchema().toBER(false)), summary: `${ca.id}: ${statuses.join(', ')}` };
}
