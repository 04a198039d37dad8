/**
 * The provider's signing keys: made on first start and kept (sealed) in the database, so every node signs alike;
 * `rotate` puts a new key first and keeps the old one published until the tokens it signed have expired; the
 * CLI does the same for operators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_RETENTION_MS } from '../../src/oidc/provider';
import { manualClock, testApp, type ManualClock, type TestApp } from '../support/platform';
import { menhu } from '../support/cli';

let t: TestApp;
let clock: ManualClock;

beforeAll(async () => {
  clock = manualClock();
  t = await testApp({ clock });
});

afterAll(async () => {
  await t?.close();
});

describe('signing keys', () => {
  it('publishes the public part only, and keeps the private key sealed in the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/oidc/jwks' });
    const { keys } = res.json() as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
    const rows = await t.platform.store.db.selectFrom('oidc_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.jwk_enc).not.toContain('"d"');
  });

  it('rotates: the new key signs first, the old stays until its tokens have expired, then goes', async () => {
    const [first] = await t.platform.oidc.keys.current();
    const { kid } = await t.platform.oidc.keys.rotate();
    expect((await t.platform.oidc.keys.current()).map((k) => k.kid)).toEqual([kid, first!.kid]);
    clock.advance(KEY_RETENTION_MS + 1000);
    const again = await t.platform.oidc.keys.rotate();
    expect(again.removed).toBe(1);
    expect((await t.platform.oidc.keys.current()).map((k) => k.kid)).toEqual([again.kid, kid]);
  });

  it('rotates from the command line', async () => {
    const { code, stdout } = await menhu(['oidc', 'rotate-keys', '--json'], { DATA_DIR: t.dataDir, LOG_LEVEL: 'silent', DEMO_DATA: 'false', DEV_PKI: 'false' });
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { kid: string; published: string[] };
    expect(printed.published[0]).toBe(printed.kid);
    expect(printed.published.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
