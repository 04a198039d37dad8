/**
 * Local peers for the revocation tests, all on 127.0.0.1 with their own free ports: `openssl ocsp` as the
 * independent responder, a static file server for CRLs, a capturing (and optionally replaying) proxy in front
 * of a responder, and a server that accepts connections and never answers. Each test file starts its own and
 * stops them in afterAll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';

/** A port nothing listens on at the moment (the OS picks it; we close it again at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface OcspResponderOptions {
  index: string;
  port: number;
  /** Certificate and key that sign answers. */
  rsigner: string;
  rkey: string;
  /** The CA whose certificates the index lists. */
  ca: string;
  nmin?: number;
  ndays?: number;
  cwd: string;
}

/**
 * `openssl ocsp` as a responder. It binds every interface on the bare port it is given and reads its index
 * once (STACK-NOTES.md): `restart()` after changing the index.
 */
export class OcspResponder {
  private child: ChildProcess | undefined;
  private log = '';
  constructor(readonly options: OcspResponderOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}/`;
  }

  async start(): Promise<this> {
    const o = this.options;
    const args = ['ocsp', '-index', o.index, '-port', String(o.port), '-rsigner', o.rsigner, '-rkey', o.rkey, '-CA', o.ca];
    if (o.nmin !== undefined) args.push('-nmin', String(o.nmin));
    if (o.ndays !== undefined) args.push('-ndays', String(o.ndays));
    const child = spawn('openssl', args, { cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-4000);
    };
    child.stderr?.on('data', keep);
    // Readiness is the "ACCEPT [::]:<port>" line openssl prints once it listens. Not a TCP probe: a
    // connection closed before any request makes OpenSSL 3.0's responder spin on it and never answer again.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`openssl ocsp on port ${o.port} did not start: ${this.log}`)), 5000);
      child.stdout?.on('data', (chunk: Buffer) => {
        keep(chunk);
        if (this.log.includes('ACCEPT')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`openssl ocsp on port ${o.port} exited (${code}): ${this.log}`));
      });
    });
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    this.log = '';
    await this.start();
  }
}

export async function startOcspResponder(options: OcspResponderOptions): Promise<OcspResponder> {
  return new OcspResponder(options).start();
}

export interface LocalServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server | net.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function readBody(req: http.IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export interface StaticServer extends LocalServer {
  /** Requests per path. */
  readonly hits: Map<string, number>;
  set(path: string, body: Uint8Array | undefined): void;
}

/** Serves bytes by path (404 otherwise), counting requests: the CRL distribution point. */
export async function startStaticServer(): Promise<StaticServer> {
  const files = new Map<string, Uint8Array>();
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const body = files.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/pkix-crl', 'content-length': body.byteLength }).end(Buffer.from(body));
  });
  const port = await listen(server);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    set: (path, body) => (body ? files.set(path, body) : files.delete(path)),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface CaptureProxy extends LocalServer {
  /** Bodies of the requests received, in order, and their content types. */
  readonly requests: { body: Uint8Array; contentType: string | undefined; method: string | undefined }[];
  /** Where requests go (a port on 127.0.0.1). */
  target: number;
  /** When set, every answer is this one, whatever was asked: a replay. */
  replay: Uint8Array | undefined;
  /** The answers given, in order. */
  readonly answers: Uint8Array[];
}

/** Records each request, forwards it to `target` and returns the answer (or a canned `replay`). */
export async function startCaptureProxy(target: number): Promise<CaptureProxy> {
  const state = { target, replay: undefined as Uint8Array | undefined };
  const requests: CaptureProxy['requests'] = [];
  const answers: Uint8Array[] = [];
  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      requests.push({ body, contentType: req.headers['content-type'], method: req.method });
      let answer: Uint8Array;
      if (state.replay) answer = state.replay;
      else {
        const upstream = await fetch(`http://127.0.0.1:${state.target}/`, {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/ocsp-request' },
          body: Buffer.from(body),
        });
        answer = new Uint8Array(await upstream.arrayBuffer());
      }
      answers.push(answer);
      res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': answer.byteLength }).end(Buffer.from(answer));
    } catch (err) {
      res.writeHead(502).end(String(err));
    }
  });
  const port = await listen(server);
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    requests,
    answers,
    get target() {
      return state.target;
    },
    set target(p: number) {
      state.target = p;
    },
    get replay() {
      return state.replay;
    },
    set replay(r: Uint8Array | undefined) {
      state.replay = r;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Accepts connections and reads what it is sent, but never answers: a responder that hangs. */
export async function startHangingServer(): Promise<LocalServer & { readonly connections: number }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    get connections() {
      return connections;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
