/** `npx menhu agency …` run as an operator would: a real process, the real database in a fresh data folder. */
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, testConfig } from '../support/platform';
import { menhu } from '../support/cli';
import { createPlatform } from '../../src/platform';

interface AgencyJson {
  client_id: string;
  client_secret?: string;
  name: string;
  status: string;
  redirect_uris: string[];
  grant_types: string[];
  scopes: string[];
  min_acr: string;
  totp_required: boolean;
  sector: string;
}

describe('npx menhu agency', () => {
  const dirs: { remove: () => void }[] = [];
  const newEnv = () => {
    const d = tempDir('menhu-agency-cli-');
    dirs.push(d);
    return { DATA_DIR: d.dir, DEMO_DATA: 'false' };
  };
  afterAll(() => dirs.forEach((d) => d.remove()));

  it('add, list, show, rotate-secret and disable an agency', async () => {
    const env = newEnv();
    const added = await menhu(
      [
        'agency', 'add', '--name', '內政部 戶政服務',
        '--redirect-uri', 'https://ris.gov.tw/cb', 'http://localhost:8080/cb',
        '--redirect-uri', 'https://ris.gov.tw/cb2',
        '--post-logout-redirect-uri', 'https://ris.gov.tw/bye',
        '--scope', 'openid', 'tw_id', 'offline_access',
        '--min-acr', 'substantial', '--totp-required', '--json',
      ],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const agency = JSON.parse(added.stdout) as AgencyJson;
    expect(agency).toMatchObject({
      name: '內政部 戶政服務',
      status: 'active',
      redirect_uris: ['https://ris.gov.tw/cb', 'http://localhost:8080/cb', 'https://ris.gov.tw/cb2'],
      post_logout_redirect_uris: ['https://ris.gov.tw/bye'],
      grant_types: ['authorization_code', 'refresh_token'],
      scopes: ['openid', 'tw_id', 'offline_access'],
      min_acr: 'substantial',
      totp_required: true,
      sector: 'ris.gov.tw',
    });
    expect(agency.client_id).toMatch(/^agency-[a-z2-7]{16}$/);
    expect(agency.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Without --json, the secret is printed once with a warning that it will not be shown again.
    const backEnd = await menhu(['agency', 'add', '--name', '勞保局 查驗', '--client-credentials', '--sector', 'bli.gov.tw'], env);
    expect(backEnd.code, backEnd.stderr).toBe(0);
    expect(backEnd.stdout).toMatch(/^added agency agency-[a-z2-7]{16} \(勞保局 查驗\)\n/);
    expect(backEnd.stdout).toMatch(/client_secret {2}[A-Za-z0-9_-]{43}\n/);
    expect(backEnd.stdout).toContain('This secret will not be shown again');

    const listed = JSON.parse((await menhu(['agency', 'list', '--json'], env)).stdout) as AgencyJson[];
    expect(listed.map((a) => [a.name, a.grant_types])).toEqual([
      ['內政部 戶政服務', ['authorization_code', 'refresh_token']],
      ['勞保局 查驗', ['client_credentials']],
    ]);
    expect(JSON.stringify(listed)).not.toContain('client_secret');
    const table = await menhu(['agency', 'list'], env);
    expect(table.stdout).toContain(`${agency.client_id}\tactive\tsubstantial\tris.gov.tw\t內政部 戶政服務\n`);

    const shown = await menhu(['agency', 'show', agency.client_id], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`client_id\\s+${agency.client_id}`));
    expect(shown.stdout).toMatch(/scopes\s+openid tw_id offline_access/);
    expect(shown.stdout).not.toContain(agency.client_secret);
    const shownJson = JSON.parse((await menhu(['agency', 'show', agency.client_id, '--json'], env)).stdout) as AgencyJson;
    expect(shownJson).toEqual(listed[0]);

    const rotated = await menhu(['agency', 'rotate-secret', agency.client_id, '--json'], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    const { client_id, client_secret } = JSON.parse(rotated.stdout) as { client_id: string; client_secret: string };
    expect(client_id).toBe(agency.client_id);
    expect(client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(client_secret).not.toBe(agency.client_secret);

    const disabled = await menhu(['agency', 'disable', agency.client_id], env);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(disabled.stdout).toBe(`disabled ${agency.client_id}\n`);

    // What the provider will see, and the audit trail, which never holds a secret.
    const platform = await createPlatform(testConfig(env.DATA_DIR));
    try {
      expect(await platform.agencies.byClientId(agency.client_id)).toMatchObject({ status: 'disabled' });
      expect(await platform.agencies.withSecret(agency.client_id)).toBeUndefined();
      const events = await platform.audit.list({ limit: 50 });
      expect(events.map((e) => e.event).sort()).toEqual(['agency.add', 'agency.add', 'agency.disable', 'agency.rotate_secret']);
      expect(JSON.stringify(events)).not.toContain(agency.client_secret);
      expect(JSON.stringify(events)).not.toContain(client_secret);
    } finally {
      await platform.close();
    }
  });

  it('refuses a bad agency, naming every problem, exits non-zero and writes nothing', async () => {
    const env = newEnv();
    const bad = await menhu(
      ['agency', 'add', '--name', 'x', '--redirect-uri', 'http://ris.gov.tw/cb', 'https://ris.gov.tw/cb#x', '--scope', 'openid', 'address', '--min-acr', 'medium'],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('redirect URI "http://ris.gov.tw/cb" uses http on a host other than localhost or 127.0.0.1; use https');
    expect(bad.stderr).toContain('redirect URI "https://ris.gov.tw/cb#x" has a fragment');
    expect(bad.stderr).toContain('scope "address" is not one of openid, profile, email, tw_id, offline_access');
    expect(bad.stderr).toContain('minimum assurance (acr) "medium" is not one of low, substantial, high');

    const nothing = await menhu(['agency', 'add', '--name', 'y'], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('the agency could obtain no token');

    const unknown = await menhu(['agency', 'rotate-secret', 'agency-nosuchagency0000'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('menhu: no agency with client_id "agency-nosuchagency0000"');
    expect(unknown.stdout).toBe('');

    expect(JSON.parse((await menhu(['agency', 'list', '--json'], env)).stdout)).toEqual([]);
    const platform = await createPlatform(testConfig(env.DATA_DIR));
    try {
      expect(await platform.audit.list({ limit: 10 })).toEqual([]);
    } finally {
      await platform.close();
    }
  });
});
