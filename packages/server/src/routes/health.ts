/** `/healthz` for load balancers: answers 200 only when the database (and Redis, when used) answer. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { RouteDeps } from './deps';

export function healthRoutes(app: FastifyInstance, { platform }: RouteDeps): void {
  app.get('/healthz', { config: { session: false, rateLimit: false } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const checks: Record<string, 'ok' | 'fail'> = {};
    try {
      await sql`select 1`.execute(platform.store.db);
      checks.database = 'ok';
    } catch (err) {
      request.log.error({ err }, 'health: database');
      checks.database = 'fail';
    }
    if (platform.redis) {
      try {
        await platform.redis.ping();
        checks.redis = 'ok';
      } catch (err) {
        request.log.error({ err }, 'health: redis');
        checks.redis = 'fail';
      }
    }
    const ok = Object.values(checks).every((v) => v === 'ok');
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'fail', checks });
  });
}
