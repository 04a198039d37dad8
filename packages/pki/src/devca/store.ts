/**
 * The development CA's folder: where each file lives, the state file (issued serials and revocations), its
 * lock, and loading a CA's certificate and keys back.
 *
 *   <dir>/devca.json              state: base URL, the CAs, every certificate issued, revocations
 *   <dir>/trust/<ca>.pem          root and issuer certificates — what TRUST_ANCHORS points at
 *   <dir>/ocsp/<ca>.pem           each CA's OCSP-responder certificate
 *   <dir>/private/<ca>.key.pem    CA and responder keys (PKCS#8, unencrypted: development only), mode 0600
 *   <dir>/issued/<SERIAL>.pem     a copy of every certificate issued
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as pkijs from 'pkijs';
import { certificatesFromPem } from '../certificate';
import { DevCaError } from './errors';
import { privateKeyFromPem, type KeyAlgorithm } from './keys';
import { CA_IDS, type CaId, type CardKind } from './profile';

export const STATE_FILE = 'devca.json';
/** Everything `init` creates; `init --force` removes exactly these and nothing else in the folder. */
export const CA_ENTRIES = [STATE_FILE, 'trust', 'ocsp', 'private', 'issued'] as const;

/** RFC 5280 §5.3.1 CRLReason names (removeFromCRL, 8, only appears in delta CRLs and is not offered). */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;

export function isRevocationReason(value: string): value is RevocationReason {
  return Object.hasOwn(REVOCATION_REASONS, value);
}

export interface CaRecord {
  readonly id: CaId;
  /** The CA that signed this one; null for the self-signed root. */
  readonly issuer: CaId | null;
  readonly serial: string;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly ocspKeyAlgorithm: KeyAlgorithm;
}

export type CertificateRole = 'root' | 'ca' | 'ocsp' | CardKind;

export interface IssuedRecord {
  /** Upper-case hexadecimal of whole bytes, as `openssl x509 -serial` prints it (see normaliseSerial). */
  readonly serial: string;
  readonly issuer: CaId;
  readonly role: CertificateRole;
  /** The subject as text, for the operator. Never holds a full ID number (cards carry only its last four digits). */
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly issuedAt: string;
  revocation?: { readonly at: string; readonly reason: RevocationReason };
}

export interface DevCaState {
  readonly version: 1;
  readonly createdAt: string;
  /** Base of the CRL, OCSP and caIssuers URLs in every certificate, e.g. http://127.0.0.1:8888 */
  readonly baseUrl: string;
  readonly cas: Record<CaId, CaRecord>;
  certificates: IssuedRecord[];
}

export const paths = {
  state: (dir: string) => path.join(dir, STATE_FILE),
  trust: (dir: string) => path.join(dir, 'trust'),
  caCertificate: (dir: string, id: CaId) => path.join(dir, 'trust', `${id}.pem`),
  ocspCertificate: (dir: string, id: CaId) => path.join(dir, 'ocsp', `${id}.pem`),
  caKey: (dir: string, id: CaId) => path.join(dir, 'private', `${id}.key.pem`),
  ocspKey: (dir: string, id: CaId) => path.join(dir, 'private', `ocsp-${id}.key.pem`),
  issued: (dir: string, serial: string) => path.join(dir, 'issued', `${serial}.pem`),
};

/**
 * Accepts `0x1A2B`, `1a:2b`, `001A2B`, `A2B`; returns whole upper-case bytes without leading zero bytes (`1A2B`,
 * `0A2B`), the form `openssl x509 -serial` prints. Serials are stored and compared in this form.
 */
export function normaliseSerial(input: string): string {
  const hex = input.trim().replace(/^0x/i, '').replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) throw new DevCaError('ERR_DEVCA_BAD_OPTION', `"${input}" is not a hexadecimal serial number (as openssl x509 -serial prints it)`);
  const digits = hex.replace(/^0+(?=.)/, '');
  return digits.length % 2 ? `0${digits}` : digits;
}

/**
 * A fresh serial: 16 random bytes (RFC 5280 §4.1.2.2 allows up to 20; CA/B practice wants ≥ 64 random bits),
 * first byte 0x01–0x7F so the INTEGER is positive and has no leading zero to disagree about.
 */
export function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! % 0x7f) + 1;
  return bytes.toString('hex').toUpperCase();
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export async function readState(dir: string): Promise<DevCaState> {
  let text: string;
  try {
    text = await readFile(paths.state(dir), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DevCaError('ERR_DEVCA_NOT_FOUND', `no development CA in ${dir} (run "menhu pki init ${dir}" first)`, { cause: err });
    }
    throw new DevCaError('ERR_DEVCA_STATE', `cannot read ${paths.state(dir)}: ${(err as Error).message}`, { cause: err });
  }
  let state: DevCaState;
  try {
    state = JSON.parse(text) as DevCaState;
  } catch (err) {
    throw new DevCaError('ERR_DEVCA_STATE', `${paths.state(dir)} is not valid JSON`, { cause: err });
  }
  if (state.version !== 1 || !state.cas || !Array.isArray(state.certificates) || !CA_IDS.every((id) => state.cas[id])) {
    throw new DevCaError('ERR_DEVCA_STATE', `${paths.state(dir)} is not a development CA state file of this version`);
  }
  return state;
}

/** Writes through a temporary file and a rename, so a reader (the responder) never sees half a file. */
export async function writeAtomically(file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, data, { mode });
  await rename(tmp, file);
}

/** Writes a file that must not exist yet (keys, certificates the operator asked for). */
export async function writeNewFile(file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  try {
    await writeFile(file, data, { mode, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new DevCaError('ERR_DEVCA_FILE_EXISTS', `${file} exists already; choose another file name or remove it`, { cause: err });
    }
    throw err;
  }
}

const LOCK_WAIT_MS = 10_000;
/** A lock older than this was left by a process that died; issuing or revoking takes well under a second. */
const LOCK_STALE_MS = 30_000;

/**
 * Read-modify-write of the state under an exclusive lock file, so two operator commands (or a test running
 * several) cannot lose each other's certificates or revocations.
 */
export async function updateState<T>(dir: string, change: (state: DevCaState) => T | Promise<T>): Promise<T> {
  const lock = `${paths.state(dir)}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') await readState(dir); // no CA here: say so
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await rm(lock, { force: true });
      else if (Date.now() - started > LOCK_WAIT_MS) throw new DevCaError('ERR_DEVCA_BUSY', `${lock} is held by another command; try again, or remove it if no menhu pki command is running`);
      else await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    const state = await readState(dir);
    const result = await change(state);
    await writeAtomically(paths.state(dir), JSON.stringify(state, null, 2) + '\n');
    return result;
  } finally {
    await rm(lock, { force: true });
  }
}

/** A CA with what it needs to sign: its certificate and key, and its OCSP responder's. */
export interface LoadedCa {
  readonly id: CaId;
  readonly record: CaRecord;
  readonly certificate: pkijs.Certificate;
  readonly key: CryptoKey;
  readonly ocspCertificate: pkijs.Certificate;
  readonly ocspKey: CryptoKey;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new DevCaError('ERR_DEVCA_STATE', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function certificateFromPem(pem: string, file: string): pkijs.Certificate {
  try {
    return certificatesFromPem(pem, file)[0]!;
  } catch (err) {
    throw new DevCaError('ERR_DEVCA_STATE', `${file} is not a PEM certificate`, { cause: err });
  }
}

export async function loadCa(dir: string, state: DevCaState, id: CaId): Promise<LoadedCa> {
  const record = state.cas[id];
  const [certPem, keyPem, ocspPem, ocspKeyPem] = await Promise.all(
    [paths.caCertificate(dir, id), paths.caKey(dir, id), paths.ocspCertificate(dir, id), paths.ocspKey(dir, id)].map(readText),
  );
  return {
    id,
    record,
    certificate: certificateFromPem(certPem!, paths.caCertificate(dir, id)),
    key: await privateKeyFromPem(keyPem!, record.keyAlgorithm, paths.caKey(dir, id)),
    ocspCertificate: certificateFromPem(ocspPem!, paths.ocspCertificate(dir, id)),
    ocspKey: await privateKeyFromPem(ocspKeyPem!, record.ocspKeyAlgorithm, paths.ocspKey(dir, id)),
  };
}

export async function loadAllCas(dir: string, state: DevCaState): Promise<Record<CaId, LoadedCa>> {
  const loaded = await Promise.all(CA_IDS.map((id) => loadCa(dir, state, id)));
  return Object.fromEntries(loaded.map((ca) => [ca.id, ca])) as Record<CaId, LoadedCa>;
}
