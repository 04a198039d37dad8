/** 我的帳戶 and sign-out. */
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../http/render';
import { requesterOf } from '../http/requester';
import { AccountPage } from '../views/AccountPage';
import type { RouteDeps } from './deps';

export function accountRoutes(app: FastifyInstance, { platform }: RouteDeps): void {
  app.get('/account', async (request, reply) => {
    const session = request.session;
    const accountId = session?.record.accountId;
    const account = accountId ? await platform.accounts.byId(accountId) : undefined;
    if (!session || !account) return reply.redirect('/login', 303);
    // The sign-in before this one: the second newest successful sign-in in the audit trail.
    const signIns = await platform.audit.list({ accountId: account.id, eventPrefix: 'login.', outcome: 'success', limit: 2 });
    const previous = signIns[1];
    const cards = platform.cardLogin ? await platform.cardLogin.cardsOf(account.id) : [];
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(
      reply,
      AccountPage({
        ctx,
        account,
        acr: session.record.acr,
        amr: session.record.amr,
        authTime: session.record.authTime ? new Date(session.record.authTime * 1000) : null,
        previousSignIn: previous ? new Date(previous.at) : null,
        cards: cards.map((c) => ({ name: c.holder_name, notAfter: new Date(c.not_after) })),
      }),
    );
  });

  app.post('/logout', async (request, reply) => {
    const session = request.session;
    if (session) {
      await platform.sessions.end(session);
      await platform.audit.record({ event: 'logout', outcome: 'success', accountId: session.record.accountId, ...requesterOf(request) });
      request.session = null;
    }
    return reply.redirect('/login?bye=1', 303);
  });
}
