/**
 * The platform as the OpenID Connect provider agencies integrate with (issue 8), on oidc-provider 9: its storage
 * on the platform's store (adapter.ts), its keys in the database (keys.ts), its clients the agencies, its
 * subjects pairwise per agency sector, and its sign-in the platform's own pages (interactions.ts).
 *
 * Assurance: oidc-provider treats acr_values as a voluntary claim compared by equality, so the login prompt
 * gets checks of its own here: the platform session must exist and be the provider session's account (a
 * platform sign-out ends single sign-on too), its level must reach what the agency asks (levels are ordered:
 * high satisfies substantial), and an agency that requires TOTP gets a TOTP code in every sign-in it asks for.
 */
import { createHmac } from 'node:crypto';
import Provider, { interactionPolicy, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Kysely } from 'kysely';
import type { Redis } from 'ioredis';
import { ACR_LEVELS, acrSatisfies, isAcr, type Acr } from '@menhu/protocol';
import type { Database } from '../store/schema';
import type { Config } from '../config/schema';
import type { Secrets } from '../config/secrets';
import type { Accounts } from '../services/accounts';
import type { Agencies } from '../services/agencies';
import type { Audit } from '../services/audit';
import type { Clock } from '../services/clock';
import type { SessionManager } from '../services/sessions/manager';
import { sessionCookieName } from '../http/session';
import { createAdapterFactory } from './adapter';
import { createOidcKeys, type OidcKeys } from './keys';
import { createProviderLogout, type ProviderLogout } from './logout';
import { createConsents, type Consents } from './grants';

/** Token lifetimes, in seconds. */
export const OIDC_TTL = {
  AccessToken: 10 * 60,
  AuthorizationCode: 60,
  ClientCredentials: 10 * 60,
  IdToken: 10 * 60,
  Interaction: 30 * 60,
  RefreshToken: 14 * 24 * 3600,
  Session: 8 * 3600,
  Grant: 14 * 24 * 3600,
} as const;

/** The longest a token signed by a key may live: a rotated-out key stays published this long. */
export const KEY_RETENTION_MS = Math.max(OIDC_TTL.IdToken, OIDC_TTL.AccessToken) * 1000 + 3600_000;

export interface OidcDeps {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly redis: Redis | undefined;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly accounts: Accounts;
  readonly agencies: Agencies;
  readonly audit: Audit;
  readonly sessions: SessionManager;
  /** An agency's back-channel logout URI did not answer (logged; the sign-out goes on). */
  readonly onBackChannelError?: (err: unknown) => void;
}

export interface Oidc {
  readonly provider: Provider;
  readonly keys: OidcKeys;
  /** Ends the provider's sessions of an account (sign-out, sign-out everywhere else). */
  readonly logout: ProviderLogout;
  /** The consents the citizen gave agencies (我的帳戶). */
  readonly consents: Consents;
  /**
   * Ends everything an account holds at the provider: its sessions (agencies told by back channel) and every
   * token, refresh tokens included (DESIGN.md: a password reset or card binding ends them all).
   */
  revokeAll(accountId: string): Promise<void>;
  /** The level an authorization request needs: the agency's minimum, raised by the lowest acr_values it lists. */
  requiredAcr(clientMinAcr: unknown, acrValues: unknown): Acr;
}

/** What each scope releases. `tw_id` only to agencies allowed it (their scopes), and only at level high. */
const CLAIMS = {
  sid: null,
  iss: null,
  // How and when the citizen signed in go into every ID token, not only when asked for.
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  profile: ['name'],
  email: ['email', 'email_verified'],
  tw_id: ['tw_id'],
} as const;

export function requiredAcr(clientMinAcr: unknown, acrValues: unknown): Acr {
  const floor: Acr = isAcr(clientMinAcr) ? clientMinAcr : 'low';
  // acr_values lists acceptable levels; the lowest one listed is enough, never below the agency's own minimum.
  const listed = typeof acrValues === 'string' ? acrValues.split(' ').filter(isAcr) : [];
  const asked = listed.length > 0 ? listed.reduce((a, b) => (ACR_LEVELS.indexOf(a) <= ACR_LEVELS.indexOf(b) ? a : b)) : 'low';
  return ACR_LEVELS.indexOf(asked) > ACR_LEVELS.indexOf(floor) ? asked : floor;
}

/** The agency's metadata as oidc-provider wants it; undefined for an unknown or disabled agency. */
async function clientMetadata(agencies: Agencies, clientId: string): Promise<AdapterPayload | undefined> {
  const found = await agencies.withSecret(clientId);
  if (!found || found.agency.status !== 'active') return undefined;
  const { agency, clientSecret } = found;
  const interactive = agency.grantTypes.includes('authorization_code');
  return {
    client_id: agency.clientId,
    client_secret: clientSecret,
    client_name: agency.name,
    redirect_uris: [...agency.redirectUris],
    post_logout_redirect_uris: [...agency.postLogoutRedirectUris],
    grant_types: [...agency.grantTypes],
    response_types: interactive ? ['code'] : [],
    token_endpoint_auth_method: 'client_secret_basic',
    // Pairwise needs a sector; a back end with only client credentials has no end users, so no subjects.
    subject_type: interactive ? 'pairwise' : 'public',
    scope: agency.scopes.join(' '),
    require_auth_time: true,
    ...(agency.backchannelLogoutUri ? { backchannel_logout_uri: agency.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    menhu_min_acr: agency.minAcr,
    menhu_totp_required: agency.totpRequired,
    menhu_sector: agency.sector,
  } as AdapterPayload;
}

function platformSessionOf(ctx: KoaContextWithOIDC, deps: OidcDeps) {
  const token = ctx.cookies.get(sessionCookieName(deps.config.secureCookies));
  return deps.sessions.lookup(token);
}

const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * oidc-provider's error page (an agency sent a request the platform cannot answer to its redirect URI, e.g. an
 * unregistered one): plain, in both languages, with the OAuth error for the agency's engineers.
 */
const renderError: NonNullable<Configuration['renderError']> = async (ctx, out) => {
  ctx.type = 'html';
  ctx.body = `<!doctype html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>登入請求無法處理 / The sign-in request cannot be handled</title></head><body><main><h1>登入請求無法處理</h1><p>這個機關網站送來的登入請求有誤，請回到機關網站重新操作；若一再發生，請告知該機關。</p><h1 lang="en">The sign-in request cannot be handled</h1><p lang="en">The agency's site sent a sign-in request that is not valid. Go back to the agency's site and try again; if it keeps happening, tell the agency.</p><p><code>${escapeHtml(out.error)}</code>: <code>${escapeHtml(out.error_description)}</code></p></main></body></html>`;
};

/** The page that asks before an agency's sign-out ends single sign-on; no script (the CSP allows none). */
const logoutSource: NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['logoutSource'] = async (ctx, form) => {
  ctx.type = 'html';
  ctx.body = `<!doctype html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>登出門戶 / Sign out of Menhu</title></head><body><main><h1>要登出門戶嗎？<span lang="en"> / Sign out of Menhu?</span></h1><p>登出後，您在門戶與透過門戶登入的各機關服務都需要重新登入。</p><p lang="en">You will need to sign in again to Menhu and to the agency services you reached through it.</p>${form}<p><button type="submit" form="op.logoutForm" name="logout" value="yes">登出 / Sign out</button> <button type="submit" form="op.logoutForm">保持登入 / Stay signed in</button></p></main></body></html>`;
};

const postLogoutSuccessSource: NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['postLogoutSuccessSource'] = async (ctx) => {
  ctx.type = 'html';
  ctx.body = `<!doctype html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>已登出 / Signed out</title></head><body><main><h1>您已登出門戶<span lang="en"> / You have signed out of Menhu</span></h1><p><a href="/login">回到登入頁 / Back to the sign-in page</a></p></main></body></html>`;
};

export async function createOidc(deps: OidcDeps): Promise<Oidc> {
  const { config, secrets, accounts } = deps;
  const keys = createOidcKeys(deps.db, secrets.dataEncryptionKey, deps.clock, KEY_RETENTION_MS);
  const { Check, base } = interactionPolicy;
  const policy = base();
  const login = policy.get('login')!;

  login.checks.add(
    new Check('platform_session', 'the platform session has ended or belongs to someone else', 'login_required', async (ctx) => {
      const found = await platformSessionOf(ctx, deps);
      const accountId = found.state === 'active' ? found.session.record.accountId : null;
      return accountId && accountId === ctx.oidc.session!.accountId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  login.checks.add(
    new Check('acr_insufficient', 'the agency needs a higher level of assurance', 'login_required', async (ctx) => {
      const client = ctx.oidc.client!;
      const need = requiredAcr(client['menhu_min_acr'], ctx.oidc.params!['acr_values']);
      const have = ctx.oidc.result?.login?.acr ?? ctx.oidc.session!.acr;
      return acrSatisfies(isAcr(have) ? have : null, need) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  login.checks.add(
    new Check('totp_required', 'the agency asks for a TOTP code at every sign-in', 'login_required', async (ctx) => {
      if (ctx.oidc.client!['menhu_totp_required'] !== true) return Check.NO_NEED_TO_PROMPT;
      // Only a code given in this very interaction counts: "every time".
      const amr = ctx.oidc.result?.login?.amr;
      return Array.isArray(amr) && amr.includes('otp') ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );

  const adapter = createAdapterFactory({
    db: deps.db,
    redis: deps.redis,
    clock: deps.clock,
    clientMetadata: (id) => clientMetadata(deps.agencies, id),
  });
  const configuration: Configuration = {
    adapter: adapter as unknown as Configuration['adapter'],
    jwks: { keys: (await keys.current()) as never },
    cookies: {
      // Derived from the data key, so every node signs the provider's cookies alike.
      keys: [createHmac('sha256', secrets.dataEncryptionKey).update('oidc.cookies').digest('base64url')],
      long: { signed: true, secure: config.secureCookies, sameSite: 'lax' },
      short: { signed: true, secure: config.secureCookies, sameSite: 'lax' },
    },
    routes: {
      authorization: '/oidc/auth',
      token: '/oidc/token',
      jwks: '/oidc/jwks',
      userinfo: '/oidc/me',
      introspection: '/oidc/token/introspection',
      revocation: '/oidc/token/revocation',
      end_session: '/oidc/session/end',
      pushed_authorization_request: '/oidc/request',
    },
    // Agencies are registered with a secret; no other way of authenticating is offered.
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    scopes: ['openid', 'offline_access', 'profile', 'email', 'tw_id'],
    claims: CLAIMS as unknown as Configuration['claims'],
    acrValues: [...ACR_LEVELS],
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: async (_ctx, accountId, client) =>
      createHmac('sha256', secrets.lookupHashKey).update(`oidc.pairwise\0${String(client['menhu_sector'])}\0${accountId}`).digest('base64url'),
    extraClientMetadata: { properties: ['menhu_min_acr', 'menhu_totp_required', 'menhu_sector'] },
    pkce: { required: () => true },
    // oidc-provider refuses calls to loopback and private addresses (SSRF). Outside production an agency on this
    // machine (the demo, the tests) may be called back; in production the protection stays whole.
    fetch: (url, options) => {
      const host = new URL(url instanceof Request ? url.url : url).hostname;
      if (!config.production && (host === '127.0.0.1' || host === 'localhost')) {
        const { dispatcher: _protected, ...rest } = options as RequestInit & { dispatcher?: unknown };
        return globalThis.fetch(url, rest);
      }
      return globalThis.fetch(url, options);
    },
    clientDefaults: { grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      // An agency may look at and revoke its own tokens only.
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      clientCredentials: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      userinfo: { enabled: true },
    },
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    ttl: { ...OIDC_TTL },
    // An access token remembers the level of the sign-in it came from, so that userinfo can hold to "tw_id only
    // at high" too (also shown to the agency in introspection).
    extraTokenClaims: async (ctx, token) => {
      if (token.kind !== 'AccessToken') return undefined;
      const entities = ctx.oidc.entities as { AuthorizationCode?: { acr?: string }; RefreshToken?: { acr?: string } };
      const acr = entities.AuthorizationCode?.acr ?? entities.RefreshToken?.acr;
      return acr ? { acr } : undefined;
    },
    findAccount: async (ctx, accountId, token) => {
      const account = await accounts.byId(accountId);
      if (!account || account.status !== 'active') return undefined;
      return {
        accountId,
        async claims(_use, scope) {
          const claims: Record<string, unknown> = { sub: accountId };
          const scopes = new Set(scope.split(' '));
          if (scopes.has('profile')) claims['name'] = account.displayName;
          if (scopes.has('email')) Object.assign(claims, { email: account.email, email_verified: account.emailVerified });
          if (scopes.has('tw_id')) {
            const entities = ctx.oidc.entities as { AuthorizationCode?: { acr?: string }; RefreshToken?: { acr?: string } };
            const fromToken = (token as { extra?: { acr?: string } } | undefined)?.extra?.acr;
            const acr = fromToken ?? entities.AuthorizationCode?.acr ?? entities.RefreshToken?.acr ?? ctx.oidc.session?.acr;
            if (acr === 'high') claims['tw_id'] = await accounts.fullIdNumber(accountId);
          }
          return claims as { sub: string };
        },
      };
    },
  };

  const provider = new Provider(config.publicUrl.origin, { ...configuration, renderError });
  provider.proxy = config.trustedProxies.length > 0;
  // An agency's sign-out (RP-initiated logout) ends the platform session of that browser as well.
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    void platformSessionOf(ctx, deps)
      .then((found) => (found.state === 'active' ? deps.sessions.end(found.session) : undefined))
      .catch(() => undefined);
  });
  const logout = createProviderLogout(provider, deps.db, adapter, (err) => deps.onBackChannelError?.(err));
  async function revokeAll(accountId: string): Promise<void> {
    await logout.end(accountId);
    // Grants with offline_access outlive a sign-out, not a password reset: their tokens go too.
    await deps.db.deleteFrom('oidc_models').where('account_id', '=', accountId).where('kind', 'in', ['AccessToken', 'RefreshToken', 'AuthorizationCode', 'Grant']).execute();
  }
  return { provider, keys, logout, consents: createConsents(deps.db, adapter), revokeAll, requiredAcr };
}
