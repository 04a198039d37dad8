/**
 * Cards on a PKCS#11 token: SoftHSM2 in a folder of its own, reached through OpenSC's pkcs11-tool, and checked
 * with pkcs11-tool and openssl. Skipped with a message outside CI when softhsm2 or opensc is missing.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDevCa, issueCard } from '../../src/devca';
import { run, SOFTHSM_MODULE, softHsmAvailable, softHsmToken, tempDir } from './support';

const haveSoftHsm = softHsmAvailable();

const PIN = '123456';
const LABEL = 'CARD1';

describe.skipIf(!haveSoftHsm)('development cards on a SoftHSM2 token', () => {
  const tmp = tempDir('menhu-devca-token-');
  const dir = path.join(tmp.dir, 'ca');
  const trust = (id: string) => path.join(dir, 'trust', `${id}.pem`);
  let env: Record<string, string>;
  const token = (extra: Record<string, string> = {}) => ({ to: 'token', module: SOFTHSM_MODULE, tokenLabel: LABEL, pin: PIN, env, ...extra }) as const;
  const tool = (args: string[]) => run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', LABEL, ...args], { env });

  beforeAll(async () => {
    [{ env }] = await Promise.all([softHsmToken(path.join(tmp.dir, 'hsm'), LABEL, PIN), initDevCa(dir, { caKeyAlgorithm: 'rsa-2048' })]);
  });
  afterAll(() => tmp.remove());

  it('generates the key on the token and writes the certificate beside it, with the same id', async () => {
    const card = await issueCard(dir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: token({ keyId: '01' }) });
    expect(card.token).toEqual({ tokenLabel: LABEL, keyId: '01', label: '王小明' });

    const listed = await tool(['--login', '--pin', PIN, '--list-objects']);
    expect(listed.code, listed.stderr).toBe(0);
    const objects = listed.stdout.split(/\n(?=\S)/);
    const privateKey = objects.find((o) => o.startsWith('Private Key Object') && /ID:\s+01\b/.test(o));
    const certificate = objects.find((o) => o.startsWith('Certificate Object') && /ID:\s+01\b/.test(o));
    // Made on the token: it never left it and never can.
    expect(privateKey).toMatch(/Access:.*never extractable.*local/);
    expect(certificate).toContain(`serial:     ${card.serial}`);

    // The certificate on the token is the one issued, chains to the root, and certifies the token's key.
    const certFile = path.join(tmp.dir, 'from-token.der');
    const pubFile = path.join(tmp.dir, 'from-token-pub.der');
    expect((await tool(['--read-object', '--type', 'cert', '--id', '01', '--output-file', certFile])).code).toBe(0);
    expect((await tool(['--read-object', '--type', 'pubkey', '--id', '01', '--output-file', pubFile])).code).toBe(0);
    const verified = await run('openssl', ['verify', '-CAfile', trust('grca'), '-untrusted', trust('moica'), certFile]);
    expect(verified.stdout, verified.stderr).toBe(`${certFile}: OK\n`);
    const certKey = await run('openssl', ['x509', '-inform', 'DER', '-in', certFile, '-noout', '-pubkey']);
    const tokenKey = await run('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', pubFile]);
    expect(certKey.stdout).toBe(tokenKey.stdout);
  });

  it('makes an EC P-256 key on the token when asked', async () => {
    const card = await issueCard(dir, { kind: 'business', name: '門戶測試股份有限公司', businessId: '12345678', keyAlgorithm: 'ec-p256', output: token() });
    expect(card.token?.keyId).toMatch(/^[0-9a-f]{16}$/);
    const text = await run('openssl', ['x509', '-noout', '-text'], { input: card.certificatePem });
    expect(text.stdout).toContain('ASN1 OID: prime256v1');
    const listed = await tool(['--list-objects', '--type', 'cert']);
    expect(listed.stdout).toContain(`ID:         ${card.token!.keyId}`);
  });

  it('says which token is missing, by label', async () => {
    await expect(issueCard(dir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: token({ tokenLabel: 'NO-SUCH-CARD' }) })).rejects.toMatchObject({
      code: 'ERR_DEVCA_TOKEN_NOT_FOUND',
      message: expect.stringContaining('"NO-SUCH-CARD"'),
    });
  });

  it('reports a wrong PIN as such, and leaves nothing on the token', async () => {
    const before = (await tool(['--list-objects'])).stdout;
    await expect(issueCard(dir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: token({ pin: '000000' }) })).rejects.toMatchObject({ code: 'ERR_DEVCA_WRONG_PIN' });
    expect((await tool(['--list-objects'])).stdout).toBe(before);
  });

  it('refuses a key id the token already uses', async () => {
    await expect(issueCard(dir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: token({ keyId: '01' }) })).rejects.toMatchObject({ code: 'ERR_DEVCA_KEY_ID_TAKEN' });
  });

  it('reports a PKCS#11 module that cannot be loaded', async () => {
    await expect(issueCard(dir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: token({ module: path.join(tmp.dir, 'missing.so') }) })).rejects.toMatchObject({
      code: 'ERR_DEVCA_PKCS11_MODULE',
    });
  });
});
