/**
 * Every error reaches the person as a page (or JSON for scripts) in their language, with a stable code and no
 * stack trace. Unexpected errors are logged with the request id, which the page shows as a reference.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MenhuError, type MessageKey } from '@menhu/protocol';
import { NoticePage } from '../views/NoticePage';
import type { SessionManager } from '../services/sessions/manager';
import { pageContext, sendPage } from './render';

/** Fastify's own errors, by code, as the platform's. */
function classify(error: FastifyError | MenhuError): { code: MessageKey; status: number; params?: Record<string, string | number> } {
  if (error instanceof MenhuError) return { code: error.code, status: error.status, ...(error.params ? { params: { ...error.params } } : {}) };
  const status = error.statusCode ?? 500;
  if (status === 413) return { code: 'ERR_BODY_TOO_LARGE', status };
  if (status === 415) return { code: 'ERR_UNSUPPORTED_MEDIA', status };
  if (status === 429) return { code: 'ERR_RATE_LIMITED', status, params: { seconds: Number((error as { retryAfter?: number }).retryAfter ?? 60) } };
  if (status === 405) return { code: 'ERR_METHOD_NOT_ALLOWED', status };
  if (status === 404) return { code: 'ERR_NOT_FOUND', status };
  if (status >= 400 && status < 500) return { code: 'ERR_BAD_REQUEST', status: 400 };
  return { code: 'ERR_INTERNAL', status: 500 };
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  sessions: SessionManager,
  problem: { code: MessageKey; status: number; params?: Record<string, string | number> },
): FastifyReply {
  const ctx = pageContext(request, reply, sessions);
  const message = ctx.t(problem.code, problem.params);
  if (wantsJson(request)) {
    return reply.code(problem.status).header('cache-control', 'no-store').send({ error: problem.code, message });
  }
  const reference = problem.status >= 500 ? request.id : undefined;
  return sendPage(reply, NoticePage({ ctx, title: ctx.t('error.title'), message, reference }), problem.status);
}

export function registerErrorHandling(app: FastifyInstance, sessions: SessionManager): void {
  app.setErrorHandler((error: FastifyError | MenhuError, request, reply) => {
    const problem = classify(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    return sendError(request, reply, sessions, problem);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, sessions, { code: 'ERR_NOT_FOUND', status: 404 }));
}
