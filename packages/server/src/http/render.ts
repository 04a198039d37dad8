/** Turns a page template into the HTML answer, with the context every page needs. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { makeT, type PageContext } from '../views/context';
import type { SessionManager } from '../services/sessions/manager';

export function pageContext(request: FastifyRequest, reply: FastifyReply, sessions: SessionManager): PageContext {
  const session = request.session;
  return {
    lang: request.lang,
    t: makeT(request.lang),
    nonce: reply.cspNonce?.script ?? '',
    url: request.url,
    csrfToken: session?.record.csrfToken,
    sessionTimer: session
      ? { expiresIn: sessions.secondsLeft(session.record), warnBefore: sessions.timeouts.warningSeconds }
      : undefined,
    signedIn: Boolean(session?.record.accountId),
  };
}

/** Sends a rendered page. Pages carry form tokens and personal data: never cached. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('vary', 'Accept-Language, Cookie')
    .send('<!doctype html>' + renderToString(page));
}
