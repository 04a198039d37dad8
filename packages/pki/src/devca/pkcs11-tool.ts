/**
 * A PKCS#11 token (SoftHSM2 in tests, any card OpenSC's tool can reach) driven through OpenSC's `pkcs11-tool`,
 * so the library needs no native module. The token is chosen by label, never by slot index (SoftHSM moves an
 * initialised token to a random-looking slot id). The PIN reaches the tool through an environment variable
 * (`--pin env:NAME`, OpenSC ≥ 0.23), not the command line, so it does not show in `ps`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DevCaError } from './errors';

export interface TokenTarget {
  /** Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so */
  readonly module: string;
  readonly tokenLabel: string;
  readonly pin: string;
  /** The `pkcs11-tool` to run. Default: `pkcs11-tool` on PATH. */
  readonly tool?: string;
  /** Extra environment for the tool (SOFTHSM2_CONF in tests), on top of this process's. */
  readonly env?: Readonly<Record<string, string>>;
}

interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const PIN_VARIABLE = 'MENHU_DEVCA_TOKEN_PIN';

function run(target: TokenTarget, args: readonly string[], login: boolean): Promise<ToolResult> {
  const tool = target.tool ?? 'pkcs11-tool';
  const fullArgs = ['--module', target.module, '--token-label', target.tokenLabel, ...(login ? ['--login', '--pin', `env:${PIN_VARIABLE}`] : []), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(tool, fullArgs, { env: { ...process.env, ...target.env, [PIN_VARIABLE]: target.pin }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(new DevCaError('ERR_DEVCA_TOOL_MISSING', `${tool} is not installed; install the Debian package opensc (and softhsm2 for a software token)`, { cause: err }));
      } else reject(err);
    });
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Turns pkcs11-tool's failure output into the operator's error. */
function failure(target: TokenTarget, what: string, result: ToolResult): DevCaError {
  const out = `${result.stderr}\n${result.stdout}`;
  const token = `token "${target.tokenLabel}"`;
  if (/Failed to load pkcs11 module|sc_dlopen failed/i.test(out)) {
    return new DevCaError('ERR_DEVCA_PKCS11_MODULE', `cannot load the PKCS#11 module ${target.module}; check the path (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so)`);
  }
  if (/No slot with token (named|label)|No slot with a token|Cannot find token/i.test(out)) {
    return new DevCaError('ERR_DEVCA_TOKEN_NOT_FOUND', `no ${token} is present through ${target.module}; list tokens with: pkcs11-tool --module ${target.module} --list-token-slots`);
  }
  if (/CKR_PIN_INCORRECT/.test(out)) return new DevCaError('ERR_DEVCA_WRONG_PIN', `wrong PIN for ${token}`);
  if (/CKR_PIN_LOCKED/.test(out)) return new DevCaError('ERR_DEVCA_PIN_LOCKED', `the PIN of ${token} is locked; unlock it with the SO PIN (pkcs11-tool --init-pin or softhsm2-util)`);
  if (/CKR_PIN_LEN_RANGE/.test(out)) return new DevCaError('ERR_DEVCA_WRONG_PIN', `the PIN for ${token} has a length the token does not accept`);
  if (/CKR_USER_PIN_NOT_INITIALIZED/.test(out)) return new DevCaError('ERR_DEVCA_TOKEN', `${token} has no user PIN yet; initialise it first`);
  const detail = out.trim().split('\n').filter(Boolean).slice(-3).join(' / ') || `exit status ${result.code}`;
  return new DevCaError('ERR_DEVCA_TOKEN', `pkcs11-tool could not ${what} on ${token}: ${detail}`);
}

async function runOk(target: TokenTarget, what: string, args: readonly string[], login: boolean): Promise<ToolResult> {
  const result = await run(target, args, login);
  if (result.code !== 0) throw failure(target, what, result);
  return result;
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'menhu-devca-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** CKA_IDs (hex, lower case) of the objects on the token that the user can see after login. */
export async function objectIds(target: TokenTarget): Promise<Set<string>> {
  const { stdout } = await runOk(target, 'list the objects', ['--list-objects'], true);
  return new Set([...stdout.matchAll(/^\s*ID:\s*([0-9a-fA-F]+)\s*$/gm)].map((m) => m[1]!.toLowerCase()));
}

/**
 * Generates a signing key pair on the token (the private key never leaves it) and returns the public key as
 * SubjectPublicKeyInfo DER, read back with `--read-object --type pubkey`.
 */
export async function generateKeyOnToken(target: TokenTarget, params: { keyType: string; id: string; label: string }): Promise<Uint8Array<ArrayBuffer>> {
  await runOk(target, 'generate a key pair', ['--keypairgen', '--key-type', params.keyType, '--id', params.id, '--label', params.label, '--usage-sign'], true);
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'pub.der');
    await runOk(target, 'read the public key', ['--read-object', '--type', 'pubkey', '--id', params.id, '--output-file', file], true);
    return new Uint8Array(await readFile(file));
  });
}

export async function writeCertificateToToken(target: TokenTarget, params: { der: Uint8Array; id: string; label: string }): Promise<void> {
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'cert.der');
    await writeFile(file, params.der);
    await runOk(target, 'write the certificate', ['--write-object', file, '--type', 'cert', '--id', params.id, '--label', params.label], true);
  });
}

/** Best effort, after a failure: removes the key pair generated for a certificate that was never written. */
export async function deleteKeyPair(target: TokenTarget, id: string): Promise<void> {
  for (const type of ['privkey', 'pubkey']) await run(target, ['--delete-object', '--type', type, '--id', id], true).catch(() => undefined);
}
