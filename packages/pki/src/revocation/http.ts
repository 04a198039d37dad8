/**
 * The HttpClient port (../ports.ts) on node:http and node:https, for fetching OCSP answers and CRLs.
 *
 * Everything that is not a complete answer within the deadline and the size cap rejects with
 * PkiError('ERR_PKI_REVOCATION_UNAVAILABLE'), whose detail says what went wrong; the revocation checks then
 * fail closed. Deliberately:
 * - the deadline covers the whole exchange (connect, headers and body), not only idle time, so a responder
 *   that trickles bytes cannot hold a login open;
 * - redirects are not followed (RFC 6960 Appendix A.1 and RFC 5280 §4.2.1.13 name the URL to use): a 3xx is
 *   returned as it is, and callers accept only 200;
 * - no connection is reused (`agent: false`), so nothing lingers after an answer or a time-out;
 * - no `Accept-Encoding` is sent, so the size cap counts the bytes that will be parsed.
 *
 * @example
 *   const http = nodeHttpClient();
 *   const res = await http.request(url, { method: 'POST', body: der, contentType: 'application/ocsp-request',
 *     timeoutMs: 5000, maxBytes: 64 * 1024 });
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { PkiError } from '../errors';
import type { HttpClient, HttpResponse } from '../ports';

export interface NodeHttpClientOptions {
  /** Sent as User-Agent; some responders refuse requests without one. */
  userAgent?: string;
  /** Extra options for HTTPS (e.g. `ca` for a private responder); TLS is verified by Node's defaults. */
  tls?: Pick<https.RequestOptions, 'ca' | 'servername'>;
}

/** Caller misuse (not untrusted input) rejects with a TypeError: a deadline or cap must be a positive integer. */
function checkLimit(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`nodeHttpClient: ${name} must be a positive integer, got ${value}`);
}

export function nodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  const userAgent = options.userAgent ?? 'menhu-pki';
  return {
    async request(url, { method, body, contentType, timeoutMs, maxBytes }): Promise<HttpResponse> {
      checkLimit('timeoutMs', timeoutMs);
      checkLimit('maxBytes', maxBytes);
      if (method !== 'GET' && method !== 'POST') throw new TypeError(`nodeHttpClient: unsupported method ${String(method)}`);
      const what = `${method} ${url}`;
      const fail = (detail: string, cause?: unknown) => new PkiError('ERR_PKI_REVOCATION_UNAVAILABLE', `${what}: ${detail}`, { cause });

      let target: URL;
      try {
        target = new URL(url);
      } catch (err) {
        throw fail('not a URL', err);
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw fail(`scheme ${target.protocol} is not http or https`);
      if (target.username || target.password) throw fail('credentials in the URL are not accepted');

      const headers: Record<string, string | number> = { 'user-agent': userAgent, connection: 'close' };
      if (body !== undefined) {
        headers['content-type'] = contentType ?? 'application/octet-stream';
        headers['content-length'] = body.byteLength;
      }
      const transport = target.protocol === 'https:' ? https : http;

      return await new Promise<HttpResponse>((resolve, reject) => {
        let settled = false;
        const settle = (err: PkiError | undefined, value?: HttpResponse) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          if (err) {
            req.destroy();
            reject(err);
          } else resolve(value!);
        };
        const req = transport.request(target, { method, headers, agent: false, ...(target.protocol === 'https:' ? options.tls : {}) }, (res) => {
          const declared = Number(res.headers['content-length']);
          if (Number.isFinite(declared) && declared > maxBytes) {
            settle(fail(`answer of ${declared} bytes exceeds the cap of ${maxBytes}`));
            res.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.byteLength;
            if (received > maxBytes) {
              settle(fail(`answer exceeds the cap of ${maxBytes} bytes`));
              res.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            const merged = Buffer.concat(chunks);
            settle(undefined, {
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'],
              body: new Uint8Array(merged.buffer, merged.byteOffset, merged.byteLength),
            });
          });
          res.on('error', (err) => settle(fail(`answer broken off: ${err.message}`, err)));
          // 'close' without 'end' means the peer cut the body short.
          res.on('close', () => settle(fail('connection closed before the answer was complete')));
        });
        const deadline = setTimeout(() => settle(fail(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
        req.on('error', (err) => settle(fail(err.message || (err as NodeJS.ErrnoException).code || 'request failed', err)));
        req.end(body === undefined ? undefined : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      });
    },
  };
}
