import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDevCa, issueCard, revoke, startDevResponder, type DevResponder } from '@menhu/pki/devca';
import { tempDir } from '../support/platform';
import { freePort } from '../support/ports';
import { MENHU_BIN as BIN } from '../support/cli';

const run = promisify(execFile);

async function check(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [BIN, 'pki', 'check', ...args], { timeout: 60_000 });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '' };
  }
}

describe('npx menhu pki check: why does this card fail?', () => {
  const tmp = tempDir('menhu-pki-check-');
  let responder: DevResponder;
  let trust: string;
  let caDir: string;
  beforeAll(async () => {
    const port = await freePort();
    const ca = await initDevCa(path.join(tmp.dir, 'ca'), { baseUrl: `http://127.0.0.1:${port}`, caKeyAlgorithm: 'rsa-2048' });
    caDir = ca.dir;
    trust = ca.trustDir;
    responder = await startDevResponder(ca.dir, { port });
  }, 60_000);
  afterAll(async () => {
    await responder?.close();
    tmp.remove();
  });

  it('prints the path, the identity and the revocation status of a good card, and exits 0', async () => {
    const certFile = path.join(tmp.dir, 'good.pem');
    await issueCard(caDir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: { to: 'files', keyFile: path.join(tmp.dir, 'good.key'), certFile } });
    const res = await check([certFile, '--trust', trust]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('identity     citizen: 王小明, ID ends 6789');
    expect(res.stdout).toMatch(/path\s+0\. C=TW, CN=王小明/);
    expect(res.stdout).toMatch(/revocation\s+0\. good by ocsp/);
    expect(res.stdout).toContain('result       OK');
  });

  it('names the error code of a revoked card and exits non-zero', async () => {
    const certFile = path.join(tmp.dir, 'revoked.pem');
    const card = await issueCard(caDir, { kind: 'citizen', name: '陳小華', id: 'A123456789', output: { to: 'files', keyFile: path.join(tmp.dir, 'revoked.key'), certFile } });
    await revoke(caDir, card.serial, 'keyCompromise');
    const res = await check([certFile, '--trust', trust, '--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: { code: 'ERR_PKI_REVOKED' }, identity: { name: '陳小華' } });
  });

  it('says an expired card is expired', async () => {
    const certFile = path.join(tmp.dir, 'old.pem');
    await issueCard(caDir, { kind: 'citizen', name: '林美', id: 'A123456789', output: { to: 'files', keyFile: path.join(tmp.dir, 'old.key'), certFile } });
    const res = await check([certFile, '--trust', trust, '--at', '2040-01-01T00:00:00Z']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/result\s+ERR_PKI_CERT_EXPIRED/);
  });

  it('says a card from a CA outside the trust anchors is untrusted, though its issuer has the same name', async () => {
    const other = await initDevCa(path.join(tmp.dir, 'other-ca'), { baseUrl: 'http://127.0.0.1:9', caKeyAlgorithm: 'rsa-2048' });
    const certFile = path.join(tmp.dir, 'stranger.pem');
    await issueCard(other.dir, { kind: 'citizen', name: '張三', id: 'A123456789', output: { to: 'files', keyFile: path.join(tmp.dir, 'stranger.key'), certFile } });
    const res = await check([certFile, '--trust', trust]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/result\s+ERR_PKI_UNTRUSTED_ISSUER/);
  });

  it('says what is wrong with a file that is not a card certificate', async () => {
    const res = await check([path.join(trust, readdirSync(trust).find((f) => f.endsWith('.pem'))!), '--trust', trust]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/result\s+ERR_PKI_/);
  });
});
