/** The login page (`/login`), and `/`, which leads there when signed out. */
import type { FastifyInstance } from 'fastify';
import { MenhuError } from '@menhu/protocol';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { LoginPage } from '../views/LoginPage';
import type { RouteDeps } from './deps';

export function loginRoutes(app: FastifyInstance, { platform, headers, methods }: RouteDeps): void {
  app.get('/', async (request, reply) => {
    // Signed-in citizens get 我的帳戶 once accounts exist (next issue); until then everyone starts at /login.
    return reply.redirect('/login', 303);
  });

  app.get('/login', { helmet: headers.signInWithComponent }, async (request, reply) => {
    await ensureSession(request, platform.sessions);
    const announcements = await platform.announcements.current();
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(reply, LoginPage({ ctx, methods, announcements }));
  });

  app.post('/login', { helmet: headers.signIn, config: { maxFieldLength: 256 } }, async () => {
    if (!methods.password) throw new MenhuError('ERR_NOT_ENABLED', 501);
    throw new MenhuError('ERR_INTERNAL', 500);
  });
}
