/**
 * The demo agency's configuration, from the environment like the platform's: a wrong value stops it at start
 * with a message naming the variable (ConfigError), never at the first request.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DemoAgencyConfig {
  /** The platform's origin, which is also its issuer (PLATFORM_URL, default http://127.0.0.1:3000). */
  readonly platformUrl: URL;
  /** Where the demo agency listens (SANDBOX_HOST, default 127.0.0.1; SANDBOX_PORT, default 4000). */
  readonly host: string;
  readonly port: number;
  /** The origin citizens' browsers use (SANDBOX_URL, default http://SANDBOX_HOST:SANDBOX_PORT). */
  readonly publicUrl: URL;
  /** Where the agency's client_id and secret are kept (SANDBOX_DATA_DIR, default packages/sandbox/data; gitignored). */
  readonly dataDir: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

function origin(variable: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, `"${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(variable, `"${raw}" must be http or https`);
  if (url.pathname !== '/' || url.search || url.hash) throw new ConfigError(variable, `"${raw}" must be an origin, without a path`);
  return new URL(url.origin);
}

export function loadConfig(env: Record<string, string | undefined>): DemoAgencyConfig {
  const host = env['SANDBOX_HOST'] || '127.0.0.1';
  const rawPort = env['SANDBOX_PORT'] || '4000';
  const port = Number(rawPort);
  // Port 0 would pick a free port, but the redirect URI registered with the platform has to name it beforehand.
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) throw new ConfigError('SANDBOX_PORT', `"${rawPort}" is not a port number (1–65535)`);
  return {
    platformUrl: origin('PLATFORM_URL', env['PLATFORM_URL'] || 'http://127.0.0.1:3000'),
    host,
    port,
    publicUrl: origin('SANDBOX_URL', env['SANDBOX_URL'] || `http://${host.includes(':') ? `[${host}]` : host}:${port}`),
    dataDir: path.resolve(env['SANDBOX_DATA_DIR'] || path.join(PACKAGE_DIR, 'data')),
  };
}
