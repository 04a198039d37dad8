/** The login page (`/login`), password sign-in, and `/`, which leads to the login page or 我的帳戶. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MenhuError } from '@menhu/protocol';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { LoginPage, type LoginNotice } from '../views/LoginPage';
import { ActionPage } from '../views/ActionPage';
import type { RouteDeps } from './deps';
import { afterSignIn } from '../http/return-to';
import { startTotpStep } from './totp';

/** Per client address: generous, since offices and carriers share addresses (DESIGN.md "Abuse limits"). */
const LOGIN_POSTS_PER_MINUTE = 60;

export function loginRoutes(app: FastifyInstance, { platform, headers, methods }: RouteDeps): void {
  async function showLogin(request: FastifyRequest, reply: FastifyReply, notice?: LoginNotice, status = 200) {
    await ensureSession(request, platform.sessions);
    const announcements = await platform.announcements.current();
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(reply, LoginPage({ ctx, methods, announcements, signerUrl: platform.config.signerUrl.origin, ...(notice ? { notice } : {}) }), status);
  }

  app.get('/', async (request, reply) => {
    return reply.redirect(request.session?.record.accountId ? '/account' : '/login', 303);
  });

  app.get<{ Querystring: { bye?: string; done?: string } }>('/login', { helmet: headers.signInWithComponent }, async (request, reply) => {
    if (request.session?.record.accountId) return reply.redirect('/account', 303);
    const notice: LoginNotice | undefined =
      request.query.bye === '1'
        ? { kind: 'message', text: 'logout.done' }
        : request.query.done === 'activated'
          ? { kind: 'message', text: 'cardservice.activated' }
          : request.query.done === 'reset'
            ? { kind: 'message', text: 'cardservice.reset' }
            : request.query.done === 'totp-expired'
              ? { kind: 'error', text: 'totp.signIn.expired' }
        : request.sessionExpired?.wasSignedIn
          ? { kind: 'message', text: 'session.expiredTitle' }
          : undefined;
    return showLogin(request, reply, notice);
  });

  app.post(
    '/login',
    {
      helmet: headers.signIn,
      config: { maxFieldLength: 256, rateLimit: { max: LOGIN_POSTS_PER_MINUTE, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      if (!methods.password) throw new MenhuError('ERR_NOT_ENABLED', 501);
      const accountName = field(request, 'account');
      const result = await platform.password.verify(accountName, field(request, 'password'), requesterOf(request), request.lang);
      const keep = { account: accountName.slice(0, 64) };
      switch (result.outcome) {
        case 'verified': {
          const session = await ensureSession(request, platform.sessions);
          // An account that asks for its TOTP code at every sign-in is not signed in yet: the code comes first.
          if (await platform.totp.requiredAtSignIn(result.identity.accountId)) {
            request.session = await startTotpStep(platform, session, result.identity.accountId);
            return reply.redirect('/login/totp', 303);
          }
          request.session = await platform.sessions.signIn(session, result.identity);
          return reply.redirect(afterSignIn(request), 303);
        }
        case 'failed':
          return showLogin(request, reply, { kind: 'error', text: 'ERR_LOGIN_FAILED', ...keep }, 401);
        case 'locked':
          return showLogin(request, reply, { kind: 'error', text: 'ERR_LOGIN_LOCKED', params: { minutes: result.minutesLeft }, ...keep }, 401);
        case 'disabled':
          return showLogin(request, reply, { kind: 'error', text: 'ERR_ACCOUNT_DISABLED', ...keep }, 403);
        case 'pending': {
          // Only someone who knew the password gets here; the session remembers which account may ask for a new link.
          const session = await platform.sessions.update(await ensureSession(request, platform.sessions), { pendingAccountId: result.accountId });
          request.session = session;
          const ctx = pageContext(request, reply, platform.sessions);
          return sendPage(
            reply,
            ActionPage({
              ctx,
              title: ctx.t('activate.pendingTitle'),
              message: ctx.t('activate.pendingBody'),
              action: '/activate/resend',
              button: ctx.t('activate.resend'),
            }),
            403,
          );
        }
      }
    },
  );
}
