/**
 * The page a mailed link opens (activation, an e-mail check, a new address): a button that POSTs the link's
 * token back. Only the POST uses the link, because mail scanners open links.
 */
import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '@menhu/protocol';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { ActionPage } from '../views/ActionPage';
import type { RouteDeps } from './deps';

export function linkButtonRoute(
  app: FastifyInstance,
  { platform, headers }: Pick<RouteDeps, 'platform' | 'headers'>,
  path: string,
  texts: { readonly title: MessageKey; readonly message: MessageKey; readonly button: MessageKey },
): void {
  app.get<{ Querystring: { token?: string } }>(path, { helmet: headers.signIn }, async (request, reply) => {
    await ensureSession(request, platform.sessions);
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(
      reply,
      ActionPage({
        ctx,
        title: ctx.t(texts.title),
        message: ctx.t(texts.message),
        action: path,
        button: ctx.t(texts.button),
        hidden: { token: String(request.query.token ?? '').slice(0, 100) },
      }),
    );
  });
}
