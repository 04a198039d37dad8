/**
 * The platform's configuration: read from the environment, checked once at start. Every value has a safe
 * default for a developer's machine (embedded SQLite under ./data, http on 127.0.0.1:3000); a value that is
 * set but wrong stops the platform with the variable's name and what is wrong (see ConfigError).
 */
import { isIP } from 'node:net';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export class ConfigError extends Error {
  readonly problems: readonly { variable: string; message: string }[];
  constructor(problems: readonly { variable: string; message: string }[]) {
    super(
      'Invalid configuration; the platform did not start:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return fallback;
      if (!/^\d+$/.test(s.trim())) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, not "${s}"` });
        return z.NEVER;
      }
      const n = Number(s);
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be from ${min} to ${max}, not ${n}` });
        return z.NEVER;
      }
      return n;
    });

function urlWithScheme(schemes: readonly string[], what: string) {
  return optionalString.superRefine((s, ctx) => {
    if (s === undefined) return;
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: `is not a URL; expected ${what}` });
      return;
    }
    if (!schemes.includes(url.protocol)) {
      ctx.addIssue({ code: 'custom', message: `must use ${schemes.join(' or ')} (${what}), not ${url.protocol}` });
    }
  });
}

/** Base64 of at least `bytes` bytes: a key. */
function key(bytes: number) {
  return optionalString.superRefine((s, ctx) => {
    if (s === undefined) return;
    const raw = /^[A-Za-z0-9+/_-]+=*$/.test(s) ? Buffer.from(s, 'base64') : Buffer.alloc(0);
    if (raw.length < bytes) {
      ctx.addIssue({ code: 'custom', message: `must be base64 of at least ${bytes} random bytes (openssl rand -base64 ${bytes})` });
    }
  });
}

function isCidrOrIp(entry: string): boolean {
  const [addr = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d+$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export const CARD_LOGIN_KIND_NAMES = ['citizen', 'business', 'agency'] as const;
export type CardLoginKind = (typeof CARD_LOGIN_KIND_NAMES)[number];

const envSchema = z.object({
  NODE_ENV: optionalString,
  LOG_LEVEL: optionalString.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  HOST: optionalString,
  PORT: integer(0, 65535, 3000),
  PUBLIC_URL: urlWithScheme(['http:', 'https:'], 'the address citizens use, such as https://login.example.gov.tw').superRefine(
    (s, ctx) => {
      if (s === undefined || !URL.canParse(s)) return;
      const url = new URL(s);
      if (url.pathname !== '/' || url.search || url.hash) {
        ctx.addIssue({ code: 'custom', message: 'must be an origin only (scheme, host and port), with no path' });
      }
    },
  ),
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString.superRefine((s, ctx) => {
    if (s === undefined) return;
    if (s.startsWith('sqlite:')) {
      if (s.length === 'sqlite:'.length) ctx.addIssue({ code: 'custom', message: 'sqlite: needs a file path, as in sqlite:./data/menhu.sqlite' });
      return;
    }
    if (/^postgres(ql)?:\/\//.test(s) && URL.canParse(s)) return;
    ctx.addIssue({ code: 'custom', message: 'must be sqlite:<file path> or postgres://user@host:port/database' });
  }),
  REDIS_URL: urlWithScheme(['redis:', 'rediss:'], 'redis://host:6379'),
  SMTP_URL: urlWithScheme(['smtp:', 'smtps:'], 'smtp://user:password@host:587'),
  TRUSTED_PROXIES: optionalString.superRefine((s, ctx) => {
    if (s === undefined) return;
    const bad = s.split(',').map((e) => e.trim()).filter((e) => !isCidrOrIp(e));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of IP addresses or CIDR ranges; not valid: ${bad.join(', ')}` });
    }
  }),
  SIGNER_URL: urlWithScheme(['http:', 'https:'], 'the local signing component, http://localhost:61161'),
  TRUST_ANCHORS: optionalString.superRefine((s, ctx) => {
    if (s === undefined) return;
    if (!existsSync(s) || !statSync(s).isDirectory()) {
      ctx.addIssue({ code: 'custom', message: `must be a folder of PEM CA certificates; "${s}" is not a folder` });
    }
  }),
  // Which cards may sign in: the citizen card always; business (MOEACA) and agency (GCA) certificates only
  // where this platform serves organisations, and then never as a citizen account.
  CARD_LOGIN_KINDS: optionalString.superRefine((s, ctx) => {
    if (s === undefined) return;
    const bad = s.split(',').map((k) => k.trim()).filter((k) => !(CARD_LOGIN_KIND_NAMES as readonly string[]).includes(k));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${CARD_LOGIN_KIND_NAMES.join(', ')}; not valid: ${bad.join(', ')}` });
  }),
  DATA_ENCRYPTION_KEY: key(32),
  LOOKUP_HASH_KEY: key(32),
  SESSION_IDLE_SECONDS: integer(30, 24 * 3600, 20 * 60),
  SESSION_ABSOLUTE_SECONDS: integer(60, 7 * 24 * 3600, 8 * 3600),
  SESSION_WARNING_SECONDS: integer(5, 3600, 120),
  RATE_LIMIT_PER_MINUTE: integer(10, 1_000_000, 600),
  // NIST SP 800-63B §5.1.1.2: at least 8.
  PASSWORD_MIN_LENGTH: integer(8, 64, 8),
  DEMO_DATA: optionalString.pipe(z.enum(['true', 'false']).optional()),
  DEV_PKI: optionalString.pipe(z.enum(['true', 'false']).optional()),
  DEV_PKI_PORT: integer(0, 65535, 8888),
});

export type Env = Readonly<Record<string, string | undefined>>;

export interface Config {
  readonly production: boolean;
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  /** The origin citizens use, e.g. https://login.example.gov.tw; links in mail and cookie security follow it. */
  readonly publicUrl: URL;
  /** Cookies are `Secure` and `__Host-` prefixed when the public URL is https. */
  readonly secureCookies: boolean;
  readonly dataDir: string;
  readonly database: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly redisUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  /** Fastify's trustProxy: the addresses whose X-Forwarded-For is believed; false when none. */
  readonly trustedProxies: readonly string[];
  readonly signerUrl: URL;
  readonly trustAnchorsDir: string | undefined;
  /** The kinds of card that may sign in; always includes 'citizen'. */
  readonly cardLoginKinds: readonly CardLoginKind[];
  /** Keys given by the environment; those missing are generated into DATA_DIR on first start (secrets.ts). */
  readonly keys: { readonly dataEncryptionKey: string | undefined; readonly lookupHashKey: string | undefined };
  readonly session: { readonly idleSeconds: number; readonly absoluteSeconds: number; readonly warningSeconds: number };
  readonly rateLimitPerMinute: number;
  readonly passwordMinLength: number;
  readonly demoData: boolean;
  /**
   * The development CA and a demo software card under DATA_DIR/devca, with its OCSP responder on devPkiPort
   * (0: a free port chosen once): on by default for the demo, when no TRUST_ANCHORS are configured.
   */
  readonly devPki: boolean;
  readonly devPkiPort: number;
}

/** Reads and checks the configuration. Throws ConfigError naming every bad variable at once. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const e = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (e.SESSION_WARNING_SECONDS >= e.SESSION_IDLE_SECONDS) {
    problems.push({ variable: 'SESSION_WARNING_SECONDS', message: `must be shorter than SESSION_IDLE_SECONDS (${e.SESSION_IDLE_SECONDS})` });
  }
  if (e.SESSION_IDLE_SECONDS > e.SESSION_ABSOLUTE_SECONDS) {
    problems.push({ variable: 'SESSION_IDLE_SECONDS', message: `must not be longer than SESSION_ABSOLUTE_SECONDS (${e.SESSION_ABSOLUTE_SECONDS})` });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const production = e.NODE_ENV === 'production';
  const host = e.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(cwd, e.DATA_DIR ?? 'data');
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${e.PORT}`);
  const database = e.DATABASE_URL?.startsWith('postgres')
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({
        kind: 'sqlite',
        file: e.DATABASE_URL ? resolveSqlitePath(e.DATABASE_URL.slice('sqlite:'.length), cwd) : path.join(dataDir, 'menhu.sqlite'),
      } as const);
  return {
    production,
    logLevel: e.LOG_LEVEL ?? 'info',
    host,
    port: e.PORT,
    publicUrl,
    secureCookies: publicUrl.protocol === 'https:',
    dataDir,
    database,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    trustedProxies: e.TRUSTED_PROXIES ? e.TRUSTED_PROXIES.split(',').map((s) => s.trim()) : [],
    signerUrl: new URL(e.SIGNER_URL ?? 'http://localhost:61161'),
    trustAnchorsDir: e.TRUST_ANCHORS ? path.resolve(cwd, e.TRUST_ANCHORS) : undefined,
    cardLoginKinds: [...new Set<CardLoginKind>(['citizen', ...((e.CARD_LOGIN_KINDS ?? '').split(',').map((k) => k.trim()).filter(Boolean) as CardLoginKind[])])],
    keys: { dataEncryptionKey: e.DATA_ENCRYPTION_KEY, lookupHashKey: e.LOOKUP_HASH_KEY },
    session: {
      idleSeconds: e.SESSION_IDLE_SECONDS,
      absoluteSeconds: e.SESSION_ABSOLUTE_SECONDS,
      warningSeconds: e.SESSION_WARNING_SECONDS,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    passwordMinLength: e.PASSWORD_MIN_LENGTH,
    demoData: e.DEMO_DATA ? e.DEMO_DATA === 'true' : !production,
    devPki: e.DEV_PKI ? e.DEV_PKI === 'true' : !production && !e.TRUST_ANCHORS && (e.DEMO_DATA ?? 'true') === 'true',
    devPkiPort: e.DEV_PKI_PORT,
  };
}

function resolveSqlitePath(p: string, cwd: string): string {
  if (p === ':memory:') return p;
  return path.resolve(cwd, p.startsWith('//') ? p.slice(2) : p);
}
