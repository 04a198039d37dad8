/**
 * What the token suites share: tools on the machine, temporary folders, SoftHSM2 tokens in a folder of their
 * own, and pcscd for the empty-reader suite. Outside CI a missing tool skips the suite that needs it, with a
 * message naming the Debian packages; under CI=true it fails instead, so a green run means it ran.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
// The tool checks (skip with a reason outside CI, fail under CI), temporary folders and running a program are
// the development CA suites'; one copy serves both packages.
import { IN_CI, run as runTool, SOFTHSM_MODULE, tempDir, toolsAvailable } from '../../../pki/test/devca/support';

export { IN_CI, SOFTHSM_MODULE, tempDir, toolsAvailable };
export const OPENSC_MODULE = process.env.OPENSC_PKCS11_MODULE ?? '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const VPCD_READER_CONF = '/etc/reader.conf.d/vpcd';
/** pcsc-lite's socket (PCSCLITE_CSOCK_NAME); its presence with a listener means a pcscd is running. */
export const PCSCD_SOCKET = process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';

export function softHsmAvailable(): boolean {
  return toolsAvailable('SoftHSM2 with pkcs11-tool', ['softhsm2-util', 'pkcs11-tool'], [SOFTHSM_MODULE], 'install the Debian packages softhsm2 and opensc');
}

export function emptyReaderAvailable(): boolean {
  return toolsAvailable(
    'an empty virtual card reader (pcscd, vpcd, OpenSC)',
    ['pcscd'],
    [OPENSC_MODULE, VPCD_DRIVER, VPCD_READER_CONF],
    'install the Debian packages pcscd, vsmartcard-vpcd and opensc',
  );
}

/** Runs a program without a shell; never throws for a non-zero exit. */
export function run(file: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return runTool(file, args, { env });
}

/**
 * A SoftHSM2 configuration in a folder of its own (STACK-NOTES.md), put into this process's environment: the
 * module reads SOFTHSM2_CONF when it is initialised, so call this before the first PKCS#11 call of the file.
 */
export function softHsmConfig(root: string): { env: Record<string, string> } {
  const tokens = path.join(root, 'tokens');
  mkdirSync(tokens, { recursive: true });
  const conf = path.join(root, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = conf;
  return { env: { SOFTHSM2_CONF: conf } };
}

/** Token initialisations in this process, one after another (see initSoftHsmToken). */
let initialising: Promise<unknown> = Promise.resolve();

/**
 * A new token in the first free slot. Two `softhsm2-util --init-token --free` at once race for the same slot
 * and one fails ("Could not get info about the token in slot 0"), so calls are queued.
 */
export function initSoftHsmToken(env: Record<string, string>, label: string, pin: string): Promise<void> {
  const next = initialising.then(async () => {
    const init = await run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '12345678'], env);
    if (init.code !== 0) throw new Error(`softhsm2-util --init-token failed: ${init.stderr}`);
  });
  initialising = next.catch(() => undefined);
  return next;
}

/** Whether something listens on pcscd's socket. */
export function pcscdRunning(): Promise<boolean> {
  if (!existsSync(PCSCD_SOCKET)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = connect(PCSCD_SOCKET);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * pcscd is one daemon per machine (fixed socket, vpcd's TCP port 35963): start one in the foreground unless one
 * runs already, and stop only the one started here.
 */
export async function startPcscd(): Promise<{ startedHere: boolean; stop: () => Promise<void> }> {
  const release = await lockPcscd();
  if (await pcscdRunning()) return { startedHere: false, stop: async () => release() };
  const child: ChildProcess = spawn('pcscd', ['--foreground'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  try {
    await waitFor('pcscd to listen', pcscdRunning, 10_000);
  } catch (err) {
    child.kill('SIGTERM');
    release();
    throw err;
  }
  return {
    startedHere: true,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      release();
    },
  };
}

const PCSCD_LOCK = path.join(tmpdir(), 'menhu-pcscd-tests.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * pcscd is one per machine, and test files run two at a time: a file that starts pcscd, or needs it absent,
 * holds this lock (a folder naming its owner's pid, taken over when that process is gone) until it is done.
 * Returns the release.
 */
export async function lockPcscd(timeoutMs = 180_000): Promise<() => void> {
  const pidFile = path.join(PCSCD_LOCK, 'pid');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(PCSCD_LOCK);
      writeFileSync(pidFile, String(process.pid));
      return () => rmSync(PCSCD_LOCK, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : NaN;
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      rmSync(PCSCD_LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the pcscd test lock ${PCSCD_LOCK}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export { waitFor };
