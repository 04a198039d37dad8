/**
 * The demo agency registered with the platform once, as an operator would (`npx menhu agency add … --json`),
 * and its client_id and secret kept in `<SANDBOX_DATA_DIR>/demo-agency.json` (gitignored, mode 0600) for the
 * next start. Kept per platform and per address of the demo agency, since the redirect URI names the latter.
 * Stored credentials are used only while the platform still accepts them: a platform whose data folder was
 * wiped, or an agency disabled by an operator, gets a fresh registration.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AgencyCredentials } from './platform';

export const AGENCY_NAME = '示範機關 (Demo agency)';
/** What the demo asks for; tw_id is left out on purpose (a demo has no business with ID numbers). */
export const AGENCY_SCOPES = ['openid', 'profile', 'email'] as const;

export interface AgencyRegistration {
  readonly name: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly scopes: readonly string[];
}

/** The demo agency's registration, from the address citizens reach it at. */
export function demoRegistration(publicUrl: URL): AgencyRegistration {
  return {
    name: AGENCY_NAME,
    redirectUri: new URL('/callback', publicUrl).href,
    postLogoutRedirectUri: new URL('/signed-out', publicUrl).href,
    scopes: AGENCY_SCOPES,
  };
}

/** Registers an agency with the platform and returns its credentials. */
export type Register = (registration: AgencyRegistration) => Promise<AgencyCredentials>;

export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
  readonly code = 'ERR_REGISTRATION';
}

/**
 * Registration through the platform's operator CLI. It opens the platform's own store, so it must run with the
 * platform's environment (DATA_DIR, DATABASE_URL…) and from the folder `npm start` runs in; `command` is how
 * to start the CLI (default `npx --no-install menhu`).
 */
export function registerWithCli(options: { command?: readonly string[]; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Register {
  const [program, ...prefix] = options.command ?? ['npx', '--no-install', 'menhu'];
  return (registration) =>
    new Promise<AgencyCredentials>((resolve, reject) => {
      const args = [
        ...prefix,
        'agency',
        'add',
        '--name',
        registration.name,
        '--redirect-uri',
        registration.redirectUri,
        '--post-logout-redirect-uri',
        registration.postLogoutRedirectUri,
        '--scope',
        registration.scopes.join(' '),
        '--json',
      ];
      const child = spawn(program!, args, {
        cwd: options.cwd ?? process.cwd(),
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: options.timeoutMs ?? 60_000,
        // npx is a .cmd script on Windows, which spawn runs only through a shell.
        shell: process.platform === 'win32',
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('error', (err) => reject(new RegistrationError(`could not run ${program}: ${err.message}`, { cause: err })));
      child.once('close', (code, signal) => {
        const lastLine = stdout.trim().split('\n').at(-1) ?? '';
        let parsed: { client_id?: unknown; client_secret?: unknown } = {};
        try {
          parsed = JSON.parse(lastLine) as typeof parsed;
        } catch {
          /* reported below */
        }
        if (code === 0 && typeof parsed.client_id === 'string' && typeof parsed.client_secret === 'string') {
          resolve({ clientId: parsed.client_id, clientSecret: parsed.client_secret });
          return;
        }
        const how = signal ? `was stopped by ${signal}` : `ended with status ${String(code)}`;
        reject(new RegistrationError(`\`menhu agency add\` ${how}${stderr.trim() ? `:\n${stderr.trim()}` : ''}`));
      });
    });
}

interface StoredAgency extends AgencyCredentials {
  readonly platform: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly registeredAt: string;
}

export const CREDENTIALS_FILE = 'demo-agency.json';

function readStore(file: string): Record<string, StoredAgency> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' ? (value as Record<string, StoredAgency>) : {};
}

function writeStore(file: string, store: Record<string, StoredAgency>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Written beside and renamed, so an interrupted write never leaves half a file; 0600: it holds a secret.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(store, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, file);
}

export interface EnsureRegisteredOptions {
  readonly platformUrl: URL;
  readonly publicUrl: URL;
  readonly dataDir: string;
  readonly register: Register;
  /** Whether the platform still accepts stored credentials (platform.ts credentialsAccepted). */
  readonly accepted: (credentials: AgencyCredentials) => Promise<boolean>;
  readonly now?: () => Date;
}

/** The stored credentials when the platform still accepts them; else a new registration, stored. */
export async function ensureRegistered(options: EnsureRegisteredOptions): Promise<{ credentials: AgencyCredentials; registered: boolean; file: string }> {
  const file = path.join(options.dataDir, CREDENTIALS_FILE);
  const registration = demoRegistration(options.publicUrl);
  const key = `${options.platformUrl.origin} ${options.publicUrl.origin}`;
  const store = readStore(file);
  const stored = store[key];
  if (
    stored &&
    stored.redirectUri === registration.redirectUri &&
    stored.postLogoutRedirectUri === registration.postLogoutRedirectUri &&
    (await options.accepted(stored))
  ) {
    return { credentials: { clientId: stored.clientId, clientSecret: stored.clientSecret }, registered: false, file };
  }
  const credentials = await options.register(registration);
  // The CLI writes to whatever store its environment names; make sure it is the one this platform reads.
  if (!(await options.accepted(credentials))) {
    throw new RegistrationError(
      `the agency was registered (${credentials.clientId}), but the platform at ${options.platformUrl.origin} does not know it: the CLI used another data store than the running platform`,
    );
  }
  store[key] = {
    platform: options.platformUrl.origin,
    redirectUri: registration.redirectUri,
    postLogoutRedirectUri: registration.postLogoutRedirectUri,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    registeredAt: (options.now?.() ?? new Date()).toISOString(),
  };
  writeStore(file, store);
  return { credentials, registered: true, file };
}
