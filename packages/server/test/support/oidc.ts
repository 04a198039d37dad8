/**
 * For OpenID Connect tests: the real platform listening on a free port (openid-client, the relying party,
 * talks to it over HTTP), and a citizen's browser reduced to what the flow needs — a cookie jar that follows
 * redirects by hand, reads the form token off each page, and stops at the agency's redirect URI.
 */
import * as client from 'openid-client';
import { loadConfig } from '../../src/config/schema';
import { startServer, type RunningServer } from '../../src/server';
import { csrfFrom, tempDir } from './platform';
import { freePort } from './ports';

export interface OidcPlatform {
  readonly server: RunningServer;
  readonly baseUrl: string;
  /** openid-client's view of the platform for one agency (discovery; plain http allowed, as in development). */
  relyingParty(clientId: string, clientSecret: string): Promise<client.Configuration>;
  close(): Promise<void>;
}

export async function startOidcPlatform(env: Record<string, string> = {}): Promise<OidcPlatform> {
  const tmp = tempDir('menhu-oidc-');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await startServer(
    loadConfig({ HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: baseUrl, DATA_DIR: tmp.dir, LOG_LEVEL: 'silent', DEMO_DATA: 'true', DEV_PKI: 'false', ...env }),
  );
  return {
    server,
    baseUrl,
    relyingParty: (clientId, clientSecret) => client.discovery(new URL(baseUrl), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] }),
    async close() {
      await server.close();
      tmp.remove();
    },
  };
}

export interface Visit {
  readonly url: URL;
  readonly status: number;
  readonly body: string;
}

/** A citizen's browser: cookies per host, redirects followed until a page, or until `stopAt`'s origin. */
export class WebUser {
  private readonly jar = new Map<string, Map<string, string>>();
  /** The form token of the last page seen. */
  csrf = '';

  constructor(private readonly stopAt: string) {}

  private cookieHeader(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(url: URL, res: Response): void {
    const cookies = this.jar.get(url.host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(url.host, cookies);
  }

  /** A page script's JSON request (the card panel's), with the page's form token in the header. */
  async json(url: string | URL, body?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
    const target = new URL(url);
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'x-csrf-token': this.csrf, accept: 'application/json', cookie: this.cookieHeader(target), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    this.remember(target, res);
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  /** Opens `start` (GET, or POST with `form`) and follows redirects; the page or the stop URL reached. */
  async go(start: string | URL, form?: Record<string, string>): Promise<Visit> {
    let url = new URL(start);
    let init: RequestInit = form
      ? { method: 'POST', body: new URLSearchParams({ _csrf: this.csrf, ...form }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : { method: 'GET' };
    for (let hops = 0; hops < 20; hops++) {
      if (url.origin === this.stopAt) return { url, status: 0, body: '' };
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader(url), 'accept-language': 'zh-TW' } });
      this.remember(url, res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url);
        init = { method: 'GET' };
        continue;
      }
      const body = await res.text();
      try {
        this.csrf = csrfFrom(body);
      } catch {
        /* a page without forms */
      }
      return { url, status: res.status, body };
    }
    throw new Error(`too many redirects from ${String(start)}`);
  }
}
