/**
 * `menhu-signer` as a citizen starts it: the bin script (tsx), a software token, a config file, and the
 * self-test page answering; then SIGTERM stops it cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, makeSoftwareCard, request, type TestCard } from './support';

const BIN = fileURLToPath(new URL('../../bin/menhu-signer.js', import.meta.url));

let card: TestCard;
let child: ChildProcess | undefined;

beforeAll(async () => {
  card = await makeSoftwareCard();
});

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  card?.remove();
});

function waitFor(proc: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${out}`));
    });
  });
}

describe('menhu-signer', () => {
  it('starts with a software token and a config file, serves selfTest.htm, and stops on SIGTERM', async () => {
    const port = await freePort();
    const config = path.join(card.dir, 'signer.json');
    writeFileSync(config, JSON.stringify({ port, trustedOrigins: ['https://login.example.gov.tw'] }));
    child = spawn(process.execPath, [BIN, '--software-token', card.p12, '--config', config, '--trust', 'http://127.0.0.1:3000'], {
      env: { ...process.env, MENHU_SIGNER_P12_PASSWORD: card.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const banner = await waitFor(child, /trusted: .*\n/);
    expect(banner).toContain(`port ${port}`);
    expect(banner).toContain('SOFTWARE TOKEN, not a card');
    expect(banner).toContain('trusted: http://127.0.0.1:3000, https://login.example.gov.tw');
    expect(banner).not.toContain(card.password);

    const page = await request(port, { method: 'GET', path: '/selfTest.htm' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('王小明');
    const info = await request(port, { path: '/pkcs11info', headers: { Origin: 'http://127.0.0.1:3000' } });
    expect(info.json.serverVersion).toMatch(/^menhu-signer \d+\.\d+\.\d+ \(software token, not a card\)$/);
    expect(JSON.parse(readFileSync(config, 'utf8')).trustedOrigins).toEqual(['https://login.example.gov.tw']); // --trust is not written back

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('explains its usage and refuses contradictory or missing options', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, MENHU_SIGNER_P12_PASSWORD: '' } });
    expect(run('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('--software-token') });
    expect(run('--no-such-option').status).toBe(2);
    const both = run('--module', '/nonexistent.so', '--software-token', card.p12);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('exactly one of');
    const noPassword = run('--software-token', card.p12);
    expect(noPassword.status).toBe(1);
    expect(noPassword.stderr).toContain('MENHU_SIGNER_P12_PASSWORD');
    expect(run('--software-token', card.p12, '--port', 'eighty').stderr).toContain('not a port number');
  });
});
