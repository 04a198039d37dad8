/**
 * `startDevResponder(dir, options)`: the development CA's HTTP service — what `menhu pki serve` runs and what
 * the URLs in its certificates point at.
 *
 *   POST <any path>            OCSP (RFC 6960 Appendix A.1), e.g. /ocsp/moica or / (openssl ocsp -url)
 *   GET  /ocsp/…/<base64>      OCSP by GET (RFC 6960 Appendix A.1, URL-encoded base64 of the DER request)
 *   GET  /crl/<ca>.crl         the CA's CRL, DER (application/pkix-crl, RFC 5280 §4.2.1.13)
 *   GET  /certs/<ca>.crt       the CA's certificate, DER (AIA caIssuers, RFC 5280 §4.2.2.1)
 *
 * The state file is read again for every request, so a revocation shows at once without a restart (unlike
 * `openssl ocsp -index`, which must be restarted). Keys and certificates are read once, at start.
 *
 * @example
 *   const responder = await startDevResponder('./data/devca', { host: '127.0.0.1', port: 8888 });
 *   // … later
 *   await responder.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../ports';
import { certificateDer } from '../certificate';
import { buildCrl } from './crl';
import { answerOcsp, OCSP_STATUS, ocspStatusOnly } from './ocsp';
import { CA_IDS, type CaId } from './profile';
import { loadAllCas, readState } from './store';

export interface DevResponderOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default: the port of the CA's base URL (8888 unless `init` was told otherwise); 0 picks a free one. */
  readonly port?: number;
  /** How long an OCSP answer and a CRL stay current (nextUpdate − thisUpdate). Default 300 s. */
  readonly nextUpdateSeconds?: number;
  readonly clock?: Clock;
  /** One line per request, for the operator. */
  readonly log?: (line: string) => void;
}

export interface DevResponder {
  /** e.g. http://127.0.0.1:8888 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/** The request body, or undefined when it is larger than any OCSP request (the rest is read and dropped). */
function readBody(req: http.IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > MAX_BODY_BYTES ? undefined : new Uint8Array(Buffer.concat(chunks))));
    req.once('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: Uint8Array | string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
  res.end(body);
}

function defaultPort(baseUrl: string): number {
  const url = new URL(baseUrl);
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

export async function startDevResponder(dir: string, options: DevResponderOptions = {}): Promise<DevResponder> {
  const initial = await readState(dir);
  const loaded = await loadAllCas(dir, initial);
  const cas = CA_IDS.map((id) => loaded[id]);
  const clock = options.clock ?? systemClock;
  const nextUpdateSeconds = options.nextUpdateSeconds ?? 300;
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  const isCa = (id: string): id is CaId => (CA_IDS as readonly string[]).includes(id);
  // A base URL with a path (http://host/pki, behind a proxy) puts that prefix before every path below.
  const prefix = new URL(initial.baseUrl).pathname.replace(/\/+$/, '');

  async function ocsp(res: http.ServerResponse, request: Uint8Array): Promise<void> {
    const answer = await answerOcsp(request, cas, await readState(dir), clock.now(), nextUpdateSeconds);
    log(`OCSP ${answer.summary}`);
    send(res, 200, 'application/ocsp-response', answer.der);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://responder');
    const pathname = prefix && url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
    if (req.method === 'POST') {
      const body = await readBody(req);
      if (!body) return send(res, 413, 'text/plain; charset=utf-8', 'request too large\n');
      return ocsp(res, body);
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');

    const ocspGet = /^\/ocsp\/(?:[a-z]+\/)?([A-Za-z0-9+/=%_-]+)$/.exec(pathname);
    if (ocspGet && !isCa(ocspGet[1]!)) {
      let encoded: string;
      try {
        encoded = decodeURIComponent(ocspGet[1]!);
      } catch {
        return send(res, 200, 'application/ocsp-response', ocspStatusOnly(OCSP_STATUS.malformedRequest));
      }
      return ocsp(res, new Uint8Array(Buffer.from(encoded, 'base64')));
    }
    const crl = /^\/crl\/([a-z]+)\.crl$/.exec(pathname);
    if (crl && isCa(crl[1]!)) {
      const der = await buildCrl(loaded[crl[1]], await readState(dir), clock.now(), nextUpdateSeconds);
      log(`CRL ${crl[1]}`);
      return send(res, 200, 'application/pkix-crl', der);
    }
    const cert = /^\/certs\/([a-z]+)\.crt$/.exec(pathname);
    if (cert && isCa(cert[1]!)) return send(res, 200, 'application/pkix-cert', certificateDer(loaded[cert[1]].certificate));
    if (pathname === '/' || pathname === prefix) {
      const lines = CA_IDS.map((id) => `${id}\tOCSP POST /ocsp/${id}\tCRL /crl/${id}.crl\tcertificate /certs/${id}.crt`);
      return send(res, 200, 'text/plain; charset=utf-8', `Menhu development CA responder (開發用 Development)\n${lines.join('\n')}\n`);
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`error: ${(err as Error).message}`);
      if (res.headersSent) return void res.destroy();
      // An OCSP client gets an OCSP answer it can act on; anyone else a plain 500.
      if (req.method === 'POST' || req.url?.startsWith('/ocsp/')) send(res, 200, 'application/ocsp-response', ocspStatusOnly(OCSP_STATUS.internalError));
      else send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? defaultPort(initial.baseUrl), host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
