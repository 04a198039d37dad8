import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testConfig } from '../support/platform';
import { freePort } from '../support/ports';
import { createPlatform } from '../../src/platform';
import { DEMO_ACCOUNT } from '../../src/services/demo';
import { POSTGRES_URL, postgresAvailable } from '../support/services';
import { MENHU_BIN as BIN, menhu } from '../support/cli';

describe('npx menhu', () => {
  const dirs: { remove: () => void }[] = [];
  const newDataDir = () => {
    const d = tempDir('menhu-cli-');
    dirs.push(d);
    return d.dir;
  };
  afterAll(() => dirs.forEach((d) => d.remove()));

  it('migrate applies the schema once, then says it is up to date', async () => {
    const env = { DATA_DIR: newDataDir() };
    const first = await menhu(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('applied: 0001_foundation');
    const second = await menhu(['migrate'], env);
    expect(second.stdout).toContain('database is up to date');
  });

  it('announce add publishes an announcement that announce list shows, dated in Taiwan time', async () => {
    const env = { DATA_DIR: newDataDir(), DEMO_DATA: 'false' };
    const added = await menhu(['announce', 'add', '--title', '網路設備維護', '--body', '週五晚間暫停電子查驗服務。', '--publish', '2026-12-01T18:00', '--expires', '2026-12-05'], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^announcement \d+ published 民國115年12月1日 18:00 until 民國115年12月5日 00:00/);
    const listed = await menhu(['announce', 'list', '--json'], env);
    const all = JSON.parse(listed.stdout) as { title: string; publishAt: string; expiresAt: string }[];
    expect(all).toEqual([
      { id: expect.any(Number), title: '網路設備維護', body: '週五晚間暫停電子查驗服務。', lang: 'zh-TW', publishAt: '2026-12-01T10:00:00.000Z', expiresAt: '2026-12-04T16:00:00.000Z' },
    ]);
  });

  it('refuses a bad announcement with a clear message and writes nothing', async () => {
    const env = { DATA_DIR: newDataDir(), DEMO_DATA: 'false' };
    const badDate = await menhu(['announce', 'add', '--title', 'x', '--body', 'y', '--publish', 'next tuesday'], env);
    expect(badDate.code).not.toBe(0);
    expect(badDate.stderr).toContain('"next tuesday" is not a date');
    const backwards = await menhu(['announce', 'add', '--title', 'x', '--body', 'y', '--publish', '2026-12-05', '--expires', '2026-12-01'], env);
    expect(backwards.code).not.toBe(0);
    expect(backwards.stderr).toContain('expiry must be after publication');
    const empty = await menhu(['announce', 'add', '--title', '   ', '--body', 'y'], env);
    expect(empty.stderr).toContain('title is empty');
    expect(JSON.parse((await menhu(['announce', 'list', '--json'], env)).stdout)).toEqual([]);
  });

  it('stops on a bad configuration, naming the variable, with exit status 78 (EX_CONFIG)', async () => {
    const res = await menhu(['migrate'], { DATA_DIR: newDataDir(), DATABASE_URL: 'mysql://localhost/menhu', PORT: 'abc' });
    expect(res.code).toBe(78);
    expect(res.stderr).toContain('DATABASE_URL: must be sqlite:<file path> or postgres://');
    expect(res.stderr).toContain('PORT: must be a whole number');
  });

  it('shows its commands with --help', async () => {
    const res = await menhu(['--help'], {});
    for (const cmd of ['serve', 'migrate', 'announce', 'account']) expect(res.stdout).toContain(cmd);
  });

  it('account show, unlock and disable act on one account and are audited', async () => {
    const dataDir = newDataDir();
    const env = { DATA_DIR: dataDir };
    // A new installation has the demo account.
    const shown = await menhu(['account', 'show', 'CITIZEN.demo'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/account\s+citizen\.demo/);
    expect(shown.stdout).toMatch(/status\s+active/);
    expect(shown.stdout).toContain('A*****6789 (unverified claim)');
    expect(shown.stdout).not.toContain('A123456789');

    // Five wrong passwords lock the name; the operator lifts the lock.
    const platform = await createPlatform(testConfig(dataDir, { DEMO_DATA: 'true' }));
    try {
      for (let i = 0; i < 5; i++) await platform.password.verify('citizen.demo', `wrong ${i}`, {});
      expect((await platform.locks.state('citizen.demo')).locked).toBe(true);
      const locked = await menhu(['account', 'show', 'citizen.demo', '--json'], env);
      expect(JSON.parse(locked.stdout).lockedUntil).not.toBeNull();
      const unlocked = await menhu(['account', 'unlock', 'citizen.demo'], env);
      expect(unlocked.stdout).toBe('unlocked citizen.demo\n');
      expect((await platform.locks.state('citizen.demo')).locked).toBe(false);
      expect((await platform.password.verify('citizen.demo', DEMO_ACCOUNT.password, {})).outcome).toBe('verified');

      // Disabling ends the account's sessions, and its password no longer lets it in.
      const account = (await platform.accounts.byName('citizen.demo'))!.account;
      const session = await platform.sessions.signIn(await platform.sessions.start(), { accountId: account.id, acr: 'low', amr: ['pwd'] });
      const disabled = await menhu(['account', 'disable', 'citizen.demo'], env);
      expect(disabled.stdout).toBe('disabled citizen.demo; ended 1 session(s)\n');
      expect((await platform.sessions.lookup(session.token)).state).toBe('none');
      expect((await platform.password.verify('citizen.demo', DEMO_ACCOUNT.password, {})).outcome).toBe('disabled');
      const events = (await platform.audit.list({ accountId: account.id, limit: 50 })).map((e) => e.event);
      expect(events).toEqual(expect.arrayContaining(['account.unlock', 'account.disable']));
    } finally {
      await platform.close();
    }
  });

  it('account commands say so when the account does not exist', async () => {
    const res = await menhu(['account', 'unlock', 'nobody.here'], { DATA_DIR: newDataDir() });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no account named "nobody.here"');
  });
});

describe('npx menhu migrate on PostgreSQL', async () => {
  const available = await postgresAvailable();
  const schema = `t_cli_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  beforeAll(async () => {
    if (!available) return;
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    if (!available) return;
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  it.runIf(available)('creates the same tables as on SQLite', async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const res = await menhu(['migrate'], { DATABASE_URL: url.href });
    expect(res.code, res.stderr).toBe(0);
    const tables = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
    expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual(
      expect.arrayContaining(['announcements', 'audit_log', 'menhu_meta', 'sessions']),
    );
  });
});


describe('npm start (menhu serve) on a fresh machine', () => {
  const tmp = tempDir('menhu-start-');
  let child: ReturnType<typeof spawn> | undefined;
  afterEach(() => child?.kill('SIGKILL'));
  afterAll(() => tmp.remove());

  it('creates the database and keys, adds the demo announcements, serves the login page, and stops cleanly', async () => {
    const port = await freePort();
    child = spawn(process.execPath, [BIN, 'serve'], {
      // DEV_PKI_PORT=0: the development CA's responder takes a free port, so parallel runs do not collide.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), DATA_DIR: tmp.dir, LOG_LEVEL: 'warn', DEV_PKI_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    const base = `http://127.0.0.1:${port}`;
    // The first start makes the development CA (RSA-4096 keys, a few seconds on two cores).
    const deadline = Date.now() + 60_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline) {
      healthy = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    expect(healthy, output).toBe(true);

    const login = await fetch(`${base}/login`);
    const page = await login.text();
    expect(page).toContain('歡迎試用門戶示範站');
    // The demo account signs in.
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const signIn = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, account: DEMO_ACCOUNT.accountName, password: DEMO_ACCOUNT.password }),
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/account');
    expect(page).toContain('系統維護預告');
    expect(existsSync(path.join(tmp.dir, 'menhu.sqlite'))).toBe(true);
    expect(statSync(path.join(tmp.dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    // The development CA and the demo card, which the local component can use as a software token.
    expect(readdirSync(path.join(tmp.dir, 'devca', 'trust')).filter((f) => f.endsWith('.pem'))).toHaveLength(4);
    expect(existsSync(path.join(tmp.dir, 'devca', 'demo-card.p12'))).toBe(true);
    expect(output).toContain('demo card: npx menhu-signer --software-token');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
