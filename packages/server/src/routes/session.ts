/**
 * The time-out warning's two calls: how long the session has left (not counted as activity), and "stay signed
 * in" (counted, and protected by the CSRF token like any change).
 */
import type { FastifyInstance } from 'fastify';
import { MenhuError } from '@menhu/protocol';
import type { RouteDeps } from './deps';

export function sessionRoutes(app: FastifyInstance, { platform }: RouteDeps): void {
  app.get('/session/status', { config: { touch: false } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const session = request.session;
    if (!session) return { active: false };
    return { active: true, expiresIn: platform.sessions.secondsLeft(session.record), signedIn: session.record.accountId !== null };
  });

  app.post('/session/extend', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const session = request.session;
    // The CSRF check already refused a request without a live session; this keeps the type honest.
    if (!session) throw new MenhuError('ERR_SESSION_EXPIRED', 403);
    request.session = await platform.sessions.touch(session, true);
    return { active: true, expiresIn: platform.sessions.secondsLeft(request.session.record) };
  });
}
