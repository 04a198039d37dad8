/** 我的帳戶 (the account, or an organisation's sign-in), its card and e-mail actions, and sign-out. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MenhuError } from '@menhu/protocol';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { ORGANISATION_SUBJECT_PREFIX, type OrganisationSignIn } from '../services/card-login';
import { EXPIRY_WARNING_MS } from '../services/card-expiry';
import type { Account } from '../services/accounts';
import { AccountPage } from '../views/AccountPage';
import { NoticePage } from '../views/NoticePage';
import { OrganisationPage } from '../views/OrganisationPage';
import { ReauthPage } from '../views/ReauthPage';
import { accountForChange, safeReturnPath, signedInAccount } from '../http/recent-sign-in';
import { linkButtonRoute } from './link-button';
import type { RouteDeps } from './deps';

/** The TOTP step may follow its password this long after (routes/login.ts keeps it 5 minutes). */
const SECOND_STEP_MS = 5 * 60_000;

/**
 * Sign-ins from successful `login.*` events, newest first: a password followed by its TOTP code within the
 * step's time is one sign-in, not two.
 */
export function completedSignIns<E extends { event: string; at: number }>(events: readonly E[]): E[] {
  const result: E[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    result.push(event);
    const older = events[i + 1];
    if (event.event === 'login.totp' && older?.event === 'login.password' && event.at - older.at <= SECOND_STEP_MS) i++;
  }
  return result;
}

export function accountRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  async function showAccount(request: FastifyRequest, reply: FastifyReply, account: Account, notice?: string, status = 200) {
    const session = request.session!;
    // The sign-in before this one: the second newest successful sign-in in the audit trail.
    const previous = completedSignIns(await platform.audit.list({ accountId: account.id, eventPrefix: 'login.', outcome: 'success', limit: 6 }))[1];
    const cards = platform.cardLogin ? await platform.cardLogin.cardsOf(account.id) : [];
    const now = platform.clock.now();
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
        cards: cards.map((c) => ({
          id: c.id,
          name: c.holder_name,
          serial: c.serial,
          notAfter: new Date(c.not_after),
          expiresSoon: c.not_after - now < EXPIRY_WARNING_MS,
        })),
        notice,
      }),
      status,
    );
  }

  const accountOf = (request: FastifyRequest) => signedInAccount(request, platform);

  app.get('/account', async (request, reply) => {
    const session = request.session;
    const subject = session?.record.accountId;
    if (session && subject?.startsWith(ORGANISATION_SUBJECT_PREFIX)) {
      const organisation = session.record.data.organisation as OrganisationSignIn | undefined;
      if (!organisation) return reply.redirect('/login', 303);
      const ctx = pageContext(request, reply, platform.sessions);
      const authTime = session.record.authTime ? new Date(session.record.authTime * 1000) : null;
      return sendPage(reply, OrganisationPage({ ctx, organisation, acr: session.record.acr, authTime }));
    }
    const account = await accountOf(request);
    if (!session || !account) return reply.redirect('/login', 303);
    return showAccount(request, reply, account);
  });

  app.post('/account/cards/unbind', async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account');
    if (!account || !platform.cardLogin) return reply;
    const ctx = pageContext(request, reply, platform.sessions);
    const removed = await platform.cardLogin.unbind(account.id, field(request, 'cardId'), request.lang, requesterOf(request));
    const notice = removed ? ctx.t('account.cardUnbound', { serial: removed.serial }) : ctx.t('account.cardNotFound');
    return showAccount(request, reply, account, notice, removed ? 200 : 404);
  });

  // 請再次確認身分: the password again, so that a change can follow (the sign-in time is renewed).
  app.get<{ Querystring: { return?: string } }>('/account/reauth', { helmet: headers.signIn }, async (request, reply) => {
    const account = await accountOf(request);
    if (!account) return reply.redirect('/login', 303);
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(reply, ReauthPage({ ctx, returnTo: safeReturnPath(request.query.return), accountName: account.accountName }));
  });

  app.post('/account/reauth', { helmet: headers.signIn, config: { maxFieldLength: 256, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const account = await accountOf(request);
    if (!account) return reply.redirect('/login', 303);
    const returnTo = safeReturnPath(field(request, 'return'));
    // The same check, counters and lock as the sign-in form, for this session's own account only.
    const result = await platform.password.verify(account.accountName, field(request, 'password'), requesterOf(request), request.lang);
    if (result.outcome === 'verified' && result.identity.accountId === account.id) {
      request.session = await platform.sessions.stepUp(request.session!, { acr: result.identity.acr, amr: result.identity.amr });
      return reply.redirect(returnTo, 303);
    }
    const ctx = pageContext(request, reply, platform.sessions);
    const error = result.outcome === 'locked' ? ctx.t('ERR_LOGIN_LOCKED', { minutes: result.minutesLeft }) : ctx.t('ERR_LOGIN_FAILED');
    return sendPage(reply, ReauthPage({ ctx, returnTo, accountName: account.accountName, error }), 401);
  });

  app.post('/account/email/resend', { config: { rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request, reply) => {
    const account = await accountOf(request);
    if (!account) return reply.redirect('/login', 303);
    const outcome = await platform.accounts.requestEmailCheck(account.id, request.lang, requesterOf(request));
    const ctx = pageContext(request, reply, platform.sessions);
    // Read again: asking for a check has just marked the address unproved.
    const now = (await platform.accounts.byId(account.id)) ?? account;
    return showAccount(request, reply, now, ctx.t(outcome === 'sent' ? 'emailcheck.sent' : 'emailcheck.tooSoon'));
  });

  linkButtonRoute(app, { platform, headers }, '/email/verify', { title: 'emailcheck.title', message: 'emailcheck.confirm', button: 'emailcheck.submit' });

  app.post('/email/verify', async (request, reply) => {
    const account = await platform.accounts.verifyEmail(field(request, 'token'), requesterOf(request));
    if (!account) throw new MenhuError('ERR_LINK_INVALID', 400);
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(
      reply,
      NoticePage({ ctx, title: ctx.t('emailcheck.doneTitle'), message: ctx.t('emailcheck.doneBody'), link: { href: '/account', text: ctx.t('account.title') } }),
    );
  });

  app.post('/logout', async (request, reply) => {
    const session = request.session;
    if (session) {
      await platform.sessions.end(session);
      // Single sign-on ends with it: this browser's provider session, and agencies told by back channel.
      const providerSession = request.cookies[platform.oidc.provider.cookieName('session')];
      if (session.record.accountId && providerSession) await platform.oidc.logout.end(session.record.accountId, { only: providerSession });
      await platform.audit.record({ event: 'logout', outcome: 'success', accountId: session.record.accountId, ...requesterOf(request) });
      request.session = null;
    }
    return reply.redirect('/login?bye=1', 303);
  });
}
