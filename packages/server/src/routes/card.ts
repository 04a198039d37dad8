/**
 * Card login's HTTP side: the challenge, the component's answer (certificate and signature, never the PIN),
 * and the first-login binding of the card to an account.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MenhuError, formatRocDate, isMessageKey, verificationRemedy, type MessageKey } from '@menhu/protocol';
import { isPkiError } from '@menhu/pki';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { CardLoginError, type PendingCard } from '../services/card-login';
import { CardBindPage } from '../views/CardBindPage';
import type { RouteDeps } from './deps';

/** A verified, unbound card waits this long in the session for its binding. */
const PENDING_CARD_MS = 10 * 60_000;
/** The component's certificate and CMS: a few KiB of base64. */
const MAX_CARD_FIELD = 60_000;

export function cardRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  const cardLogin = platform.cardLogin;
  if (!cardLogin) return;

  function problem(request: FastifyRequest, reply: FastifyReply, status: number, code: MessageKey, params?: Record<string, string>) {
    const ctx = pageContext(request, reply, platform.sessions);
    return reply.code(status).header('cache-control', 'no-store').send({ error: code, message: ctx.t(code, params) });
  }

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
      const signatureType = field(request, 'signatureType') === 'PKCS1' ? 'PKCS1' : 'PKCS7';
      try {
        const result = await cardLogin.verify(
          session.record.id,
          {
            nonce: field(request, 'nonce'),
            signatureType,
            certb64: field(request, 'certb64'),
            signature: field(request, 'signature'),
            cardSN: field(request, 'cardSN'),
          },
          requesterOf(request),
        );
        if (result.outcome === 'signed-in') {
          request.session = await platform.sessions.signIn(session, { accountId: result.accountId, acr: 'high', amr: ['sc', 'pin', 'mfa'] });
          return { redirect: '/account' };
        }
        request.session = await platform.sessions.update(session, { pendingCard: result.pending });
        return { redirect: '/login/card/bind' };
      } catch (err) {
        if (isPkiError(err)) {
          // What happened, and what to do about it (packages/protocol component-codes), with the help page's anchor.
          const ctx = pageContext(request, reply, platform.sessions);
          const remedy = verificationRemedy(err.code);
          return reply
            .code(401)
            .header('cache-control', 'no-store')
            .send({ error: err.code, message: `${ctx.t(remedy.message)} ${ctx.t(remedy.remedy)}`, help: remedy.help });
        }
        if (err instanceof CardLoginError) {
          if (err.code === 'ERR_CARD_WRONG_KIND') {
            const kind = `cardkind.${err.message}`;
            return problem(request, reply, 403, err.code, { used: pageContext(request, reply, platform.sessions).t(isMessageKey(kind) ? kind : 'cardkind.unknown') });
          }
          return problem(request, reply, err.code === 'ERR_ACCOUNT_DISABLED' ? 403 : 400, err.code);
        }
        throw err;
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
      const signedIn = await platform.sessions.signIn(request.session!, { accountId: bound.accountId, acr: 'high', amr: ['sc', 'pin', 'mfa'] });
      request.session = signedIn;
      return reply.redirect('/account', 303);
    } catch (err) {
      if (err instanceof CardLoginError) return showBind(request, reply, pending, err.code, undefined, 400);
      throw err;
    }
  });
}
