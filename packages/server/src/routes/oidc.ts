/**
 * OpenID Connect on the platform (issue 8). oidc-provider answers its own endpoints (discovery, /oidc/…): they
 * get the raw request, unparsed, and set the platform's security headers themselves (Fastify's hooks do not
 * run for a hijacked reply). The interaction — how the citizen signs in for an agency — is the platform's
 * own pages: the login page when nobody is signed in, then a step up (a TOTP code, or the card) when the
 * agency needs a higher level or TOTP, then the consent to what the agency asks.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionResults } from 'oidc-provider';
import { acrSatisfies, formatRocDateTime, MenhuError, type Acr, type MessageKey } from '@menhu/protocol';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { setReturnTo } from '../http/return-to';
import { accountForChange, signedInAccount } from '../http/recent-sign-in';
import type { Account } from '../services/accounts';
import { ConsentsPage } from '../views/ConsentsPage';
import { InteractionPage, type InteractionStep } from '../views/InteractionPage';
import type { RouteDeps } from './deps';

/** What each scope shows on the consent page. */
const CONSENT_ITEMS: Readonly<Record<string, MessageKey>> = {
  openid: 'oidc.claim.sub',
  profile: 'oidc.claim.profile',
  email: 'oidc.claim.email',
  tw_id: 'oidc.claim.tw_id',
  offline_access: 'oidc.claim.offline_access',
};

/** The headers the platform's pages carry, for the responses oidc-provider writes itself. */
function providerHeaders(res: ServerResponse, https: boolean): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  // oidc-provider's own pages (form_post, errors) use inline scripts and styles of its own; nothing else runs.
  res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action *");
  if (https) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

/** prompt=login, or max_age passed: only a sign-in made for this very request counts. */
function wantsFreshSignIn(interaction: { prompt: { reasons: string[] } }): boolean {
  const reasons = interaction.prompt.reasons;
  return reasons.includes('login_prompt') || reasons.includes('max_age');
}

export function oidcRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  const { provider } = platform.oidc;
  const callback = provider.callback();
  const https = platform.config.secureCookies;

  // The provider's endpoints, in a scope of their own: no body parsing (oidc-provider reads the raw body), no
  // platform session, no form token (clients authenticate themselves).
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      providerHeaders(reply.raw, https);
      await callback(request.raw, reply.raw);
    };
    const config = { csrf: false, session: false };
    scope.route({ method: ['GET', 'POST'], url: '/oidc/*', config, handler });
    // Agencies' back ends call these, many from one address, each call authenticated by the agency's secret (or
    // public and cacheable): the per-address limit meant for browsers would throttle a whole agency.
    for (const url of ['/oidc/token', '/oidc/token/introspection', '/oidc/token/revocation', '/oidc/me', '/oidc/request', '/oidc/jwks', '/.well-known/openid-configuration']) {
      scope.route({ method: ['GET', 'POST'], url, config: { ...config, rateLimit: false }, handler });
    }
  });

  async function details(request: FastifyRequest, reply: FastifyReply) {
    try {
      return await provider.interactionDetails(request.raw, reply.raw);
    } catch {
      // Expired, or another browser's: the agency's sign-in has to start again from the agency's site. A later
      // sign-in here must not be sent back to it again.
      await setReturnTo(request, platform.sessions, null);
      throw new MenhuError('ERR_OIDC_INTERACTION', 400);
    }
  }

  async function finish(request: FastifyRequest, reply: FastifyReply, result: InteractionResults, merge = false) {
    const to = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: merge });
    await setReturnTo(request, platform.sessions, null);
    return reply.redirect(to, 303);
  }

  async function agencyName(clientId: unknown): Promise<string> {
    const agency = typeof clientId === 'string' ? await platform.agencies.byClientId(clientId) : undefined;
    return agency?.name ?? String(clientId);
  }

  function show(request: FastifyRequest, reply: FastifyReply, uid: string, agency: string, level: Acr, step: InteractionStep, status = 200) {
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(reply, InteractionPage({ ctx, uid, agency, level: ctx.t(`oidc.level.${level}`), step }), status);
  }

  /** A step's page once more, with what went wrong (a wrong code or password), at the level the agency needs. */
  async function showAgain(
    request: FastifyRequest,
    reply: FastifyReply,
    interaction: { uid: string; params: Record<string, unknown> },
    step: InteractionStep,
    status: number,
  ) {
    const client = await provider.Client.find(String(interaction.params['client_id']));
    const need = platform.oidc.requiredAcr(client?.['menhu_min_acr'], interaction.params['acr_values']);
    return show(request, reply, interaction.uid, await agencyName(interaction.params['client_id']), need, step, status);
  }

  /**
   * The login part of the interaction: sign in, step up, or tell the provider who signed in and how. With
   * `fresh` (prompt=login, max_age passed) a sign-in that was not made for this request does not count: the
   * password is asked again. A sign-in made for it came back here through the session's returnTo.
   */
  async function login(request: FastifyRequest, reply: FastifyReply, uid: string, params: Record<string, unknown>, fresh = false) {
    const account = await signedInAccount(request, platform);
    if (!account) {
      await setReturnTo(request, platform.sessions, `/interaction/${uid}`);
      return reply.redirect('/login', 303);
    }
    const client = await provider.Client.find(String(params['client_id']));
    if (!client) throw new MenhuError('ERR_OIDC_INTERACTION', 400);
    const need = platform.oidc.requiredAcr(client['menhu_min_acr'], params['acr_values']);
    const session = request.session!.record;
    const agency = await agencyName(params['client_id']);
    const totpRequired = client['menhu_totp_required'] === true;
    if (fresh && session.data.returnTo !== `/interaction/${uid}`) {
      return show(request, reply, uid, agency, need, { kind: 'password', accountName: account.accountName });
    }
    if (need === 'high' && !acrSatisfies(session.acr, 'high')) {
      await setReturnTo(request, platform.sessions, `/interaction/${uid}`);
      return show(request, reply, uid, agency, need, { kind: 'card', signerUrl: platform.config.signerUrl.origin });
    }
    if (totpRequired || !acrSatisfies(session.acr, need)) {
      const status = await platform.totp.status(account.id);
      if (status.state !== 'on') return show(request, reply, uid, agency, need, { kind: 'enrol' });
      return show(request, reply, uid, agency, need, { kind: 'totp' });
    }
    return finish(request, reply, { login: { accountId: account.id, acr: session.acr ?? 'low', amr: [...session.amr], ts: session.authTime ?? undefined } });
  }

  app.get<{ Params: { uid: string } }>('/interaction/:uid', { helmet: headers.signInWithComponent }, async (request, reply) => {
    await ensureSession(request, platform.sessions);
    const interaction = await details(request, reply);
    if (interaction.prompt.name === 'login') return login(request, reply, interaction.uid, interaction.params, wantsFreshSignIn(interaction));
    const account = await signedInAccount(request, platform);
    if (!account || account.id !== interaction.session?.accountId) return login(request, reply, interaction.uid, interaction.params);
    const missing = interaction.prompt.details['missingOIDCScope'];
    const scopes = Array.isArray(missing) ? (missing as string[]) : String(interaction.params['scope'] ?? '').split(' ');
    const items = scopes.map((s) => CONSENT_ITEMS[s]).filter((k): k is MessageKey => k !== undefined);
    return show(request, reply, interaction.uid, await agencyName(interaction.params['client_id']), 'low', { kind: 'consent', items });
  });

  app.post<{ Params: { uid: string } }>('/interaction/:uid/totp', { helmet: headers.signIn, config: { maxFieldLength: 64 } }, async (request, reply) => {
    const interaction = await details(request, reply);
    const account = await signedInAccount(request, platform);
    if (!account) return reply.redirect(`/interaction/${interaction.uid}`, 303);
    const result = await platform.totp.verify(account.id, field(request, 'code'), { from: requesterOf(request), purpose: 'step_up' });
    if (!result.verified) {
      const ctx = pageContext(request, reply, platform.sessions);
      const error = result.reason === 'paused' ? ctx.t('ERR_TOTP_PAUSED', { until: formatRocDateTime(new Date(result.until), ctx.lang) }) : ctx.t('ERR_TOTP_WRONG');
      return showAgain(request, reply, interaction, { kind: 'totp', error }, result.reason === 'paused' ? 429 : 401);
    }
    const stepped = await platform.sessions.stepUp(request.session!, { acr: 'substantial', amr: ['otp', 'mfa'] });
    request.session = stepped;
    const r = stepped.record;
    return finish(request, reply, { login: { accountId: account.id, acr: r.acr ?? 'substantial', amr: [...r.amr], ts: r.authTime ?? undefined } });
  });

  // The password again, when the agency asked for a fresh sign-in (prompt=login, max_age).
  app.post<{ Params: { uid: string } }>('/interaction/:uid/password', { helmet: headers.signIn, config: { maxFieldLength: 256 } }, async (request, reply) => {
    const interaction = await details(request, reply);
    const account = await signedInAccount(request, platform);
    if (!account) return reply.redirect(`/interaction/${interaction.uid}`, 303);
    const result = await platform.password.verify(account.accountName, field(request, 'password'), requesterOf(request), request.lang);
    if (result.outcome !== 'verified' || result.identity.accountId !== account.id) {
      const ctx = pageContext(request, reply, platform.sessions);
      const error = result.outcome === 'locked' ? ctx.t('ERR_LOGIN_LOCKED', { minutes: result.minutesLeft }) : ctx.t('ERR_LOGIN_FAILED');
      return showAgain(request, reply, interaction, { kind: 'password', accountName: account.accountName, error }, 401);
    }
    request.session = await platform.sessions.stepUp(request.session!, { acr: result.identity.acr, amr: result.identity.amr });
    // The rest (a step up, the consent) follows as for any sign-in.
    return login(request, reply, interaction.uid, interaction.params);
  });

  app.post<{ Params: { uid: string } }>('/interaction/:uid/consent', { helmet: headers.signIn }, async (request, reply) => {
    const interaction = await details(request, reply);
    const account = await signedInAccount(request, platform);
    if (!account || interaction.prompt.name !== 'consent' || account.id !== interaction.session?.accountId) {
      return reply.redirect(`/interaction/${interaction.uid}`, 303);
    }
    const clientId = String(interaction.params['client_id']);
    if (field(request, 'decision') !== 'allow') {
      await platform.audit.record({ event: 'oidc.consent', outcome: 'refused', accountId: account.id, ...requesterOf(request), detail: { clientId } });
      return finish(request, reply, { error: 'access_denied', error_description: 'the citizen did not consent' });
    }
    const grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : new provider.Grant({ accountId: account.id, clientId });
    if (!grant) throw new MenhuError('ERR_OIDC_INTERACTION', 400);
    const d = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await platform.audit.record({ event: 'oidc.consent', outcome: 'success', accountId: account.id, ...requesterOf(request), detail: { clientId, scopes: d.missingOIDCScope ?? [] } });
    return finish(request, reply, { consent: { grantId } }, true);
  });

  app.post<{ Params: { uid: string } }>('/interaction/:uid/abort', { helmet: headers.signIn }, async (request, reply) => {
    await details(request, reply);
    return finish(request, reply, { error: 'access_denied', error_description: 'the citizen cancelled the sign-in' });
  });

  // 我的帳戶 › 已授權的機關服務: the consents given, each withdrawable (which revokes its tokens).
  async function showConsents(request: FastifyRequest, reply: FastifyReply, account: Account, notice?: string, status = 200) {
    const consents = await Promise.all(
      (await platform.oidc.consents.of(account.id)).map(async (c) => ({
        grantId: c.grantId,
        agency: await agencyName(c.clientId),
        items: c.scopes.map((s) => CONSENT_ITEMS[s]).filter((k): k is MessageKey => k !== undefined),
        at: c.at,
      })),
    );
    return sendPage(reply, ConsentsPage({ ctx: pageContext(request, reply, platform.sessions), consents, notice }), status);
  }

  app.get('/account/agencies', async (request, reply) => {
    const account = await signedInAccount(request, platform);
    if (!account) return reply.redirect('/login', 303);
    return showConsents(request, reply, account);
  });

  app.post('/account/agencies/withdraw', async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/agencies');
    if (!account) return reply;
    const consent = await platform.oidc.consents.withdraw(account.id, field(request, 'grantId'));
    const ctx = pageContext(request, reply, platform.sessions);
    if (!consent) return showConsents(request, reply, account, ctx.t('consents.notFound'), 404);
    await platform.audit.record({ event: 'oidc.consent', outcome: 'info', accountId: account.id, ...requesterOf(request), detail: { clientId: consent.clientId, withdrawn: true } });
    return showConsents(request, reply, account, ctx.t('consents.withdrawn', { agency: await agencyName(consent.clientId) }));
  });

  // Every token the provider issues is audited (which agency, which grant type), never the token itself.
  provider.on('grant.success', (ctx) => {
    const oidc = ctx.oidc;
    void platform.audit
      .record({
        event: 'oidc.token',
        outcome: 'success',
        accountId: oidc.entities.Account?.accountId ?? null,
        ip: ctx.ip,
        userAgent: ctx.get('user-agent') || null,
        detail: { clientId: oidc.client?.clientId, grantType: oidc.params?.['grant_type'] },
      })
      .catch((err: unknown) => app.log.error({ err }, 'could not audit a token'));
  });
}
