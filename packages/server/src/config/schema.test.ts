import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './schema';

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env, '/srv/menhu');
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has working defaults for a developer machine: SQLite under ./data, http on 127.0.0.1:3000', () => {
    const c = loadConfig({}, '/srv/menhu');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.publicUrl.origin).toBe('http://127.0.0.1:3000');
    expect(c.dataDir).toBe(path.resolve('/srv/menhu/data'));
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('/srv/menhu/data/menhu.sqlite') });
    expect(c.signerUrl.href).toBe('http://localhost:61161/');
    expect(c.secureCookies).toBe(false);
    expect(c.trustedProxies).toEqual([]);
    expect(c.demoData).toBe(true);
    expect(c.devPki).toBe(true);
    expect(c.devPkiPort).toBe(8888);
  });

  it('keeps the development CA off when real trust anchors are configured, or in production', () => {
    expect(loadConfig({ TRUST_ANCHORS: '/' }).devPki).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).devPki).toBe(false);
    expect(loadConfig({ DEV_PKI: 'false' }).devPki).toBe(false);
  });

  it('follows PORT in the default public address', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl.origin).toBe('http://127.0.0.1:8080');
  });

  it('reads PostgreSQL, Redis, SMTP, proxies and keys', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig({
      DATABASE_URL: 'postgres://menhu@db.internal:5432/menhu',
      REDIS_URL: 'redis://cache:6379',
      SMTP_URL: 'smtp://mail:587',
      TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7, ::1',
      PUBLIC_URL: 'https://login.example.gov.tw',
      DATA_ENCRYPTION_KEY: key,
    });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://menhu@db.internal:5432/menhu' });
    expect(c.redisUrl).toBe('redis://cache:6379');
    expect(c.smtpUrl).toBe('smtp://mail:587');
    expect(c.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.7', '::1']);
    expect(c.secureCookies).toBe(true);
    expect(c.keys.dataEncryptionKey).toBe(key);
  });

  it('resolves a relative sqlite: path against the working folder', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:db/x.sqlite' }, '/srv/menhu').database).toEqual({
      kind: 'sqlite',
      file: path.resolve('/srv/menhu/db/x.sqlite'),
    });
  });

  it.each([
    ['DATABASE_URL', 'mysql://localhost/menhu', /sqlite:<file path> or postgres:\/\//],
    ['DATABASE_URL', 'sqlite:', /needs a file path/],
    ['PORT', 'eighty', /whole number/],
    ['PORT', '70000', /from 0 to 65535/],
    ['PUBLIC_URL', 'login.example.gov.tw', /not a URL/],
    ['PUBLIC_URL', 'ftp://login.example.gov.tw', /http: or https:/],
    ['PUBLIC_URL', 'https://login.example.gov.tw/menhu', /origin only/],
    ['REDIS_URL', 'http://cache:6379', /redis: or rediss:/],
    ['SMTP_URL', 'mail.example.gov.tw', /not a URL/],
    ['TRUSTED_PROXIES', '10.0.0.0/8, proxy.internal', /not valid: proxy.internal/],
    ['TRUSTED_PROXIES', '10.0.0.0/40', /not valid: 10.0.0.0\/40/],
    ['SIGNER_URL', 'localhost:61161', /http: or https:/],
    ['TRUST_ANCHORS', '/no/such/folder', /is not a folder/],
    ['DATA_ENCRYPTION_KEY', 'short', /at least 32 random bytes/],
    ['LOG_LEVEL', 'loud', /./],
    ['SESSION_IDLE_SECONDS', '5', /from 30/],
  ])('stops on a bad %s (%s), naming the variable and the problem', (variable, value, message) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems.map((p) => p.variable)).toEqual([variable]);
    expect(problems[0]?.message).toMatch(message);
  });

  it('reports every bad variable at once, each by name, in the error message', () => {
    try {
      loadConfig({ PORT: '-1', DATABASE_URL: 'oracle://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as Error).message;
      expect(text).toContain('PORT:');
      expect(text).toContain('DATABASE_URL:');
      expect(text).toContain('did not start');
    }
  });

  it('refuses a time-out warning that is not shorter than the idle time-out', () => {
    expect(problemsOf({ SESSION_IDLE_SECONDS: '60', SESSION_WARNING_SECONDS: '60' })).toEqual([
      { variable: 'SESSION_WARNING_SECONDS', message: expect.stringMatching(/shorter than SESSION_IDLE_SECONDS/) },
    ]);
  });
});
