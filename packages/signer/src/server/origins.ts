/**
 * Web origins: how the component recognises a caller, the sites the citizen trusts, and its own origins.
 * An origin is only ever read from the browser (the Origin header, or a postMessage event's origin), never
 * from a request body, and it must be in the exact form browsers serialise it (RFC 6454 §6.1).
 */
import { rename, readFile, writeFile } from 'node:fs/promises';
import { domainToASCII } from 'node:url';

/** The origin in canonical form, or undefined for "null", paths, credentials, or anything not http(s). */
/** An http(s) URL without credentials, from at most 512 characters; undefined for anything else. */
function httpUrl(text: string | undefined): URL | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 512) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url;
}

export function parseOrigin(text: string | undefined): string | undefined {
  const url = httpUrl(text);
  if (!url || text === undefined) return undefined;
  // Browsers send exactly the serialised origin; anything else (a path, a trailing slash) is not one.
  return url.origin === text.toLowerCase() || url.origin === text ? url.origin : undefined;
}

/**
 * An origin a person or a page typed (the /addDomain link): Unicode host names are allowed and come back in
 * punycode, as the WHATWG URL parser writes them; a trailing "/" is tolerated, any other path is not.
 */
export function parseTypedOrigin(text: string | undefined): string | undefined {
  const url = httpUrl(text);
  if (!url || text === undefined || url.pathname !== '/' || url.search || url.hash) return undefined;
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(text)) return undefined; // "https://a.example/?" and the like
  return url.origin;
}

/** The origin with its host in punycode (domainToASCII), so look-alike Unicode names cannot hide. */
export function originForDisplay(origin: string): string {
  const url = new URL(origin);
  const host = url.hostname.startsWith('[') ? url.hostname : domainToASCII(url.hostname) || url.hostname;
  return `${url.protocol}//${host}${url.port ? ':' + url.port : ''}`;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether the citizen may add this origin with /addDomain: https, or plain http only on this computer
 * (a developer's own platform). Anything else is refused outright (DOMAIN_NOT_ALLOWED).
 */
export function addableOrigin(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
}

/** The component's own origins on `port`: the three names a browser may use for this computer. */
export function selfOrigins(port: number): ReadonlySet<string> {
  return new Set([`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]);
}

/**
 * The sites the citizen trusts. Starts from the configured list; /addDomain adds to it, and when a config file
 * is given the new list is written there (the file's other settings are kept).
 */
export class TrustedOrigins {
  readonly #origins = new Set<string>();
  readonly #configFile: string | undefined;

  constructor(origins: readonly string[], configFile?: string) {
    for (const text of origins) {
      const origin = parseTypedOrigin(text); // a person wrote these: Unicode names are kept as punycode
      if (!origin) throw new TypeError(`"${text}" is not a web origin such as https://login.example.gov.tw`);
      this.#origins.add(origin);
    }
    this.#configFile = configFile;
  }

  has(origin: string): boolean {
    return this.#origins.has(origin);
  }

  list(): string[] {
    return [...this.#origins].sort();
  }

  async add(origin: string): Promise<void> {
    if (this.#origins.has(origin)) return;
    this.#origins.add(origin);
    if (this.#configFile) await writeTrustedOrigins(this.#configFile, this.list());
  }
}

/** Rewrites `trustedOrigins` in the JSON config file, keeping its other keys; atomically (temp file, rename). */
async function writeTrustedOrigins(file: string, origins: readonly string[]): Promise<void> {
  let config: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  config.trustedOrigins = origins;
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  await rename(temp, file);
}
