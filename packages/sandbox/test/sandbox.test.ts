/**
 * 示範機關 (the demo agency) against the real platform started in this process: a citizen in Chromium presses
 * a level button, signs in on the platform's login page, consents, and sees the claims the platform vouched
 * for; signs out through the platform's end_session endpoint; and `npm run sandbox`'s registration through the
 * operator CLI, kept and reused while the platform accepts it.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyScope } from '../../server/src/services/agencies';
import { DEMO_ACCOUNT } from '../../server/src/services/demo';
import { screenshot } from '../../server/test/support/browser';
import { startOidcPlatform, type OidcPlatform } from '../../server/test/support/oidc';
import { freePort } from '../../server/test/support/ports';
import { CHROMIUM, chromiumAvailable } from '../../server/test/support/services';
import { createDemoAgencyApp } from '../src/agency/app';
import { credentialsAccepted, discoverPlatform, type AgencyCredentials } from '../src/agency/platform';
import { AGENCY_NAME, AGENCY_SCOPES, demoRegistration, ensureRegistered, registerWithCli, type Register } from '../src/agency/registration';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WAIT_MS = 10_000;

let platform: OidcPlatform;
let agency: FastifyInstance;
let agencyUrl: URL;
let credentials: AgencyCredentials;

/** Registration straight through the platform's service, as the CLI does it (the CLI itself is tested below). */
const registerInProcess: Register = async (registration) => {
  const { agency: added, clientSecret } = await platform.server.platform.agencies.add({
    name: registration.name,
    redirectUris: [registration.redirectUri],
    postLogoutRedirectUris: [registration.postLogoutRedirectUri],
    scopes: registration.scopes as readonly AgencyScope[],
  });
  return { clientId: added.clientId, clientSecret };
};

beforeAll(async () => {
  platform = await startOidcPlatform();
  const port = await freePort();
  agencyUrl = new URL(`http://127.0.0.1:${port}`);
  credentials = await registerInProcess(demoRegistration(agencyUrl));
  const oidc = await discoverPlatform(new URL(platform.baseUrl), credentials);
  agency = await createDemoAgencyApp({ oidc, publicUrl: agencyUrl });
  await agency.listen({ host: '127.0.0.1', port });
}, 60_000);

afterAll(async () => {
  await agency?.close();
  await platform?.close();
});

const haveChromium = await chromiumAvailable();

describe.skipIf(!haveChromium)('the demo agency in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: 30_000,
    });
    page = await (await browser.newContext({ locale: 'zh-TW' })).newPage();
    page.setDefaultTimeout(WAIT_MS);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('signs the demo citizen in at level low through the platform and shows acr low, amr pwd, the name and the e-mail', async () => {
    await page.goto(agencyUrl.href);
    await expect.poll(() => page.locator('h1').textContent()).toContain('示範機關');
    await page.getByRole('button', { name: /以一般等級登入/ }).click();

    // The platform's own login page, then its consent page naming the agency.
    await page.waitForURL(`${platform.baseUrl}/login`);
    const accountLogin = page.getByRole('region', { name: '帳號登入' });
    await accountLogin.getByLabel('帳號', { exact: true }).fill(DEMO_ACCOUNT.accountName);
    await accountLogin.getByLabel('密碼', { exact: true }).fill(DEMO_ACCOUNT.password);
    await accountLogin.getByRole('button', { name: '登入' }).click();
    await page.waitForURL(new RegExp(`^${platform.baseUrl}/interaction/`));
    await expect.poll(() => page.locator('main').textContent()).toContain(AGENCY_NAME);
    await page.getByRole('button', { name: '同意並繼續' }).click();

    await page.waitForURL(new URL('/me', agencyUrl).href);
    expect(await page.locator('#claim-acr').textContent()).toBe('low');
    expect(await page.locator('#claim-amr').textContent()).toBe('pwd');
    expect(await page.locator('#claim-auth_time').textContent()).toMatch(/^\d{10}（民國\d+年/);
    const sub = (await page.locator('#claim-sub').textContent())!;
    const account = (await platform.server.platform.accounts.byName(DEMO_ACCOUNT.accountName))!.account;
    expect(sub).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(sub).not.toBe(account.id); // pairwise, not the platform's own id
    expect(await page.locator('#userinfo-name').textContent()).toBe(DEMO_ACCOUNT.displayName);
    expect(await page.locator('#userinfo-email').textContent()).toContain(DEMO_ACCOUNT.email);
    await screenshot(page, 'sandbox-demo-agency-signed-in');
  });

  it('signs out through the platform’s end_session endpoint and returns to the agency; the next sign-in asks for the password again', async () => {
    await page.goto(new URL('/me', agencyUrl).href);
    await page.getByRole('button', { name: /^登出/ }).click();
    // The platform asks before it ends single sign-on (RP-Initiated Logout 1.0 §2: id_token_hint, post_logout_redirect_uri).
    await page.waitForURL(new RegExp(`^${platform.baseUrl}/oidc/session/end`));
    await page.getByRole('button', { name: /^登出/ }).click();
    await page.waitForURL(new URL('/signed-out', agencyUrl).href);
    expect(await page.locator('h1').textContent()).toContain('您已登出示範機關');

    await page.goto(new URL('/me', agencyUrl).href);
    expect(new URL(page.url()).pathname).toBe('/'); // forgotten by the agency too
    await page.getByRole('button', { name: /以一般等級登入/ }).click();
    await page.waitForURL(`${platform.baseUrl}/login`);
  });
});

describe('the demo agency over HTTP', () => {
  it('refuses a callback that no sign-in in this browser started', async () => {
    const res = await fetch(new URL('/callback?code=stolen&state=guessed', agencyUrl));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('no_sign_in_under_way');
  });

  it('sends the citizen to the platform with PKCE (S256), state, nonce and the chosen level', async () => {
    const res = await fetch(new URL('/login', agencyUrl), { method: 'POST', body: new URLSearchParams({ acr: 'substantial' }), redirect: 'manual' });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe(`${platform.baseUrl}/oidc/auth`);
    const q = to.searchParams;
    expect(q.get('client_id')).toBe(credentials.clientId);
    expect(q.get('redirect_uri')).toBe(new URL('/callback', agencyUrl).href);
    expect(q.get('scope')).toBe(AGENCY_SCOPES.join(' '));
    expect(q.get('acr_values')).toBe('substantial');
    expect(q.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(q.get(p)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.getSetCookie().join()).toMatch(/HttpOnly/i);
  });

  it('refuses a level that is not low, substantial or high', async () => {
    const res = await fetch(new URL('/login', agencyUrl), { method: 'POST', body: new URLSearchParams({ acr: 'medium' }), redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});

describe('registration for npm run sandbox', () => {
  it('registers through the operator CLI once, keeps the credentials, and registers again when the platform no longer accepts them', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'menhu-sandbox-'));
    try {
      const platformUrl = new URL(platform.baseUrl);
      const publicUrl = new URL('http://127.0.0.1:4999');
      const cli = registerWithCli({
        command: [process.execPath, path.join(REPO_ROOT, 'packages/server/bin/menhu.js')],
        cwd: REPO_ROOT,
        env: { ...process.env, DATA_DIR: platform.server.platform.config.dataDir, LOG_LEVEL: 'silent' },
      });
      const accepted = (c: AgencyCredentials) => credentialsAccepted(platformUrl, c);
      let registrations = 0;
      const counted: Register = (r) => (registrations++, cli(r));

      const first = await ensureRegistered({ platformUrl, publicUrl, dataDir, register: counted, accepted });
      expect(first.registered).toBe(true);
      expect(statSync(first.file).mode & 0o777).toBe(0o600);
      const made = (await platform.server.platform.agencies.byClientId(first.credentials.clientId))!;
      expect(made).toMatchObject({
        name: AGENCY_NAME,
        redirectUris: ['http://127.0.0.1:4999/callback'],
        postLogoutRedirectUris: ['http://127.0.0.1:4999/signed-out'],
        scopes: ['openid', 'profile', 'email'],
        status: 'active',
      });

      const again = await ensureRegistered({ platformUrl, publicUrl, dataDir, register: counted, accepted });
      expect(again).toMatchObject({ registered: false, credentials: first.credentials });
      expect(registrations).toBe(1);

      // An operator disabled it (or the platform's data was wiped): the stored secret no longer works.
      await platform.server.platform.agencies.disable(first.credentials.clientId);
      const replaced = await ensureRegistered({ platformUrl, publicUrl, dataDir, register: registerInProcess, accepted });
      expect(replaced.registered).toBe(true);
      expect(replaced.credentials.clientId).not.toBe(first.credentials.clientId);
      expect(await accepted(replaced.credentials)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
