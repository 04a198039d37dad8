/** 以自然人憑證啟用帳號 and 以自然人憑證重設密碼: pages, and the posts their card panels make. */
import type { FastifyInstance } from 'fastify';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { CardServicePage } from '../views/CardServicePage';
import type { RouteDeps } from './deps';
import { cardAnswerOf, MAX_CARD_FIELD, sendCardFailure } from './card-answer';

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

  const config = { maxFieldLength: MAX_CARD_FIELD, rateLimit: { max: 30, timeWindow: 60_000 } };

  app.post('/card-service/activate', { helmet: headers.signIn, config }, async (request, reply) => {
    try {
      const card = await cardLogin.verifyCard(request.session!.record.id, cardAnswerOf(request), requesterOf(request), 'account.activate');
      await cardServices.activate(card, field(request, 'account'), requesterOf(request));
      return { redirect: '/login?done=activated' };
    } catch (err) {
      return sendCardFailure(request, reply, platform.sessions, err);
    }
  });

  app.post('/card-service/reset', { helmet: headers.signIn, config }, async (request, reply) => {
    try {
      const card = await cardLogin.verifyCard(request.session!.record.id, cardAnswerOf(request), requesterOf(request), 'account.password_reset');
      const problem = await cardServices.resetPassword(card, field(request, 'account'), field(request, 'password'), field(request, 'passwordConfirm'), requesterOf(request));
      if (problem) {
        const ctx = pageContext(request, reply, platform.sessions);
        return reply.code(400).send({ error: problem.code, message: ctx.t(problem.code, problem.params) });
      }
      return { redirect: '/login?done=reset' };
    } catch (err) {
      return sendCardFailure(request, reply, platform.sessions, err);
    }
  });
}
