/** 以自然人憑證啟用帳號 and 以自然人憑證重設密碼: pages, and the posts their card panels make. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verificationRemedy, isMessageKey } from '@menhu/protocol';
import { isPkiError } from '@menhu/pki';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { CardLoginError } from '../services/card-login';
import { CardServicePage } from '../views/CardServicePage';
import type { RouteDeps } from './deps';

const MAX_CARD_FIELD = 60_000;

export function cardServiceRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  const { cardLogin, cardServices } = platform;
  if (!cardLogin || !cardServices) return;

  for (const [path, purpose] of [['/activate/card', 'activate'], ['/recover/card', 'reset']] as const) {
    app.get(path, { helmet: headers.withComponent }, async (request, reply) => {
      await ensureSession(request, platform.sessions);
      const ctx = pageContext(request, reply, platform.sessions);
      return sendPage(reply, CardServicePage({ ctx, purpose, signerUrl: platform.config.signerUrl.origin }));
    });
  }

  function answer(request: FastifyRequest) {
    return {
      nonce: field(request, 'nonce'),
      signatureType: field(request, 'signatureType') === 'PKCS1' ? ('PKCS1' as const) : ('PKCS7' as const),
      certb64: field(request, 'certb64'),
      signature: field(request, 'signature'),
      cardSN: field(request, 'cardSN'),
    };
  }

  function refuse(request: FastifyRequest, reply: FastifyReply, err: unknown) {
    const ctx = pageContext(request, reply, platform.sessions);
    reply.header('cache-control', 'no-store');
    if (isPkiError(err)) {
      const remedy = verificationRemedy(err.code);
      return reply.code(401).send({ error: err.code, message: `${ctx.t(remedy.message)} ${ctx.t(remedy.remedy)}`, help: remedy.help });
    }
    if (err instanceof CardLoginError) {
      const params = err.code === 'ERR_CARD_WRONG_KIND' ? { used: ctx.t(isMessageKey(`cardkind.${err.message}`) ? (`cardkind.${err.message}` as 'cardkind.business') : 'cardkind.unknown') } : undefined;
      return reply.code(err.code === 'ERR_ACCOUNT_DISABLED' || err.code === 'ERR_CARD_WRONG_KIND' ? 403 : 400).send({ error: err.code, message: ctx.t(err.code, params) });
    }
    throw err;
  }

  const config = { maxFieldLength: MAX_CARD_FIELD, rateLimit: { max: 30, timeWindow: 60_000 } };

  app.post('/card-service/activate', { helmet: headers.signIn, config }, async (request, reply) => {
    try {
      const card = await cardLogin.verifyCard(request.session!.record.id, answer(request), requesterOf(request), 'account.activate');
      await cardServices.activate(card, field(request, 'account'), requesterOf(request));
      return { redirect: '/login?done=activated' };
    } catch (err) {
      return refuse(request, reply, err);
    }
  });

  app.post('/card-service/reset', { helmet: headers.signIn, config }, async (request, reply) => {
    try {
      const card = await cardLogin.verifyCard(request.session!.record.id, answer(request), requesterOf(request), 'account.password_reset');
      const problem = await cardServices.resetPassword(card, field(request, 'account'), field(request, 'password'), field(request, 'passwordConfirm'), requesterOf(request));
      if (problem) {
        const ctx = pageContext(request, reply, platform.sessions);
        return reply.code(400).send({ error: problem.code, message: ctx.t(problem.code, problem.params) });
      }
      return { redirect: '/login?done=reset' };
    } catch (err) {
      return refuse(request, reply, err);
    }
  });
}
