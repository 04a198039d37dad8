/**
 * The cast of the revocation tests, made with openssl: a GRCA-like root, a MOICA-like issuer under it, the
 * issuer's delegated OCSP responder (EKU id-kp-OCSPSigning, id-pkix-ocsp-nocheck), a responder certificate
 * the issuer made without that EKU, and an impostor: another "generation" of the issuer — same subject name,
 * different key — with a responder of its own. Cards are issued per test with the AIA/CDP URLs they need.
 */
import { OpensslPki, CA_EXTENSIONS, type Issued } from './openssl-pki';

export const ROOT_SUBJECT = '/C=TW/O=Menhu Test/CN=Menhu Test Root CA';
export const ISSUER_SUBJECT = '/C=TW/O=Menhu Test/OU=Citizen/CN=Menhu Test Citizen CA';

export interface Cast {
  pki: OpensslPki;
  root: Issued;
  issuer: Issued;
  /** Delegated by the issuer: EKU OCSPSigning. */
  ocspSigner: Issued;
  /** Issued by the issuer for something else: EKU clientAuth, no OCSPSigning. */
  notAnOcspSigner: Issued;
  /** Same subject as the issuer, another key, self-signed (another CA generation). */
  impostorIssuer: Issued;
  /** A delegated responder of the impostor, with EKU OCSPSigning. */
  impostorOcspSigner: Issued;
  card(name: string, serial: string, urls?: { ocsp?: string; crl?: string }): Issued;
}

export function makeCast(o: { prefix: string; issuerOcspUrl?: string; issuerCrlUrl?: string }): Cast {
  const pki = new OpensslPki(o.prefix);
  const root = pki.issue({ name: 'root', subject: ROOT_SUBJECT, serial: '01', extensions: CA_EXTENSIONS, days: 365 });
  const issuer = pki.issue({
    name: 'issuer',
    subject: ISSUER_SUBJECT,
    serial: '2001',
    issuer: root,
    days: 365,
    extensions: [
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      ...(o.issuerOcspUrl ? [`authorityInfoAccess=OCSP;URI:${o.issuerOcspUrl}`] : []),
      ...(o.issuerCrlUrl ? [`crlDistributionPoints=URI:${o.issuerCrlUrl}`] : []),
    ],
  });
  const responderExtensions = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'subjectKeyIdentifier=hash'];
  const ocspSigner = pki.issue({
    name: 'ocsp-signer',
    subject: '/C=TW/O=Menhu Test/CN=Menhu Test Citizen CA OCSP Responder',
    serial: '3001',
    issuer,
    extensions: [...responderExtensions, 'extendedKeyUsage=OCSPSigning', 'noCheck=ignored'],
  });
  const notAnOcspSigner = pki.issue({
    name: 'not-an-ocsp-signer',
    subject: '/C=TW/O=Menhu Test/CN=Menhu Test Citizen CA Web Server',
    serial: '3002',
    issuer,
    extensions: [...responderExtensions, 'extendedKeyUsage=clientAuth'],
  });
  const impostorIssuer = pki.issue({ name: 'impostor-issuer', subject: ISSUER_SUBJECT, serial: '2001', extensions: CA_EXTENSIONS, days: 365 });
  const impostorOcspSigner = pki.issue({
    name: 'impostor-ocsp-signer',
    subject: '/C=TW/O=Menhu Test/CN=Menhu Test Citizen CA OCSP Responder',
    serial: '3001',
    issuer: impostorIssuer,
    extensions: [...responderExtensions, 'extendedKeyUsage=OCSPSigning', 'noCheck=ignored'],
  });

  const card = (name: string, serial: string, urls: { ocsp?: string; crl?: string } = {}) =>
    pki.issue({
      name,
      subject: `/C=TW/CN=${name}/serialNumber=${serial}`,
      serial,
      issuer,
      extensions: [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,nonRepudiation',
        'subjectKeyIdentifier=hash',
        ...(urls.ocsp ? [`authorityInfoAccess=OCSP;URI:${urls.ocsp}`] : []),
        ...(urls.crl ? [`crlDistributionPoints=URI:${urls.crl}`] : []),
      ],
    });

  return { pki, root, issuer, ocspSigner, notAnOcspSigner, impostorIssuer, impostorOcspSigner, card };
}
