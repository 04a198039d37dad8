/**
 * Card login's HTTP side: the challenge, the component's answer (certificate and signature, never the PIN),
 * and the first-login binding of the card to an account.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MenhuError, formatRocDate, type MessageKey } from '@menhu/protocol';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { CardLoginError, type PendingCard } from '../services/card-login';
import { CardBindPage } from '../views/CardBindPage';
import { CardRegisterPage } from '../views/CardRegisterPage';
import type { RegisterValues } from '../views/RegisterPage';
import type { RegistrationResult } from '../services/accounts';

type RegistrationResultProblems = Extract<RegistrationResult, { ok: false }>['problems'];
import type { RouteDeps } from './deps';
import { afterSignIn } from '../http/return-to';
import { cardAnswerOf, MAX_CARD_FIELD, sendCardFailure } from './card-answer';

/** A verified, unbound card waits this long in the session for its binding. */
const PENDING_CARD_MS = 10 * 60_000;

export function cardRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  const cardLogin = platform.cardLogin;
  if (!cardLogin) return;

  app.post('/login/card/challenge', { helmet: headers.signIn }, async (request, reply) => {
    const session = await ensureSession(request, platform.sessions);
    reply.header('cache-control', 'no-store');
    const challenge = await cardLogin.issueChallenge(session.record.id);
    return { ...challenge, signerUrl: platform.config.signerUrl.origin };
  });

  app.post(
    '/login/card',
    { helmet: headers.signIn, config: { maxFieldLength: MAX_CARD_FIELD, rateLimit: { max: 60, timeWindow: 60_000 } } },
    async (request, reply) => {
      const session = request.session!; // the CSRF check refused a request without one
      try {
        const result = await cardLogin.verify(session.record.id, cardAnswerOf(request), requesterOf(request));
        if (result.outcome === 'signed-in') {
          request.session = await platform.sessions.signIn(session, { accountId: result.accountId, acr: 'high', amr: ['sc', 'pin', 'mfa'] });
          return { redirect: afterSignIn(request) };
        }
        if (result.outcome === 'organisation') {
          // The organisation is the session's subject; what it is stays in the session for 我的帳戶 to show.
          const signedIn = await platform.sessions.signIn(session, { accountId: result.organisation.subject, acr: 'high', amr: ['sc', 'pin', 'mfa'] });
          request.session = await platform.sessions.update(signedIn, { organisation: result.organisation });
          return { redirect: afterSignIn(request) };
        }
        request.session = await platform.sessions.update(session, { pendingCard: result.pending });
        return { redirect: '/login/card/bind' };
      } catch (err) {
        return sendCardFailure(request, reply, platform.sessions, err);
      }
    },
  );

  function pendingOf(request: FastifyRequest): PendingCard | undefined {
    const pending = request.session?.record.data.pendingCard as PendingCard | undefined;
    return pending && platform.clock.now() - pending.verifiedAt < PENDING_CARD_MS ? pending : undefined;
  }

  function showBind(request: FastifyRequest, reply: FastifyReply, pending: PendingCard, error?: MessageKey, params?: Record<string, string | number>, status = 200) {
    const ctx = pageContext(request, reply, platform.sessions);
    const card = ctx.t('cardbind.card', { name: pending.name, last4: pending.idLast4 ?? '----', notAfter: formatRocDate(new Date(pending.notAfter), ctx.lang) });
    return sendPage(reply, CardBindPage({ ctx, card, ...(error ? { error: ctx.t(error, params) } : {}), account: field(request, 'account') }), status);
  }

  app.get('/login/card/bind', { helmet: headers.signIn }, async (request, reply) => {
    const pending = pendingOf(request);
    if (!pending) return reply.redirect('/login', 303);
    return showBind(request, reply, pending);
  });

  function showRegister(
    request: FastifyRequest,
    reply: FastifyReply,
    pending: PendingCard,
    extra: { values?: RegisterValues; problems?: RegistrationResultProblems; error?: string } = {},
    status = 200,
  ) {
    const ctx = pageContext(request, reply, platform.sessions);
    const card = ctx.t('cardbind.card', { name: pending.name, last4: pending.idLast4 ?? '----', notAfter: formatRocDate(new Date(pending.notAfter), ctx.lang) });
    return sendPage(
      reply,
      CardRegisterPage({ ctx, passwordMinLength: platform.config.passwordMinLength, card, holderName: pending.name, idLast4: pending.idLast4 ?? '----', ...extra }),
      status,
    );
  }

  app.get('/login/card/register', { helmet: headers.signIn }, async (request, reply) => {
    const pending = pendingOf(request);
    if (!pending) return reply.redirect('/login', 303);
    return showRegister(request, reply, pending);
  });

  app.post('/login/card/register', { helmet: headers.signIn, config: { maxFieldLength: 256, rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
    const pending = pendingOf(request);
    if (!pending) throw new MenhuError('ERR_CARD_CHALLENGE', 400);
    const values = {
      accountName: field(request, 'accountName'),
      displayName: field(request, 'displayName'),
      idNumber: field(request, 'idNumber'),
      email: field(request, 'email'),
      consent: field(request, 'consent') === 'yes',
    };
    try {
      const result = await cardLogin.registerFromCard(
        pending,
        { ...values, password: field(request, 'password'), passwordConfirm: field(request, 'passwordConfirm') },
        request.lang,
        requesterOf(request),
      );
      if (!result.ok) return showRegister(request, reply, pending, { values, problems: result.problems }, 400);
      // The card proved the person: the new account is active and this session signed in at the card's level.
      request.session = await platform.sessions.signIn(request.session!, { accountId: result.accountId!, acr: 'high', amr: ['sc', 'pin', 'mfa'] });
      return reply.redirect(afterSignIn(request), 303);
    } catch (err) {
      if (err instanceof CardLoginError) {
        const ctx = pageContext(request, reply, platform.sessions);
        return showRegister(request, reply, pending, { values, error: ctx.t(err.code) }, 400);
      }
      throw err;
    }
  });

  app.post('/login/card/bind', { helmet: headers.signIn, config: { maxFieldLength: 256 } }, async (request, reply) => {
    const pending = pendingOf(request);
    if (!pending) throw new MenhuError('ERR_CARD_CHALLENGE', 400);
    try {
      const bound = await cardLogin.bindToAccount(pending, field(request, 'account'), field(request, 'password'), request.lang, requesterOf(request));
      if (bound.outcome === 'password') {
        const r = bound.result;
        if (r.outcome === 'locked') return showBind(request, reply, pending, 'ERR_LOGIN_LOCKED', { minutes: r.minutesLeft }, 401);
        if (r.outcome === 'disabled') return showBind(request, reply, pending, 'ERR_ACCOUNT_DISABLED', undefined, 403);
        return showBind(request, reply, pending, 'ERR_LOGIN_FAILED', undefined, 401);
      }
      // DESIGN.md step 5: the account's other sessions end; this one is renewed at the card's level.
      await platform.sessions.endAllOf(bound.accountId, request.session!.record.id);
      await platform.oidc.revokeAll(bound.accountId);
      const signedIn = await platform.sessions.signIn(request.session!, { accountId: bound.accountId, acr: 'high', amr: ['sc', 'pin', 'mfa'] });
      request.session = signedIn;
      return reply.redirect(afterSignIn(request), 303);
    } catch (err) {
      if (err instanceof CardLoginError) return showBind(request, reply, pending, err.code, undefined, 400);
      throw err;
    }
  });
}
