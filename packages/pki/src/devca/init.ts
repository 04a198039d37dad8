/**
 * `initDevCa(dir, options)`: makes the development PKI — a GRCA-like root, MOICA-, MOEACA- and GCA-like
 * issuers, an OCSP-responder certificate for each of the four — and writes it into `dir`.
 *
 * Profiles follow the real GRCA G3 and MOICA-G3 certificates (shared/reference/trust-anchors/):
 *  - root: RSA-4096, basicConstraints cA (critical, no path length), keyUsage digitalSignature keyCertSign
 *    cRLSign (critical), SKI; no AKI, CRL or AIA (none in GRCA G3).
 *  - issuers: RSA-4096, AKI = root SKI, SKI, keyUsage digitalSignature keyCertSign cRLSign (critical), CRL
 *    distribution point and AIA (caIssuers, OCSP) at the development responder, basicConstraints cA pathlen 0
 *    (critical), certificatePolicies 2.16.886.101.0.3.3 — the extensions and order of MOICA-G3.
 *  - OCSP responders: RSA-2048, keyUsage digitalSignature (critical), EKU id-kp-OCSPSigning,
 *    id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2), AKI, SKI.
 *
 * @example
 *   const ca = await initDevCa('./data/devca', { baseUrl: 'http://127.0.0.1:8888' });
 *   // TRUST_ANCHORS=./data/devca/trust
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type * as pkijs from 'pkijs';
import { certificateDer, toPem } from '../certificate';
import { OID } from '../oids';
import { systemClock, type Clock } from '../ports';
import { addYears, certify, earlier, serialHex, spkiOfKey, wholeSeconds, type Signer } from './certify';
import { DevCaError } from './errors';
import { generateKeyPair, isKeyAlgorithm, privateKeyToPem, type KeyAlgorithm } from './keys';
import {
  CA_IDS,
  ISSUER_IDS,
  ISSUER_POLICIES,
  authorityInfoAccess,
  authorityKeyIdentifier,
  basicConstraints,
  caSubject,
  caUrls,
  certificatePolicies,
  extendedKeyUsage,
  keyUsage,
  nameToText,
  ocspNoCheck,
  ocspResponderSubject,
  revocationPointers,
  subjectKeyIdentifier,
  type CaId,
} from './profile';
import { CA_ENTRIES, exists, newSerial, paths, writeAtomically, writeNewFile, type CaRecord, type DevCaState, type IssuedRecord } from './store';

export interface InitDevCaOptions {
  /** Base URL of the development responder (`menhu pki serve`), written into every CRL and AIA URL. Default http://127.0.0.1:8888 */
  readonly baseUrl?: string;
  /**
   * Key of the root and the three issuers. Default `rsa-4096`, as the real GRCA G3 and MOICA-G3 (four keys
   * take about 2–3 s on two cores). `rsa-2048` or `ec-p384` make a faster, or an EC, CA for tests.
   */
  readonly caKeyAlgorithm?: KeyAlgorithm;
  /** Key of the OCSP-responder certificates. Default `rsa-2048`. */
  readonly ocspKeyAlgorithm?: KeyAlgorithm;
  /** Replace a CA already in `dir` (its files only; anything else in the folder stays). */
  readonly force?: boolean;
  readonly clock?: Clock;
}

export interface DevCaCertificate {
  readonly serial: string;
  readonly file: string;
  readonly pem: string;
}

export interface DevCa {
  readonly dir: string;
  readonly baseUrl: string;
  /** The folder of PEM CA certificates to give the platform as TRUST_ANCHORS. */
  readonly trustDir: string;
  readonly cas: Readonly<Record<CaId, DevCaCertificate>>;
  readonly ocspResponders: Readonly<Record<CaId, DevCaCertificate>>;
}

/** Validity, shorter than the real ones (GRCA G3 ~27 years, MOICA-G3 20) but each inside its issuer's. */
const ROOT_YEARS = 20;
const ISSUER_YEARS = 15;
const OCSP_YEARS = 5;
/** Backdating absorbs clock differences between the machine that issues and the one that verifies. */
const BACKDATE_MS = 5 * 60_000;

export function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DevCaError('ERR_DEVCA_BAD_OPTION', `base URL "${value}" is not a URL; use e.g. http://127.0.0.1:8888`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new DevCaError('ERR_DEVCA_BAD_OPTION', `base URL "${value}" must be a plain http(s) URL, e.g. http://127.0.0.1:8888`);
  }
  // OCSP and CRL fetchers use plain HTTP (RFC 6960 Appendix A, RFC 5280 §4.2.1.13); the path may be a prefix.
  return url.href.replace(/\/+$/, '');
}

export async function initDevCa(dir: string, options: InitDevCaOptions = {}): Promise<DevCa> {
  const baseUrl = checkBaseUrl(options.baseUrl ?? 'http://127.0.0.1:8888');
  const caKeyAlgorithm = options.caKeyAlgorithm ?? 'rsa-4096';
  const ocspKeyAlgorithm = options.ocspKeyAlgorithm ?? 'rsa-2048';
  for (const alg of [caKeyAlgorithm, ocspKeyAlgorithm]) {
    if (!isKeyAlgorithm(alg)) throw new DevCaError('ERR_DEVCA_BAD_OPTION', `unknown key algorithm "${alg}"`);
  }
  const clock = options.clock ?? systemClock;

  const present = [];
  for (const entry of CA_ENTRIES) if (await exists(path.join(dir, entry))) present.push(entry);
  if (present.length > 0) {
    if (!options.force) {
      throw new DevCaError('ERR_DEVCA_EXISTS', `${dir} already holds a development CA (${present.join(', ')}); use --force to replace it`);
    }
    for (const entry of CA_ENTRIES) await rm(path.join(dir, entry), { recursive: true, force: true });
  }

  // All keys at once: WebCrypto generates them on libuv's thread pool.
  const [caKeys, ocspKeys] = await Promise.all([
    Promise.all(CA_IDS.map(() => generateKeyPair(caKeyAlgorithm))),
    Promise.all(CA_IDS.map(() => generateKeyPair(ocspKeyAlgorithm))),
  ]);
  const keyOf = (id: CaId) => caKeys[CA_IDS.indexOf(id)]!;
  const ocspKeyOf = (id: CaId) => ocspKeys[CA_IDS.indexOf(id)]!;

  const now = wholeSeconds(clock.now());
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const issued: IssuedRecord[] = [];
  const record = (cert: pkijs.Certificate, issuer: CaId, role: IssuedRecord['role']) =>
    issued.push({
      serial: serialHex(cert),
      issuer,
      role,
      subject: nameToText(cert.subject),
      notBefore: cert.notBefore.value.toISOString(),
      notAfter: cert.notAfter.value.toISOString(),
      issuedAt: now.toISOString(),
    });

  const rootKeys = keyOf('grca');
  const rootSpki = await spkiOfKey(rootKeys.publicKey);
  const root = await certify({
    serial: newSerial(),
    subject: caSubject('grca'),
    spki: rootSpki,
    notBefore,
    notAfter: addYears(now, ROOT_YEARS),
    selfKey: { key: rootKeys.privateKey, keyAlgorithm: caKeyAlgorithm },
    // GRCA G3's extensions, in its order.
    extensions: [basicConstraints(), subjectKeyIdentifier(rootSpki), keyUsage(['digitalSignature', 'keyCertSign', 'cRLSign'])],
  });
  record(root, 'grca', 'root');
  const rootSigner: Signer = { certificate: root, key: rootKeys.privateKey, keyAlgorithm: caKeyAlgorithm };

  const caCerts: Partial<Record<CaId, pkijs.Certificate>> = { grca: root };
  for (const id of ISSUER_IDS) {
    const spki = await spkiOfKey(keyOf(id).publicKey);
    const cert = await certify({
      serial: newSerial(),
      subject: caSubject(id),
      spki,
      notBefore,
      notAfter: earlier(addYears(now, ISSUER_YEARS), root.notAfter.value),
      issuer: rootSigner,
      // MOICA-G3's extensions, in its order.
      extensions: [
        authorityKeyIdentifier(rootSpki),
        subjectKeyIdentifier(spki),
        keyUsage(['digitalSignature', 'keyCertSign', 'cRLSign']),
        ...revocationPointers(baseUrl, 'grca'),
        basicConstraints(0),
        certificatePolicies(ISSUER_POLICIES[id]),
      ],
    });
    record(cert, 'grca', 'ca');
    caCerts[id] = cert;
  }

  const ocspCerts: Partial<Record<CaId, pkijs.Certificate>> = {};
  for (const id of CA_IDS) {
    const issuerCert = caCerts[id]!;
    const spki = await spkiOfKey(ocspKeyOf(id).publicKey);
    const cert = await certify({
      serial: newSerial(),
      subject: ocspResponderSubject(id),
      spki,
      notBefore,
      notAfter: earlier(addYears(now, OCSP_YEARS), issuerCert.notAfter.value),
      issuer: { certificate: issuerCert, key: keyOf(id).privateKey, keyAlgorithm: caKeyAlgorithm },
      extensions: [
        authorityKeyIdentifier(issuerCert.subjectPublicKeyInfo),
        subjectKeyIdentifier(spki),
        keyUsage(['digitalSignature']),
        extendedKeyUsage([OID.ekuOcspSigning]),
        ocspNoCheck(),
        authorityInfoAccess({ caIssuers: caUrls(baseUrl, id).caIssuers }),
      ],
    });
    record(cert, id, 'ocsp');
    ocspCerts[id] = cert;
  }

  await mkdir(dir, { recursive: true });
  for (const sub of ['trust', 'ocsp', 'issued']) await mkdir(path.join(dir, sub), { recursive: true });
  await mkdir(path.join(dir, 'private'), { recursive: true, mode: 0o700 });

  const cas = {} as Record<CaId, DevCaCertificate>;
  const ocspResponders = {} as Record<CaId, DevCaCertificate>;
  const caRecords = {} as Record<CaId, CaRecord>;
  for (const id of CA_IDS) {
    const cert = caCerts[id]!;
    const ocsp = ocspCerts[id]!;
    const pem = toPem(certificateDer(cert));
    const ocspPem = toPem(certificateDer(ocsp));
    await writeNewFile(paths.caCertificate(dir, id), pem);
    await writeNewFile(paths.ocspCertificate(dir, id), ocspPem);
    await writeNewFile(paths.caKey(dir, id), await privateKeyToPem(keyOf(id).privateKey), 0o600);
    await writeNewFile(paths.ocspKey(dir, id), await privateKeyToPem(ocspKeyOf(id).privateKey), 0o600);
    await writeNewFile(paths.issued(dir, serialHex(cert)), pem);
    await writeNewFile(paths.issued(dir, serialHex(ocsp)), ocspPem);
    cas[id] = { serial: serialHex(cert), file: paths.caCertificate(dir, id), pem };
    ocspResponders[id] = { serial: serialHex(ocsp), file: paths.ocspCertificate(dir, id), pem: ocspPem };
    caRecords[id] = { id, issuer: id === 'grca' ? null : 'grca', serial: cas[id].serial, keyAlgorithm: caKeyAlgorithm, ocspKeyAlgorithm };
  }

  const state: DevCaState = { version: 1, createdAt: now.toISOString(), baseUrl, cas: caRecords, certificates: issued };
  // The state file last: its presence is what says "a CA lives here".
  await writeAtomically(paths.state(dir), JSON.stringify(state, null, 2) + '\n');
  return { dir, baseUrl, trustDir: paths.trust(dir), cas, ocspResponders };
}
