/**
 * 示範機關 (Demo agency): a small agency website that signs citizens in through the platform as an agency would,
 * with openid-client — the authorization code flow with PKCE (RFC 7636, S256), state and nonce, acr_values for
 * the level, the ID token and UserInfo shown back, and RP-initiated logout (OpenID Connect RP-Initiated Logout
 * 1.0 §2) through the platform's end_session endpoint.
 *
 * | route           | what it does |
 * |-----------------|--------------|
 * | GET /           | the level buttons |
 * | POST /login     | starts a sign-in at the chosen level: remembers verifier, state, nonce; redirects to the platform |
 * | GET /callback   | the redirect URI: exchanges the code, checks the level, fetches UserInfo |
 * | GET /me         | what the platform said about the citizen |
 * | POST /logout    | forgets the citizen here, then asks the platform to end single sign-on |
 * | GET /signed-out | the post-logout redirect URI |
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { acrSatisfies, isAcr } from '@menhu/protocol';
import { errorPage, homePage, signedInPage, signedOutPage, STYLESHEET } from './pages';
import { demoRegistration, AGENCY_SCOPES } from './registration';
import { createSessionStore, type SessionStore, type SignedIn } from './sessions';

/**
 * The browser's session id. Cookies are not kept apart by port, and the platform runs on the same host in
 * development, so the name is one the platform does not use.
 */
export const SESSION_COOKIE = 'menhu_demo_agency';

export interface DemoAgencyOptions {
  /** The platform, discovered with this agency's credentials (platform.ts discoverPlatform). */
  readonly oidc: client.Configuration;
  /** The origin citizens reach the demo agency at; the redirect URIs are derived from it. */
  readonly publicUrl: URL;
  readonly sessions?: SessionStore;
  /** Fastify's logger option; off unless given. */
  readonly logger?: boolean | { level: string };
}

function securityHeaders(platformOrigin: string) {
  return {
    // form-action covers the redirects that follow a form (POST /login, POST /logout → the platform).
    'content-security-policy': `default-src 'none'; style-src 'self'; form-action 'self' ${platformOrigin}; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    // The callback's URL carries the code: no Referer with it to anything the page links to.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/** What went wrong, as an OAuth error code and a description, whichever part of openid-client threw it. */
function describeFailure(err: unknown): { error: string; description?: string } {
  if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError) {
    return { error: err.error, ...(err.error_description ? { description: err.error_description } : {}) };
  }
  if (err instanceof client.WWWAuthenticateChallengeError) {
    const challenge = err.cause.find((c) => c.parameters.error)?.parameters;
    if (challenge?.error) return { error: challenge.error, ...(challenge.error_description ? { description: challenge.error_description } : {}) };
  }
  if (err instanceof Error) return { error: (err as { code?: string }).code ?? err.name, description: err.message };
  return { error: 'unknown_error' };
}

export async function createDemoAgencyApp(options: DemoAgencyOptions): Promise<FastifyInstance> {
  const { oidc, publicUrl } = options;
  const sessions = options.sessions ?? createSessionStore();
  const { redirectUri, postLogoutRedirectUri } = demoRegistration(publicUrl);
  const platformOrigin = new URL(oidc.serverMetadata().issuer).origin;
  const secure = publicUrl.protocol === 'https:';
  const headers = securityHeaders(platformOrigin);

  const app = Fastify({ logger: options.logger ?? false });
  await app.register(cookie);
  await app.register(formbody);
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });

  const sessionId = (request: FastifyRequest) => request.cookies[SESSION_COOKIE];
  const setSession = (reply: FastifyReply, id: string) =>
    reply.setCookie(SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);

  app.get('/demo.css', (_request, reply) => reply.type('text/css; charset=utf-8').send(STYLESHEET));

  app.get('/', (request, reply) => html(reply, homePage({ platform: platformOrigin, signedIn: Boolean(sessions.get(sessionId(request))?.signedIn) })));

  app.post<{ Body: { acr?: string } }>('/login', async (request, reply) => {
    const acr = request.body?.acr;
    if (!isAcr(acr)) return html(reply, errorPage({ error: 'invalid_request', description: 'acr must be low, substantial or high' }), 400);
    const id = sessionId(request) ?? sessions.newId();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    sessions.startSignIn(id, { codeVerifier, state, nonce, acr });
    setSession(reply, id);
    const url = client.buildAuthorizationUrl(oidc, {
      redirect_uri: redirectUri,
      scope: AGENCY_SCOPES.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // The level this sign-in needs; the platform steps the citizen up to it (or answers with an error).
      acr_values: acr,
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/callback', async (request, reply) => {
    const id = sessionId(request);
    const pending = sessions.takePending(id);
    if (!id || !pending) {
      return html(reply, errorPage({ error: 'no_sign_in_under_way', description: 'this browser has no sign-in waiting for an answer (expired, or started elsewhere)' }), 400);
    }
    let signedIn: SignedIn;
    try {
      // The URL the platform redirected to, rebuilt on our own origin rather than from the Host header.
      const current = new URL(request.url, publicUrl);
      const tokens = await client.authorizationCodeGrant(oidc, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      // acr_values is a request, not a guarantee (OpenID Connect Core §3.1.2.1): the agency checks what came back.
      const got = claims.acr;
      if (!acrSatisfies(isAcr(got) ? got : null, pending.acr)) {
        return html(reply, errorPage({ error: 'insufficient_acr', description: `asked for ${pending.acr}, the ID token says ${String(got)}` }), 403);
      }
      const userinfo = await client.fetchUserInfo(oidc, tokens.access_token, claims.sub);
      signedIn = { idToken: tokens.id_token!, idTokenClaims: { ...claims }, userinfo: { ...userinfo }, askedAcr: pending.acr };
    } catch (err) {
      request.log.warn({ err }, 'sign-in did not complete');
      return html(reply, errorPage(describeFailure(err)), 400);
    }
    // A new session id at sign-in, so an id planted before it is worth nothing after (session fixation).
    sessions.end(id);
    const fresh = sessions.newId();
    sessions.finishSignIn(fresh, signedIn);
    setSession(reply, fresh);
    // Redirected, so that reloading the page does not present the used code again.
    return reply.redirect('/me', 303);
  });

  app.get('/me', (request, reply) => {
    const session = sessions.get(sessionId(request))?.signedIn;
    if (!session) return reply.redirect('/', 303);
    return html(reply, signedInPage({ session, platform: platformOrigin }));
  });

  app.post('/logout', (request, reply) => {
    const session = sessions.end(sessionId(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (!session) return reply.redirect('/signed-out', 303);
    const url = client.buildEndSessionUrl(oidc, { id_token_hint: session.idToken, post_logout_redirect_uri: postLogoutRedirectUri });
    return reply.redirect(url.href, 303);
  });

  app.get('/signed-out', (_request, reply) => html(reply, signedOutPage()));

  return app;
}
