/**
 * Single sign-on for agencies with openid-client (v6) as the real relying party: discovery, code with PKCE
 * through the platform's own login and consent pages, the ID token's acr/amr/auth_time, pairwise subjects per
 * sector, refresh, introspection, revocation, client credentials, step-up to TOTP (codes from otpauth's TOTP,
 * checked against oathtool in the TOTP suite), prompt=none below the level, a TOTP-required agency, signing out
 * (the platform's sign-out ends single sign-on and tells the agency by back channel; an agency's sign-out ends
 * the platform session), and the refusals: wrong redirect URI, wrong secret, replayed code.
 */
import { createServer, type Server } from 'node:http';
import * as client from 'openid-client';
import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../src/services/demo';
import { startOidcPlatform, WebUser, type OidcPlatform, type Visit } from '../support/oidc';
import { citizenCard, componentAnswer, startCardCa, type CardCa } from '../support/cards';
import { tempDir } from '../support/platform';
import { REDIS_URL, redisAvailable } from '../support/services';

const AGENCY_ORIGIN = 'http://127.0.0.1:9';
const REDIRECT = `${AGENCY_ORIGIN}/callback`;

let p: OidcPlatform;

beforeAll(async () => {
  p = await startOidcPlatform();
}, 60_000);

afterAll(async () => {
  await p?.close();
});

async function agency(options: { sector?: string; minAcr?: 'low' | 'substantial' | 'high'; totpRequired?: boolean; clientCredentials?: boolean } = {}) {
  const { agency: made, clientSecret } = await p.server.platform.agencies.add({
    name: '測試機關',
    redirectUris: [REDIRECT],
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    ...(options.sector ? { sector: options.sector } : {}),
    ...(options.minAcr ? { minAcr: options.minAcr } : {}),
    ...(options.totpRequired ? { totpRequired: true } : {}),
    ...(options.clientCredentials ? { clientCredentials: true } : {}),
  });
  const config = await p.relyingParty(made.clientId, clientSecret);
  return { config, clientId: made.clientId, clientSecret };
}

/** An authorization request with PKCE; the URL, and what the callback needs. */
async function authorize(config: client.Configuration, extra: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid profile email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    prompt: 'consent',
    ...extra,
  });
  return { url, verifier, state };
}

/** The citizen signs in with a password (the demo account's unless said) on the platform's login page. */
async function passwordSignIn(user: WebUser, page: { url: URL; body: string }, who: { accountName: string; password: string } = DEMO_ACCOUNT) {
  expect(page.url.pathname).toBe('/login');
  return user.go(new URL('/login', p.baseUrl), { account: who.accountName, password: who.password });
}

async function consent(user: WebUser, page: { url: URL; body: string }) {
  expect(page.url.pathname).toMatch(/^\/interaction\//);
  expect(page.body).toContain('同意提供資料');
  return user.go(new URL(`${page.url.pathname}/consent`, p.baseUrl), { decision: 'allow' });
}

describe('single sign-on with code and PKCE', () => {
  it('publishes discovery with the endpoints, acr values and pairwise subjects', async () => {
    const res = await fetch(`${p.baseUrl}/.well-known/openid-configuration`);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta['issuer']).toBe(p.baseUrl);
    expect(meta['acr_values_supported']).toEqual(['low', 'substantial', 'high']);
    expect(meta['subject_types_supported']).toContain('pairwise');
    expect(meta['code_challenge_methods_supported']).toEqual(['S256']);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const jwks = (await (await fetch(String(meta['jwks_uri']))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]).not.toHaveProperty('d'); // never the private part
  });

  it('signs in through the platform’s login and consent pages; the ID token carries acr, amr, auth_time and a pairwise sub', async () => {
    const { config } = await agency();
    const { url, verifier, state } = await authorize(config);
    const user = new WebUser(AGENCY_ORIGIN);
    const login = await user.go(url);
    const consentPage = await passwordSignIn(user, login);
    expect(consentPage.body).toContain('測試機關');
    const back = await consent(user, consentPage);
    expect(back.url.origin).toBe(AGENCY_ORIGIN);

    const tokens = await client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims()!;
    expect(claims.acr).toBe('low');
    expect(claims.amr).toEqual(['pwd']);
    expect(typeof claims.auth_time).toBe('number');
    const account = (await p.server.platform.accounts.byName(DEMO_ACCOUNT.accountName))!.account;
    expect(claims.sub).not.toBe(account.id);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(userinfo.name).toBe(account.displayName);
    expect(userinfo.email).toBe(account.email);
    expect(userinfo['tw_id']).toBeUndefined();

    // Refresh, introspection and revocation.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    const introspected = await client.tokenIntrospection(config, refreshed.access_token);
    expect(introspected.active).toBe(true);
    expect(introspected.sub).toBe(claims.sub);
    await client.tokenRevocation(config, refreshed.refresh_token ?? tokens.refresh_token!);
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token ?? tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });

    // Every token issued is audited.
    const audited = await p.server.platform.audit.list({ event: 'oidc.token', limit: 10 });
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited.some((r) => r.detail?.includes('"refresh_token"'))).toBe(true);
  });

  it('gives agencies of different sectors different subjects, and one sector the same', async () => {
    const subjects: string[] = [];
    for (const sector of ['a.gov.tw', 'b.gov.tw', 'a.gov.tw']) {
      const { config } = await agency({ sector });
      const { url, verifier, state } = await authorize(config);
      const user = new WebUser(AGENCY_ORIGIN);
      const back = await consent(user, await passwordSignIn(user, await user.go(url)));
      subjects.push((await client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state })).claims()!.sub);
    }
    expect(subjects[0]).not.toBe(subjects[1]);
    expect(subjects[0]).toBe(subjects[2]);
  });

  it('refuses a replayed code, a wrong secret and a redirect URI that is not registered', async () => {
    const { config, clientId } = await agency();
    const { url, verifier, state } = await authorize(config);
    const user = new WebUser(AGENCY_ORIGIN);
    const back = await consent(user, await passwordSignIn(user, await user.go(url)));
    await client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state });
    await expect(client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state })).rejects.toMatchObject({ error: 'invalid_grant' });

    const wrong = await p.relyingParty(clientId, 'not the secret');
    await expect(client.clientCredentialsGrant(wrong)).rejects.toMatchObject({ error: 'invalid_client' });

    const elsewhere = new URL(url);
    elsewhere.searchParams.set('redirect_uri', 'http://127.0.0.1:9/somewhere-else');
    const refused = await new WebUser(AGENCY_ORIGIN).go(elsewhere);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<code>invalid_redirect_uri</code>');
    expect(refused.body).toContain('登入請求無法處理');
  });

  it('says plainly when an agency’s sign-in request is no longer valid', async () => {
    const page = await new WebUser(AGENCY_ORIGIN).go(new URL('/interaction/not-a-real-one', p.baseUrl));
    expect(page.status).toBe(400);
    expect(page.body).toContain('請回到機關網站重新登入');
  });

  it('issues client-credentials tokens to an agency’s back end', async () => {
    const { config } = await agency({ clientCredentials: true });
    const tokens = await client.clientCredentialsGrant(config);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspected.active).toBe(true);
    expect(introspected.sub).toBeUndefined();
  });
});

describe('fresh sign-ins and ended tokens', () => {
  it('asks for the password again for prompt=login and for an expired max_age, even with a platform session', async () => {
    const { config } = await agency();
    const user = new WebUser(AGENCY_ORIGIN);
    const first = await authorize(config);
    await consent(user, await passwordSignIn(user, await user.go(first.url)));
    const fresh: Record<string, string>[] = [{ prompt: 'login' }, { max_age: '0' }];
    for (const extra of fresh) {
      const { url, verifier, state } = await authorize(config, extra);
      const ask = await user.go(url);
      expect(ask.body, JSON.stringify(extra)).toContain('請再輸入一次密碼');
      const wrong = await user.go(new URL(`${ask.url.pathname}/password`, p.baseUrl), { password: 'not the password' });
      expect(wrong.status).toBe(401);
      let page = await user.go(new URL(`${ask.url.pathname}/password`, p.baseUrl), { password: DEMO_ACCOUNT.password });
      if (page.url.origin !== AGENCY_ORIGIN) page = await consent(user, page);
      const claims = (await client.authorizationCodeGrant(config, page.url, { pkceCodeVerifier: verifier, expectedState: state })).claims()!;
      expect(claims.auth_time).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
    }
  });

  it('ends the refresh tokens of an account whose password is reset', async () => {
    const who = { accountName: 'reset.user', password: 'a long enough sentence 2026' };
    await p.server.platform.accounts.createActivated({ ...who, displayName: '林小華', idNumber: 'A123456789', email: 'reset.user@example.tw' });
    const { config } = await agency();
    const { url, verifier, state } = await authorize(config);
    const user = new WebUser(AGENCY_ORIGIN);
    const back = await consent(user, await passwordSignIn(user, await user.go(url), who));
    const tokens = await client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state });
    const account = (await p.server.platform.accounts.byName(who.accountName))!.account;
    expect(await p.server.platform.passwordChange.change(account, 'another long sentence 2027', 'another long sentence 2027', { via: 'card', lang: 'zh-TW', from: {} })).toBeUndefined();
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('serves pushed authorization requests where discovery says', async () => {
    const { config, clientId, clientSecret } = await agency();
    const endpoint = config.serverMetadata().pushed_authorization_request_endpoint!;
    expect(new URL(endpoint).pathname).toBe('/oidc/request');
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { request_uri: string }).request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
  });
});

describe('consents in 我的帳戶', () => {
  it('lists the agency and what it receives; withdrawing revokes its tokens and asks again next time', async () => {
    const { config, clientId } = await agency();
    const { url, verifier, state } = await authorize(config);
    const user = new WebUser(AGENCY_ORIGIN);
    const back = await consent(user, await passwordSignIn(user, await user.go(url)));
    const tokens = await client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state });

    const page = await user.go(new URL('/account/agencies', p.baseUrl));
    expect(page.body).toContain('測試機關');
    expect(page.body).toContain('電子郵件地址');
    const account = (await p.server.platform.accounts.byName(DEMO_ACCOUNT.accountName))!.account;
    const { grantId } = (await p.server.platform.oidc.consents.of(account.id)).find((c) => c.clientId === clientId)!;
    expect(page.body).toContain(`name="grantId" value="${grantId}"`);
    const withdrawn = await user.go(new URL('/account/agencies/withdraw', p.baseUrl), { grantId });
    expect(withdrawn.body).toContain('已撤回對「測試機關」的同意');

    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // Without prompt=consent the agency's next sign-in asks again.
    const again = await authorize(config, { prompt: '' });
    const asked = await user.go(again.url);
    expect(asked.body).toContain('同意提供資料');
    const audited = await p.server.platform.audit.list({ event: 'oidc.consent', limit: 5 });
    expect(audited.some((r) => r.detail?.includes('"withdrawn":true'))).toBe(true);
  });
});

describe('assurance', () => {
  let serial = 0;

  /**
   * An account with TOTP on, as a citizen turns it on in 我的帳戶; `nextCode` gives a code of a step not used
   * yet (a step is accepted once, and one step either side of now: two fresh codes per account at a time).
   */
  async function enrolled() {
    const who = { accountName: `totp.user${++serial}`, password: 'a long enough sentence 2026' };
    await p.server.platform.accounts.createActivated({ ...who, displayName: '林小華', idNumber: 'A123456789', email: `${who.accountName}@example.tw` });
    const account = (await p.server.platform.accounts.byName(who.accountName))!.account;
    const enrolment = (await p.server.platform.totp.begin(account, '門戶'))!;
    const totp = new TOTP({ secret: enrolment.secret });
    const now = p.server.platform.clock.now();
    let lastStep = Math.floor(now / 30_000) - 1;
    expect(await p.server.platform.totp.confirm(account, totp.generate({ timestamp: lastStep * 30_000 }), { lang: 'zh-TW', from: {}, everySignIn: false })).toMatchObject({ verified: true });
    const nextCode = () => totp.generate({ timestamp: ++lastStep * 30_000 });
    return { who, nextCode };
  }

  it('steps a password session up to TOTP when the agency asks for substantial, instead of failing', async () => {
    const { who, nextCode } = await enrolled();
    const { config } = await agency();
    const { url, verifier, state } = await authorize(config, { acr_values: 'substantial' });
    const user = new WebUser(AGENCY_ORIGIN);
    const stepUp = await passwordSignIn(user, await user.go(url), who);
    expect(stepUp.body).toContain('需要更高的身分確認等級');
    const wrong = await user.go(new URL(`${stepUp.url.pathname}/totp`, p.baseUrl), { code: '000000' });
    expect(wrong.status).toBe(401);
    const consentPage = await user.go(new URL(`${stepUp.url.pathname}/totp`, p.baseUrl), { code: nextCode() });
    const back = await consent(user, consentPage);
    const claims = (await client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state })).claims()!;
    expect(claims.acr).toBe('substantial');
    expect(claims.amr).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));
  });

  it('leads a citizen without TOTP to turn it on when the agency needs substantial', async () => {
    const who = { accountName: 'no.totp.yet', password: 'a long enough sentence 2026' };
    await p.server.platform.accounts.createActivated({ ...who, displayName: '林小華', idNumber: 'A123456789', email: 'no.totp.yet@example.tw' });
    const { config } = await agency({ minAcr: 'substantial' });
    const { url } = await authorize(config);
    const user = new WebUser(AGENCY_ORIGIN);
    const page = await passwordSignIn(user, await user.go(url), who);
    expect(page.body).toContain('您的帳號還沒有啟用');
    expect(page.body).toContain('href="/account/totp"');
  });

  it('answers prompt=none below the level with login_required, and asks for the card at high', async () => {
    const { config } = await agency();
    const user = new WebUser(AGENCY_ORIGIN);
    // Signed in at low first.
    const first = await authorize(config);
    await consent(user, await passwordSignIn(user, await user.go(first.url)));
    const silent = await authorize(config, { acr_values: 'substantial', prompt: 'none' });
    const back = await user.go(silent.url);
    expect(back.url.origin).toBe(AGENCY_ORIGIN);
    expect(back.url.searchParams.get('error')).toBe('login_required');

    const high = await authorize(config, { acr_values: 'high' });
    const card = await user.go(high.url);
    expect(card.body).toContain('請插入自然人憑證卡片');
  });

  it('asks an agency that requires TOTP for a code every time', async () => {
    const { who, nextCode } = await enrolled();
    const { config } = await agency({ totpRequired: true });
    const user = new WebUser(AGENCY_ORIGIN);
    for (let round = 0; round < 2; round++) {
      const { url, verifier, state } = await authorize(config);
      let page = await user.go(url);
      if (page.url.pathname === '/login') page = await passwordSignIn(user, page, who);
      expect(page.body).toContain('動態密碼或備用代碼');
      page = await user.go(new URL(`${page.url.pathname}/totp`, p.baseUrl), { code: nextCode() });
      const back = page.url.origin === AGENCY_ORIGIN ? page : await consent(user, page);
      const claims = (await client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state })).claims()!;
      expect(claims.amr).toContain('otp');
    }
  });
});

describe('signing out', () => {
  /** An agency back end that records the logout tokens posted to its back-channel URI. */
  let backChannel: Server;
  let backChannelUri: string;
  const logoutTokens: string[] = [];

  beforeAll(async () => {
    backChannel = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const token = new URLSearchParams(body).get('logout_token');
        if (token) logoutTokens.push(token);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => backChannel.listen(0, '127.0.0.1', resolve));
    const address = backChannel.address() as { port: number };
    backChannelUri = `http://127.0.0.1:${address.port}/backchannel`;
  });

  afterAll(async () => {
    await new Promise((resolve) => backChannel?.close(resolve));
  });

  async function agencyWithLogout() {
    const { agency: made, clientSecret } = await p.server.platform.agencies.add({
      name: '登出測試機關',
      redirectUris: [REDIRECT],
      postLogoutRedirectUris: [`${AGENCY_ORIGIN}/bye`],
      backchannelLogoutUri: backChannelUri,
      scopes: ['openid', 'profile'],
    });
    return p.relyingParty(made.clientId, clientSecret);
  }

  async function signInThrough(config: client.Configuration, user: WebUser) {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid profile', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', prompt: 'consent' });
    const back = await consent(user, await passwordSignIn(user, await user.go(url)));
    return client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier });
  }

  const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  it('ends single sign-on with the platform’s sign-out and tells the agency by back channel', async () => {
    const config = await agencyWithLogout();
    const user = new WebUser(AGENCY_ORIGIN);
    const tokens = await signInThrough(config, user);
    const sub = tokens.claims()!.sub;

    await user.go(new URL('/account', p.baseUrl));
    const before = logoutTokens.length;
    await user.go(new URL('/logout', p.baseUrl), {});
    expect(logoutTokens.length).toBe(before + 1);
    const logout = payloadOf(logoutTokens.at(-1)!);
    expect(logout['sub']).toBe(sub);
    expect(logout['events']).toHaveProperty(['http://schemas.openid.net/event/backchannel-logout']);
    expect(logout['sid']).toBe(tokens.claims()!['sid']);

    // The agency's next silent sign-in finds nobody signed in.
    const verifier = client.randomPKCECodeVerifier();
    const silent = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', prompt: 'none' });
    expect((await user.go(silent)).url.searchParams.get('error')).toBe('login_required');
  });

  it('ends the platform session when the agency signs the citizen out (RP-initiated logout)', async () => {
    const config = await agencyWithLogout();
    const user = new WebUser(AGENCY_ORIGIN);
    const tokens = await signInThrough(config, user);
    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${AGENCY_ORIGIN}/bye` });
    const ask = await user.go(end);
    expect(ask.body).toContain('要登出門戶嗎');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(ask.body)![1]!;
    const done = await user.go(new URL('/oidc/session/end/confirm', p.baseUrl), { xsrf, logout: 'yes' });
    expect(done.url.href).toBe(`${AGENCY_ORIGIN}/bye`);
    // The platform session is gone as well.
    expect((await user.go(new URL('/account', p.baseUrl))).url.pathname).toBe('/login');
  });
});

describe('the full ID number (tw_id)', () => {
  const tmp = tempDir('menhu-oidc-card-');
  let ca: CardCa;
  let cardPlatform: OidcPlatform;
  const holder = { accountName: 'chen.meiling', password: 'a long enough sentence 2026' };

  beforeAll(async () => {
    ca = await startCardCa(tmp.dir);
    cardPlatform = await startOidcPlatform({ TRUST_ANCHORS: ca.trustDir });
    await cardPlatform.server.platform.accounts.createActivated({ ...holder, displayName: '陳美玲', idNumber: 'A123456789', email: 'meiling@example.tw' });
  }, 60_000);

  afterAll(async () => {
    await cardPlatform?.close();
    await ca?.close();
    tmp.remove();
  });

  async function twIdAgency(minAcr: 'low' | 'high') {
    const { agency: made, clientSecret } = await cardPlatform.server.platform.agencies.add({ name: '身分查驗機關', redirectUris: [REDIRECT], scopes: ['openid', 'profile', 'tw_id'], minAcr });
    return cardPlatform.relyingParty(made.clientId, clientSecret);
  }

  async function codeFlow(config: client.Configuration, user: WebUser, during: (page: Visit) => Promise<Visit>) {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid profile tw_id', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', prompt: 'consent' });
    let page = await user.go(url);
    page = await during(page);
    if (page.url.origin !== AGENCY_ORIGIN) page = await user.go(new URL(`${page.url.pathname}/consent`, cardPlatform.baseUrl), { decision: 'allow' });
    const tokens = await client.authorizationCodeGrant(config, page.url, { pkceCodeVerifier: verifier });
    return { tokens, userinfo: await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub) };
  }

  it('is not released at a password sign-in, even to an agency allowed it', async () => {
    const config = await twIdAgency('low');
    const user = new WebUser(AGENCY_ORIGIN);
    const { tokens, userinfo } = await codeFlow(config, user, () => user.go(new URL('/login', cardPlatform.baseUrl), { account: holder.accountName, password: holder.password }));
    expect(tokens.claims()!.acr).toBe('low');
    expect(userinfo.name).toBe('陳美玲');
    expect(userinfo['tw_id']).toBeUndefined();
  });

  it('is released at level high, after the card (bound on its first use) steps the sign-in up', async () => {
    const config = await twIdAgency('high');
    const user = new WebUser(AGENCY_ORIGIN);
    const card = await citizenCard(ca.dir, { name: '陳美玲', id: 'A123456789' });
    const { tokens, userinfo } = await codeFlow(config, user, async () => {
      const cardPage = await user.go(new URL('/login', cardPlatform.baseUrl), { account: holder.accountName, password: holder.password });
      expect(cardPage.body).toContain('請插入自然人憑證卡片');
      // The card panel's script: a challenge, the component's answer, the post.
      const challenge = (await user.json(new URL('/login/card/challenge', cardPlatform.baseUrl))).json as { tbs: string; nonce: string };
      const answer = await componentAnswer(card, challenge, cardPlatform.baseUrl);
      const posted = await user.json(new URL('/login/card', cardPlatform.baseUrl), { nonce: challenge.nonce, signatureType: 'PKCS7', ...answer });
      expect(posted.json).toEqual({ redirect: '/login/card/bind' });
      await user.go(new URL('/login/card/bind', cardPlatform.baseUrl));
      return user.go(new URL('/login/card/bind', cardPlatform.baseUrl), { account: holder.accountName, password: holder.password });
    });
    expect(tokens.claims()!.acr).toBe('high');
    expect(tokens.claims()!.amr).toEqual(['sc', 'pin', 'mfa']);
    expect(userinfo['tw_id']).toBe('A123456789');
  });
});

const haveRedis = await redisAvailable();

describe.skipIf(!haveRedis)('with Redis for the short-lived artefacts', () => {
  let redisPlatform: OidcPlatform;

  beforeAll(async () => {
    redisPlatform = await startOidcPlatform({ REDIS_URL });
  }, 60_000);

  afterAll(async () => {
    await redisPlatform?.close();
  });

  it('keeps codes and interactions in Redis, consumes a code once, and the sign-in works as with the database alone', async () => {
    const { agency: made, clientSecret } = await redisPlatform.server.platform.agencies.add({ name: '測試機關', redirectUris: [REDIRECT], scopes: ['openid', 'profile'] });
    const config = await redisPlatform.relyingParty(made.clientId, clientSecret);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid profile', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const user = new WebUser(AGENCY_ORIGIN);
    let page = await user.go(url);
    page = await user.go(new URL('/login', redisPlatform.baseUrl), { account: DEMO_ACCOUNT.accountName, password: DEMO_ACCOUNT.password });
    page = await user.go(new URL(`${page.url.pathname}/consent`, redisPlatform.baseUrl), { decision: 'allow' });
    const tokens = await client.authorizationCodeGrant(config, page.url, { pkceCodeVerifier: verifier });
    expect(tokens.claims()!.acr).toBe('low');
    await expect(client.authorizationCodeGrant(config, page.url, { pkceCodeVerifier: verifier })).rejects.toMatchObject({ error: 'invalid_grant' });
    // Nothing short-lived went to the database.
    const kinds = (await redisPlatform.server.platform.store.db.selectFrom('oidc_models').select('kind').execute()).map((r) => r.kind);
    expect(kinds).not.toContain('AuthorizationCode');
    expect(kinds).not.toContain('Interaction');
    expect(kinds).toContain('Session');
  });
});

describe('per-address limits', () => {
  let limited: OidcPlatform;

  beforeAll(async () => {
    limited = await startOidcPlatform({ RATE_LIMIT_PER_MINUTE: '10' });
  }, 60_000);

  afterAll(async () => {
    await limited?.close();
  });

  it('do not throttle an agency’s back end at the token endpoint, and still hold browsers at the authorization endpoint', async () => {
    const { agency: made, clientSecret } = await limited.server.platform.agencies.add({ name: '後端服務', redirectUris: [], scopes: ['openid'], clientCredentials: true, sector: 'backend.gov.tw' });
    const config = await limited.relyingParty(made.clientId, clientSecret);
    for (let i = 0; i < 15; i++) await client.clientCredentialsGrant(config);
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await fetch(`${limited.baseUrl}/oidc/auth?client_id=x`, { redirect: 'manual' })).status);
    expect(statuses).toContain(429);
  });
});
