/**
 * startSigner: the component's HTTP side, the HiPKI LocalSignServer protocol (HIPKI.md) on this computer only.
 *
 * | endpoint              | who may call                       | does                                            |
 * |-----------------------|------------------------------------|-------------------------------------------------|
 * | POST /pkcs11info      | anyone; certs only trusted origins | readers, cards (?withcert=true: certificates)   |
 * | POST /sign            | trusted origins (Origin header)    | MakeSignature from form field tbsPackage        |
 * | GET  /popupForm       | anyone (it is a page)              | the postMessage popup (pages/popup.ts)          |
 * | POST /popupCall       | the popup only (own origin + key)  | the popup's package, for event.origin           |
 * | GET  /addDomain       | anyone (a page for the person)     | asks the person to trust ?origin=               |
 * | POST /addDomain       | own origin + one-time key          | adds the origin, saves the config file          |
 * | GET  /selfTest.htm    | the person at the computer         | readers, card, certificates; no PIN             |
 * Before any of them: the Host header must be localhost, 127.0.0.1 or [::1] with our port (hosts.ts), else 403.
 * No endpoint sends CORS headers, so no other site can read an answer except through the popup.
 *
 * @example
 *   const signer = await startSigner({ token: await softwareTokenProvider('card.p12', '123456'),
 *     trustedOrigins: ['https://login.example.gov.tw'], version: '0.1.0' });
 *   // … signer.close()
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RET, LAST_ERROR } from '../codes';
import type { TokenProvider } from '../token/types';
import { signAnswer } from './answers';
import { hostAllowed } from './hosts';
import { addableOrigin, originForDisplay, parseOrigin, parseTypedOrigin, selfOrigins, TrustedOrigins } from './origins';
import { addDomainDonePage, addDomainPage, messagePage } from './pages/add-domain';
import { newNonce, type Page } from './pages/html';
import { popupPage } from './pages/popup';
import { selfTestPage } from './pages/self-test';
import { PinLimiter } from './pin-limiter';
import { pkcs11info } from './pkcs11info';
import { makeSignature } from './sign';

export const DEFAULT_PORT = 61161;
/** Browsers try ::1 first for "localhost", then 127.0.0.1; nothing else is ever bound. */
export const DEFAULT_HOSTS: readonly string[] = ['127.0.0.1', '::1'];
const MAX_BODY_BYTES = 64 * 1024;
const KEY_LIFETIME_MS = 10 * 60_000;
const MAX_KEYS = 1000;

export interface StartSignerOptions {
  readonly token: TokenProvider;
  /** Sites allowed to sign and see certificates, as origins (https://host[:port]). */
  readonly trustedOrigins: readonly string[];
  /** Default 61161 (HIPKI.md). 0 picks a free port (tests). */
  readonly port?: number;
  /** Default 127.0.0.1 and ::1; a host that cannot be bound (IPv6 switched off) is skipped, unless it is the only one. */
  readonly hosts?: readonly string[];
  /** The component's version, as `version` / `serverVersion`. */
  readonly version: string;
  /** JSON file whose `trustedOrigins` /addDomain rewrites. */
  readonly configFile?: string;
  /** PIN attempts per origin (default 5 per 60 s). */
  readonly pinLimit?: { readonly max?: number; readonly windowMs?: number };
  /** The clock (signing time, certificate expiry, limits). Default the system clock. */
  readonly now?: () => Date;
  /** One line per request: method, path, status, caller origin, ret_code. Never bodies, never the PIN. */
  readonly log?: (line: string) => void;
}

export interface RunningSigner {
  readonly port: number;
  /** The addresses actually bound. */
  readonly hosts: readonly string[];
  /** e.g. http://localhost:61161 */
  readonly url: string;
  trustedOrigins(): string[];
  close(): Promise<void>;
}

export async function startSigner(options: StartSignerOptions): Promise<RunningSigner> {
  const { token } = options;
  if (!token || typeof token.slots !== 'function' || typeof token.sign !== 'function') throw new TypeError('startSigner: token must be a TokenProvider');
  if (typeof options.version !== 'string' || options.version === '') throw new TypeError('startSigner: version is required');
  const trusted = new TrustedOrigins(options.trustedOrigins ?? [], options.configFile);
  const now = options.now ?? (() => new Date());
  const limiter = new PinLimiter({ ...options.pinLimit, now: () => now().getTime() });
  const log = options.log ?? (() => undefined);
  const hosts = options.hosts ?? DEFAULT_HOSTS;
  if (hosts.length === 0) throw new TypeError('startSigner: no host to listen on');

  // A software token is said to be one in every answer (issue 5): in the version, and in the token's label.
  let software = false;
  try {
    software = (await token.slots()).some((s) => s.token?.software);
  } catch {
    software = false; // no reader yet: a card stack, not a software token
  }
  const version = software ? `${options.version} (software token, not a card)` : options.version;

  const popupKeys = new Map<string, number>();
  const addKeys = new Map<string, { origin: string; expires: number }>();
  let port = options.port ?? DEFAULT_PORT;

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<{ status: number; retCode?: number; origin?: string }> => {
    if (!hostAllowed(req.headers.host, port)) return sendText(res, 403, 'Forbidden: this component answers only to localhost, 127.0.0.1 or [::1] on its own port.\n');
    const url = new URL(req.url ?? '/', `http://localhost:${port}`);
    const originHeader = headerValue(req.headers.origin);
    const origin = parseOrigin(originHeader);
    const own = selfOrigins(port);
    const route = `${req.method} ${url.pathname}`;

    switch (route) {
      case 'POST /pkcs11info': {
        await readBody(req); // drain; the protocol's body carries nothing here
        const answer = await pkcs11info({ token, version, withCert: url.searchParams.get('withcert') === 'true', trusted: origin !== undefined && trusted.has(origin) });
        return sendJson(res, answer, answer.ret_code, origin);
      }
      case 'POST /sign': {
        const body = await readBody(req);
        if (body === undefined) return sendText(res, 413, 'Payload too large\n');
        const tbsPackage = new URLSearchParams(body).get('tbsPackage') ?? undefined;
        const outcome = await makeSignature(
          { token, version, isTrusted: (o) => trusted.has(o), limiter, now },
          { tbsPackage, origin, interactive: false, finalTryConfirmed: false },
        );
        const answer = outcome.answer ?? signAnswer(version, RET.CANCELLED, LAST_ERROR.WRONG_PIN_ONE_LEFT);
        return sendJson(res, answer, answer.ret_code, origin);
      }
      case 'GET /popupForm': {
        const popupKey = newKey(popupKeys, now().getTime());
        return sendPage(res, popupPage({ nonce: newNonce(), popupKey, software }));
      }
      case 'POST /popupCall': {
        // Only the popup page, running in our own origin, can send this Origin; the key proves it loaded here.
        if (!originHeader || !own.has(originHeader)) return sendText(res, 403, 'Forbidden\n');
        const body = await readBody(req);
        if (body === undefined) return sendText(res, 413, 'Payload too large\n');
        const call = parsePopupCall(body);
        const expires = call ? popupKeys.get(call.popupKey) : undefined;
        if (!call || expires === undefined || expires < now().getTime()) return sendText(res, 403, 'Forbidden\n');
        // The origin here is the popup script's event.origin, set by the browser; see pages/popup.ts.
        const caller = parseOrigin(call.origin);
        const isTrusted = caller !== undefined && trusted.has(caller);
        const func = packageFunc(call.tbsPackage);
        if (func === 'CheckEnvir' || func === 'GetUserCert') {
          const answer = await pkcs11info({ token, version, withCert: func === 'GetUserCert', trusted: isTrusted });
          return sendJson(res, { answer }, answer.ret_code, caller);
        }
        if (func !== 'MakeSignature') {
          const answer = signAnswer(version, caller && !isTrusted ? RET.SITE_NOT_TRUSTED : RET.COMPONENT_ERROR);
          return sendJson(res, { answer }, answer.ret_code, caller);
        }
        if (call.decision === 'cancelled') {
          const answer = signAnswer(version, RET.CANCELLED);
          return sendJson(res, { answer }, answer.ret_code, caller);
        }
        const outcome = await makeSignature(
          { token, version, isTrusted: (o) => trusted.has(o), limiter, now },
          { tbsPackage: call.tbsPackage, origin: caller, interactive: true, finalTryConfirmed: call.decision === 'confirmed' },
        );
        if (!outcome.answer) return sendJson(res, { confirmFinalTry: true }, undefined, caller);
        return sendJson(res, { answer: outcome.answer }, outcome.answer.ret_code, caller);
      }
      case 'GET /addDomain': {
        const target = parseTypedOrigin(url.searchParams.get('origin') ?? undefined);
        if (!target || !addableOrigin(target)) {
          return sendPage(res, messagePage({ nonce: newNonce(), zh: '無法加入此網站（網址格式不符或不允許）', en: 'This site cannot be added (not a valid or allowed origin)' }), 400);
        }
        const key = randomBytes(24).toString('base64url');
        prune(addKeys, now().getTime());
        addKeys.set(key, { origin: target, expires: now().getTime() + KEY_LIFETIME_MS });
        return sendPage(res, addDomainPage({ nonce: newNonce(), origin: target, display: originForDisplay(target), key, alreadyTrusted: trusted.has(target) }));
      }
      case 'POST /addDomain': {
        // A web page can submit a form here, but its Origin is its own: only our page's POST gets past this.
        if (!originHeader || !own.has(originHeader)) return sendText(res, 403, 'Forbidden\n');
        const body = await readBody(req);
        if (body === undefined) return sendText(res, 413, 'Payload too large\n');
        const form = new URLSearchParams(body);
        const key = form.get('key') ?? '';
        const entry = addKeys.get(key);
        addKeys.delete(key); // one use, whatever happens next
        const target = parseOrigin(form.get('origin') ?? undefined);
        if (!entry || entry.expires < now().getTime() || !target || target !== entry.origin) return sendText(res, 403, 'Forbidden\n');
        await trusted.add(target);
        log(`trusted origin added: ${target}`);
        return sendPage(res, addDomainDonePage({ nonce: newNonce(), display: originForDisplay(target) }));
      }
      case 'GET /selfTest.htm': {
        const info = await pkcs11info({ token, version, withCert: true, trusted: true });
        return sendPage(res, selfTestPage({ nonce: newNonce(), info, trusted: trusted.list(), software }));
      }
      default:
        return sendText(res, 404, 'Not found\n');
    }
  };

  const servers: http.Server[] = [];
  const bound: string[] = [];
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handler(req, res).then(
      (r) => log(`${req.method} ${(req.url ?? '').split('?')[0]} ${r.status}${r.origin ? ' ' + r.origin : ''}${r.retCode !== undefined ? ' ret_code=0x' + r.retCode.toString(16) : ''}`),
      (err: unknown) => {
        log(`${req.method} ${(req.url ?? '').split('?')[0]} 500 ${(err as Error)?.name ?? 'error'}`);
        if (!res.headersSent) sendText(res, 500, 'Internal error\n');
        else res.destroy();
      },
    );
  };
  try {
    for (const [index, host] of hosts.entries()) {
      const server = http.createServer({ maxHeaderSize: 16 * 1024 }, onRequest);
      server.requestTimeout = 5 * 60_000; // a person may take a while to confirm a final try
      try {
        await listen(server, host, port);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // ::1 is missing where IPv6 is switched off; 127.0.0.1 is then enough.
        if (hosts.length > 1 && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') && index > 0) {
          log(`not listening on ${host}: ${code}`);
          continue;
        }
        throw err;
      }
      if (port === 0) port = (server.address() as AddressInfo).port;
      servers.push(server);
      bound.push(host);
    }
  } catch (err) {
    await Promise.all(servers.map((s) => closeServer(s)));
    throw err;
  }

  let closed = false;
  return {
    port,
    hosts: bound,
    url: `http://localhost:${port}`,
    trustedOrigins: () => trusted.list(),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(servers.map((s) => closeServer(s)));
    },
  };
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, ipv6Only: host.includes(':') }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/** A fresh popup key; expired keys are dropped, and the oldest when there are too many. */
function newKey(keys: Map<string, number>, at: number): string {
  for (const [k, e] of keys) if (e < at || keys.size >= MAX_KEYS) keys.delete(k);
  const key = randomBytes(24).toString('base64url');
  keys.set(key, at + KEY_LIFETIME_MS);
  return key;
}

function prune(keys: Map<string, { expires: number }>, at: number): void {
  for (const [k, e] of keys) if (e.expires < at || keys.size >= MAX_KEYS) keys.delete(k);
}

interface PopupCall {
  readonly popupKey: string;
  readonly origin: string;
  readonly tbsPackage: string;
  readonly decision: 'ask' | 'confirmed' | 'cancelled';
}

function parsePopupCall(body: string): PopupCall | undefined {
  try {
    const v = JSON.parse(body) as Record<string, unknown>;
    if (typeof v.popupKey !== 'string' || typeof v.origin !== 'string' || typeof v.tbsPackage !== 'string') return undefined;
    const decision = v.decision === 'confirmed' || v.decision === 'cancelled' ? v.decision : 'ask';
    return { popupKey: v.popupKey, origin: v.origin, tbsPackage: v.tbsPackage, decision };
  } catch {
    return undefined;
  }
}

function packageFunc(text: string): string | undefined {
  try {
    const v = JSON.parse(text) as { func?: unknown };
    return typeof v.func === 'string' ? v.func : undefined;
  } catch {
    return undefined;
  }
}

/** The body as text, or undefined when larger than MAX_BODY_BYTES. */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.once('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function sendJson(res: http.ServerResponse, value: unknown, retCode: number | undefined, origin: string | undefined) {
  res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
  return { status: 200, ...(retCode !== undefined ? { retCode } : {}), ...(origin ? { origin } : {}) };
}

function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
  return { status };
}

function sendPage(res: http.ServerResponse, page: Page, status = 200) {
  res.writeHead(status, page.headers);
  res.end(page.body);
  return { status };
}
