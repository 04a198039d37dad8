/**
 * `npx menhu pki …` as an operator runs it: a separate process, its output and exit status, the files it
 * leaves, and `pki serve` answering `openssl ocsp` until SIGTERM.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { opensslAvailable, run, SOFTHSM_MODULE, softHsmAvailable, softHsmToken, tempDir } from './support';

const BIN = fileURLToPath(new URL('../../../server/bin/menhu.js', import.meta.url));
const haveOpenssl = opensslAvailable();

/** Only PATH and HOME from this process, as an operator's shell would have (plus what the test adds). */
function menhu(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, timeoutMs: 60_000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!haveOpenssl)('npx menhu pki', () => {
  const tmp = tempDir('menhu-devca-cli-');
  const dir = path.join(tmp.dir, 'ca');
  const file = (name: string) => path.join(tmp.dir, name);
  const trust = (id: string) => path.join(dir, 'trust', `${id}.pem`);
  afterAll(() => tmp.remove());

  it('init makes a CA, issue citizen makes a card that chains to it, revoke records it, serve answers OCSP', async () => {
    const port = await freePort();
    const init = await menhu(['pki', 'init', dir, '--base-url', `http://127.0.0.1:${port}`, '--ca-key', 'rsa-2048']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(`TRUST_ANCHORS=${path.join(dir, 'trust')}`);

    const certFile = file('card.pem');
    const issue = await menhu(['pki', 'issue', 'citizen', dir, '--name', '王小明', '--id', 'A123456789', '--key-out', file('card.key'), '--cert-out', certFile]);
    expect(issue.code, issue.stderr).toBe(0);
    const serial = /issued citizen card ([0-9A-F]+) by moica/.exec(issue.stdout)?.[1];
    expect(serial, issue.stdout).toBeDefined();
    const verified = await run('openssl', ['verify', '-CAfile', trust('grca'), '-untrusted', trust('moica'), certFile]);
    expect(verified.stdout, verified.stderr).toBe(`${certFile}: OK\n`);
    expect((await run('openssl', ['x509', '-in', certFile, '-noout', '-text'])).stdout).toContain(`OCSP - URI:http://127.0.0.1:${port}/ocsp/moica`);

    // The responder, as its own process, on the port the certificates name.
    const serve = spawn(process.execPath, [BIN, 'pki', 'serve', dir], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`menhu pki serve did not start: ${output}`)), 30_000);
        serve.stdout.setEncoding('utf8').on('data', (d: string) => {
          output += d;
          if (output.includes('development OCSP responder and CRLs on')) {
            clearTimeout(timer);
            resolve();
          }
        });
        serve.once('exit', (code) => reject(new Error(`menhu pki serve exited with ${code}: ${output}`)));
      });
      expect(output).toContain(`on http://127.0.0.1:${port}`);
      const ocsp = (target: string) => run('openssl', ['ocsp', '-issuer', trust('moica'), '-cert', target, '-url', `http://127.0.0.1:${port}`, '-CAfile', trust('grca'), '-timeout', '10']);
      expect((await ocsp(certFile)).stdout).toContain(`${certFile}: good`);

      const revoked = await menhu(['pki', 'revoke', dir, serial!, '--reason', 'keyCompromise']);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toMatch(new RegExp(`^revoked ${serial} \\(C=TW, CN=王小明, issued by moica\\) at .*: keyCompromise\\n$`));
      expect((await ocsp(certFile)).stdout).toContain(`${certFile}: revoked`);
    } finally {
      const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
      serve.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('issue business writes a PKCS#12 file that openssl opens', async () => {
    const p12 = file('business.p12');
    const issue = await menhu(['pki', 'issue', 'business', dir, '--name', '門戶測試股份有限公司', '--business-id', '12345678', '--p12', p12, '--p12-password', 'secret', '--json']);
    expect(issue.code, issue.stderr).toBe(0);
    expect(JSON.parse(issue.stdout)).toMatchObject({ kind: 'business', issuer: 'moeaca', subject: 'C=TW, CN=門戶測試股份有限公司, serialNumber=12345678', files: [p12] });
    expect((await run('openssl', ['pkcs12', '-in', p12, '-info', '-nokeys', '-passin', 'pass:secret'])).code).toBe(0);
  });

  it('tells the operator what is wrong, in English, with a failing status', async () => {
    const cases: [string[], RegExp][] = [
      [['pki', 'init', dir], /already holds a development CA .*--force/],
      [['pki', 'issue', 'citizen', file('missing'), '--name', '王小明', '--id', 'A123456789', '--key-out', file('x.key'), '--cert-out', file('x.pem')], /no development CA in .*missing \(run "menhu pki init/],
      [['pki', 'issue', 'citizen', dir, '--name', '王小明', '--id', 'A123456789'], /choose one destination/],
      [['pki', 'issue', 'citizen', dir, '--name', '王小明', '--id', 'A123456788', '--key-out', file('y.key'), '--cert-out', file('y.pem')], /not a valid Taiwan ID/],
      [['pki', 'issue', 'citizen', dir, '--name', '王小明', '--id', 'A123456789', '--key-out', file('card.key'), '--cert-out', file('z.pem')], /card\.key exists already/],
      [['pki', 'issue', 'visitor', dir, '--name', 'x'], /Allowed choices are citizen, business, agency/],
      [['pki', 'revoke', dir, '0x0123'], /issued no certificate with serial 0123/],
      [['pki', 'revoke', dir, '0123', '--reason', 'boredom'], /use one of unspecified, keyCompromise/],
    ];
    for (const [args, message] of cases) {
      const result = await menhu(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });

  it.skipIf(!softHsmAvailable())('names a missing token and a wrong PIN from pkcs11-tool’s answer', async () => {
    const { env } = await softHsmToken(file('hsm'), 'CARD1', '123456');
    const onToken = (label: string, pin: string) =>
      menhu(['pki', 'issue', 'citizen', dir, '--name', '王小明', '--id', 'A123456789', '--module', SOFTHSM_MODULE, '--token-label', label, '--pin', pin], env);
    const missing = await onToken('CARD2', '123456');
    expect(missing.stderr).toMatch(/no token "CARD2" is present through/);
    const wrongPin = await onToken('CARD1', '654321');
    expect(wrongPin.stderr).toMatch(/wrong PIN for token "CARD1"/);
    const ok = await onToken('CARD1', '123456');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/token {4}"CARD1": key pair and certificate with id [0-9a-f]{16}, label "王小明"/);
  });
});
