/**
 * What the development-CA suites share: running the independent tools (openssl, pkcs11-tool, softhsm2-util),
 * temporary folders, and a SoftHSM2 token of their own. Outside CI a missing tool skips the suite that needs it,
 * with a message naming the Debian package; under CI=true it fails instead, so a green run means it ran.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
export const SOFTHSM_MODULE = process.env.SOFTHSM2_MODULE ?? '/usr/lib/softhsm/libsofthsm2.so';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program without a shell; never throws for a non-zero exit (the test reads `code`). */
export function run(
  file: string,
  args: readonly string[],
  options: { input?: Uint8Array | string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether the commands and files are there; logs why not, or throws under CI. */
export function toolsAvailable(what: string, commands: readonly string[], files: readonly string[], remedy: string): boolean {
  const missing = [...commands.filter((c) => !onPath(c)), ...files.filter((f) => !existsSync(f))];
  if (missing.length === 0) return true;
  const message = `${what} is not available (missing ${missing.join(', ')}): ${remedy}`;
  if (IN_CI) throw new Error(`${message} (CI=true: a missing tool fails the run)`);
  console.warn(`skipping: ${message}`);
  return false;
}

export function opensslAvailable(): boolean {
  return toolsAvailable('openssl', ['openssl'], [], 'install the Debian package openssl');
}

export function softHsmAvailable(): boolean {
  return toolsAvailable('SoftHSM2 with pkcs11-tool', ['softhsm2-util', 'pkcs11-tool', 'openssl'], [SOFTHSM_MODULE], 'install the Debian packages softhsm2 and opensc');
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A SoftHSM2 token in a folder of its own (STACK-NOTES: each test its own SOFTHSM2_CONF and tokendir), found by
 * label afterwards — `--init-token --free` moves it to a random-looking slot.
 */
export async function softHsmToken(root: string, label: string, pin: string): Promise<{ env: Record<string, string> }> {
  const tokens = path.join(root, 'tokens');
  mkdirSync(tokens, { recursive: true });
  const conf = path.join(root, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { SOFTHSM2_CONF: conf };
  const init = await run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '12345678'], { env });
  if (init.code !== 0) throw new Error(`softhsm2-util --init-token failed: ${init.stderr}`);
  return { env };
}

/** Whether `needle` occurs in `haystack`, byte for byte. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}
