/**
 * For the HTTP suites: a development CA and a card from it as a PKCS#12 file (the software token), a running
 * component on a free port, and small clients for its endpoints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initDevCa, issueCard, type IssuedCard } from '@menhu/pki/devca';

export const CARD_PIN = '123456';

export interface TestCard {
  readonly dir: string;
  readonly p12: string;
  readonly password: string;
  readonly card: IssuedCard;
  /** The dev CA's PEM anchors and issuers (TRUST_ANCHORS). */
  readonly trustDir: string;
  remove(): void;
}

/** A dev CA (RSA-2048 keys, for speed) and a citizen card in a PKCS#12 file whose password is the PIN. */
export async function makeSoftwareCard(options: { keyAlgorithm?: 'rsa-2048' | 'ec-p256'; password?: string } = {}): Promise<TestCard> {
  const dir = mkdtempSync(path.join(tmpdir(), 'menhu-signer-'));
  const password = options.password ?? CARD_PIN;
  try {
    const ca = await initDevCa(path.join(dir, 'ca'), { caKeyAlgorithm: 'rsa-2048' });
    const p12 = path.join(dir, 'card.p12');
    const card = await issueCard(path.join(dir, 'ca'), {
      kind: 'citizen',
      name: '王小明',
      id: 'A123456789',
      keyAlgorithm: options.keyAlgorithm ?? 'rsa-2048',
      output: { to: 'pkcs12', file: p12, password },
    });
    return { dir, p12, password, card, trustDir: ca.trustDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** A port nobody listens on right now, on both loopback addresses. */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await probe('127.0.0.1', 0);
    if (await probe('::1', port).then(() => true, () => false)) return port;
  }
  throw new Error('no free port on both 127.0.0.1 and ::1');
}

function probe(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port }, () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly json: Record<string, unknown> & { ret_code?: number; last_error?: number };
  readonly headers: http.IncomingHttpHeaders;
}

/** A request with exactly the Host and Origin given (node:http lets a test set both, unlike fetch). */
export function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body ?? '';
    const req = http.request(
      {
        host: options.host ?? '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: { Host: `localhost:${port}`, 'Content-Length': String(Buffer.byteLength(body)), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Answer['json'] = {};
          try {
            json = JSON.parse(text) as Answer['json'];
          } catch {
            json = {};
          }
          resolve({ status: res.statusCode ?? 0, text, json, headers: res.headers });
        });
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/** The tbsPackage a page written for HiPKI sends: tbs and pin URI-encoded, then the whole form-encoded. */
export function signBody(pkg: Record<string, string>): string {
  return new URLSearchParams({ tbsPackage: JSON.stringify(pkg) }).toString();
}

export function formHeaders(origin?: string): Record<string, string> {
  return { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) };
}
