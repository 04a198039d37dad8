import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpClient } from '../../src/revocation/http';
import { freePort, startHangingServer } from './servers';

const client = nodeHttpClient();
const limits = { timeoutMs: 2000, maxBytes: 1024 };
const unavailable = (detail: RegExp) => ({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE', detail: expect.stringMatching(detail) });

let server: http.Server;
let base: string;
let received: { method?: string; contentType?: string; body: Buffer }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
      switch (req.url) {
        case '/echo':
          res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(Buffer.concat(chunks));
          return;
        case '/big-declared':
          res.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000));
          return;
        case '/big-streamed':
          res.writeHead(200); // chunked, no length: the cap must count
          for (let i = 0; i < 10; i++) res.write(Buffer.alloc(500));
          res.end();
          return;
        case '/cut-short':
          res.writeHead(200, { 'content-length': 100 });
          res.write(Buffer.alloc(10));
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        case '/redirect':
          res.writeHead(302, { location: '/echo' }).end();
          return;
        default:
          res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('nodeHttpClient', () => {
  it('POSTs the body with its content type and returns status, type and body', async () => {
    received = [];
    const body = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00]);
    const res = await client.request(`${base}/echo`, { method: 'POST', body, contentType: 'application/ocsp-request', ...limits });
    expect(res).toMatchObject({ status: 200, contentType: 'application/ocsp-response' });
    expect([...res.body]).toEqual([...body]);
    expect(received[0]).toMatchObject({ method: 'POST', contentType: 'application/ocsp-request' });
  });

  it('returns other statuses as they are and follows no redirect', async () => {
    await expect(client.request(`${base}/nothing`, { method: 'GET', ...limits })).resolves.toMatchObject({ status: 500 });
    await expect(client.request(`${base}/redirect`, { method: 'GET', ...limits })).resolves.toMatchObject({ status: 302 });
  });

  it('refuses answers over the size cap, declared or streamed', async () => {
    await expect(client.request(`${base}/big-declared`, { method: 'GET', ...limits })).rejects.toMatchObject(unavailable(/5000 bytes exceeds the cap of 1024/));
    await expect(client.request(`${base}/big-streamed`, { method: 'GET', ...limits })).rejects.toMatchObject(unavailable(/exceeds the cap of 1024 bytes/));
  });

  it('rejects an answer cut short', async () => {
    await expect(client.request(`${base}/cut-short`, { method: 'GET', ...limits })).rejects.toMatchObject({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE' });
  });

  it('gives up at the deadline on a server that never answers', async () => {
    const hanging = await startHangingServer();
    try {
      const started = Date.now();
      await expect(client.request(hanging.url, { method: 'POST', body: new Uint8Array(10), timeoutMs: 200, maxBytes: 1024 })).rejects.toMatchObject(unavailable(/no complete answer within 200 ms/));
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await hanging.close();
    }
  });

  it('rejects a refused connection', async () => {
    const port = await freePort();
    await expect(client.request(`http://127.0.0.1:${port}/`, { method: 'GET', ...limits })).rejects.toMatchObject(unavailable(/ECONNREFUSED/));
  });

  it('only speaks http and https, without credentials in the URL', async () => {
    for (const url of ['file:///etc/passwd', 'ldap://127.0.0.1/cn=crl', 'ftp://127.0.0.1/a.crl', 'not a url', `http://user:pw@127.0.0.1:1/`]) {
      await expect(client.request(url, { method: 'GET', ...limits })).rejects.toMatchObject({ code: 'ERR_PKI_REVOCATION_UNAVAILABLE' });
    }
  });

  it('rejects misuse with a TypeError', async () => {
    await expect(client.request(`${base}/echo`, { method: 'GET', timeoutMs: 0, maxBytes: 10 })).rejects.toThrow(TypeError);
    await expect(client.request(`${base}/echo`, { method: 'GET', timeoutMs: 10, maxBytes: -1 })).rejects.toThrow(TypeError);
  });
});
