/**
 * Loads the browser's session from its cookie on each request and writes the cookie back when the session
 * is created, reissued or ended. The cookie is HttpOnly and SameSite=Lax; under https it is Secure and named
 * with the `__Host-` prefix, which browsers accept only with Secure, Path=/ and no Domain (RFC 6265bis §4.1.3.2).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LiveSession, SessionManager } from '../services/sessions/manager';
import { requesterOf } from './requester';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-menhu_sid' : 'menhu_sid';
}

export function registerSessions(app: FastifyInstance, sessions: SessionManager, secure: boolean): void {
  const cookieName = sessionCookieName(secure);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;

  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', null);
  app.decorateRequest('sessionTokenIn', undefined);

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.session === false) return;
    const token = request.cookies[cookieName];
    request.sessionTokenIn = token;
    const found = await sessions.lookup(token);
    if (found.state === 'expired') request.sessionExpired = { wasSignedIn: found.wasSignedIn };
    if (found.state === 'active') {
      request.session = request.routeOptions.config.touch === false ? found.session : await sessions.touch(found.session);
    }
  });

  app.addHook('onSend', async (request, reply) => {
    if (request.routeOptions.config.session === false) return;
    // A sign-in on this request, by whatever route: note the browser and address it came from, for
    // 我的帳戶 › 登入中的裝置. The record is saved under the same token.
    const signedIn = request.session;
    if (signedIn?.record.accountId && !signedIn.record.signedInFrom && signedIn.token !== request.sessionTokenIn) {
      request.session = await sessions.noteOrigin(signedIn, requesterOf(request));
    }
    const current = request.session?.token;
    if (current === request.sessionTokenIn) return;
    if (current) reply.setCookie(cookieName, current, cookieOptions);
    else if (request.sessionTokenIn) reply.clearCookie(cookieName, cookieOptions);
  });
}

/** The request's session, started now if the browser has none (pages with forms need one for CSRF). */
export async function ensureSession(request: FastifyRequest, sessions: SessionManager): Promise<LiveSession> {
  if (!request.session) request.session = await sessions.start();
  return request.session;
}
