/**
 * CSRF protection by synchronizer token (OWASP CSRF Prevention cheat sheet): each session holds a random
 * token; every form carries it in `_csrf`, scripts send it in `X-CSRF-Token`; an unsafe request without the
 * session's token is refused before any handler runs, so nothing is changed or half-written.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MenhuError } from '@menhu/protocol';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  return typeof field === 'string' ? field : undefined;
}

export function registerCsrf(app: FastifyInstance): void {
  // preHandler: after the body is parsed (the token may be in it), before the route's handler.
  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return;
    const expected = request.session?.record.csrfToken;
    const given = presentedToken(request);
    if (!expected || !given || !sameToken(expected, given)) {
      throw new MenhuError(request.sessionExpired ? 'ERR_SESSION_EXPIRED' : 'ERR_CSRF', 403);
    }
  });
}
