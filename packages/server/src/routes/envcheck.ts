/**
 * The environment check page (環境檢測, DESIGN.md "Card login" 2 and "Pages") and the clock it compares with.
 *
 * | route              | does                                                                        |
 * |--------------------|-----------------------------------------------------------------------------|
 * | GET /envcheck      | the page; its script runs the checks in the browser, through the popup     |
 * | GET /envcheck/time | the server's time in ms, for the clock-offset check (no session needed)     |
 *
 * The page opens the component's popup, so it carries the `withComponent` header profile (COOP
 * same-origin-allow-popups). The component is opened, never fetched: no connect-src change.
 */
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../http/render';
import { EnvCheckPage } from '../views/EnvCheckPage';
import type { RouteDeps } from './deps';

export function envCheckRoutes(app: FastifyInstance, { platform, headers, methods }: RouteDeps): void {
  if (!methods.envCheck) return; // pages.ts answers the "not enabled" page instead

  app.get('/envcheck', { helmet: headers.withComponent }, async (request, reply) => {
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(reply, EnvCheckPage({ ctx, signerOrigin: platform.config.signerUrl.origin }));
  });

  app.get('/envcheck/time', { config: { session: false } }, async (_request, reply) => {
    // The page measures the round trip and takes its middle as the moment this value was read.
    return reply.header('cache-control', 'no-store').send({ now: platform.clock.now() });
  });
}
