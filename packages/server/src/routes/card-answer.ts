/**
 * What card login and the card's account services share on the HTTP side: reading the component's answer the
 * page posts (never the PIN), and turning a failure into the JSON the page shows — what happened and what to do.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isMessageKey, verificationRemedy } from '@menhu/protocol';
import { isPkiError } from '@menhu/pki';
import { pageContext } from '../http/render';
import { field } from '../http/requester';
import { CardLoginError, type CardAnswer } from '../services/card-login';
import type { SessionManager } from '../services/sessions/manager';

/** The component's certificate and CMS: a few KiB of base64. */
export const MAX_CARD_FIELD = 60_000;

export function cardAnswerOf(request: FastifyRequest): CardAnswer {
  return {
    nonce: field(request, 'nonce'),
    signatureType: field(request, 'signatureType') === 'PKCS1' ? 'PKCS1' : 'PKCS7',
    certb64: field(request, 'certb64'),
    signature: field(request, 'signature'),
    cardSN: field(request, 'cardSN'),
  };
}

/** Answers a verification or card-login failure; anything else is rethrown for the error handler. */
export function sendCardFailure(request: FastifyRequest, reply: FastifyReply, sessions: SessionManager, err: unknown): FastifyReply {
  const ctx = pageContext(request, reply, sessions);
  reply.header('cache-control', 'no-store');
  if (isPkiError(err)) {
    // With the help page's anchor for the remedy (packages/protocol component-codes).
    const remedy = verificationRemedy(err.code);
    return reply.code(401).send({ error: err.code, message: `${ctx.t(remedy.message)} ${ctx.t(remedy.remedy)}`, help: remedy.help });
  }
  if (err instanceof CardLoginError) {
    if (err.code === 'ERR_CARD_WRONG_KIND') {
      // Which card was used and which would do (issue 6), e.g. 工商憑證 used where 自然人憑證 is needed.
      const kindName = (kind: string) => {
        const key = `cardkind.${kind}`;
        return ctx.t(isMessageKey(key) ? key : 'cardkind.unknown');
      };
      const needed = err.needed.map(kindName).join(ctx.t('cardkind.or'));
      return reply.code(403).send({ error: err.code, message: ctx.t(err.code, { used: kindName(err.message), needed }) });
    }
    return reply.code(err.code === 'ERR_ACCOUNT_DISABLED' ? 403 : 400).send({ error: err.code, message: ctx.t(err.code) });
  }
  throw err;
}
