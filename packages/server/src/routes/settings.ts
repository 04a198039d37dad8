/**
 * 我的帳戶's settings pages (issue 7): 變更密碼, 變更電子郵件, 登入中的裝置, 登入紀錄, 更正個人資料, 刪除帳號.
 * Every change goes through a recent sign-in (http/recent-sign-in.ts): without one the browser is sent to
 * /account/reauth and comes back here. The pages where a change is made ask for it already on GET, so nothing
 * typed is lost to the detour. The services audit and mail; this file does HTTP only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MenhuError, type MessageKey } from '@menhu/protocol';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { accountForChange, signedInAccount, signedInRecently } from '../http/recent-sign-in';
import type { Platform } from '../platform';
import type { Account } from '../services/accounts';
import type { AuditRow } from '../store/audit';
import { cardIsAccountHolder } from '../services/card-holder';
import { NoticePage } from '../views/NoticePage';
import { SettingsPasswordPage, type PasswordFormField } from '../views/SettingsPasswordPage';
import { SettingsEmailPage } from '../views/SettingsEmailPage';
import { SettingsSessionsPage } from '../views/SettingsSessionsPage';
import { SettingsHistoryPage, type SignInAttempt, type SignInMethod, type SignInResult } from '../views/SettingsHistoryPage';
import { SettingsProfilePage, type ProfileFormField } from '../views/SettingsProfilePage';
import { SettingsDeletePage, type DeleteFormField } from '../views/SettingsDeletePage';
import { cardAnswerOf, MAX_CARD_FIELD, sendCardFailure } from './card-answer';
import { linkButtonRoute } from './link-button';
import type { RouteDeps } from './deps';

/** 登入紀錄 shows this many attempts, the newest. */
export const HISTORY_CAP = 50;

/** Posts that check a password: the same allowance per address as /account/reauth. */
const PASSWORD_POST = { maxFieldLength: 256, rateLimit: { max: 30, timeWindow: 60_000 } };

const HISTORY_METHODS: Readonly<Record<string, SignInMethod>> = {
  'login.password': 'password',
  'login.card': 'card',
  'login.totp': 'totp',
  'login.mobile': 'mobile',
  'login.social': 'social',
  'login.lock': 'lock',
};

function signInAttempt(row: AuditRow): SignInAttempt {
  let reason: unknown;
  try {
    reason = row.detail ? (JSON.parse(row.detail) as { reason?: unknown }).reason : undefined;
  } catch {
    reason = undefined;
  }
  const result: SignInResult =
    row.event === 'login.lock' || reason === 'locked'
      ? 'locked'
      : row.outcome === 'success' || row.outcome === 'failure' || row.outcome === 'refused'
        ? row.outcome
        : 'info';
  return { at: new Date(row.at), method: HISTORY_METHODS[row.event] ?? 'other', ip: row.ip, result };
}

export function settingsRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, platform.sessions);
  const from = requesterOf;

  // ── 變更密碼 ──────────────────────────────────────────────────────────────────────────────────────────────

  function showPassword(request: FastifyRequest, reply: FastifyReply, account: Account, extra: { errors?: Partial<Record<PasswordFormField, string>>; notice?: string } = {}, status = 200) {
    const ctx = ctxOf(request, reply);
    return sendPage(
      reply,
      SettingsPasswordPage({
        ctx,
        accountName: account.accountName,
        minLength: platform.config.passwordMinLength,
        signerUrl: platform.cardLogin ? platform.config.signerUrl.origin : undefined,
        ...extra,
      }),
      status,
    );
  }

  const passwordDone = (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = ctxOf(request, reply);
    return `${ctx.t('settings.password.done')} ${ctx.t('settings.mailed')}`;
  };

  app.get<{ Querystring: { done?: string } }>('/account/password', { helmet: headers.withComponent }, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/password');
    if (!account) return reply;
    return showPassword(request, reply, account, request.query.done === '1' ? { notice: passwordDone(request, reply) } : {});
  });

  app.post('/account/password', { helmet: headers.withComponent, config: PASSWORD_POST }, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/password');
    if (!account) return reply;
    const ctx = ctxOf(request, reply);
    // The same check, counters and lock as the sign-in form, for this session's own account only.
    const current = await platform.password.verify(account.accountName, field(request, 'current'), from(request), request.lang);
    if (current.outcome !== 'verified' || current.identity.accountId !== account.id) {
      await platform.audit.record({ event: 'account.password_change', outcome: 'refused', accountId: account.id, ...from(request), detail: { via: 'settings', reason: 'current_password' } });
      const error = current.outcome === 'locked' ? ctx.t('ERR_LOGIN_LOCKED', { minutes: current.minutesLeft }) : ctx.t('ERR_CURRENT_PASSWORD');
      return showPassword(request, reply, account, { errors: { current: error } }, 401);
    }
    const problem = await platform.passwordChange.change(account, field(request, 'password'), field(request, 'passwordConfirm'), {
      via: 'settings',
      lang: request.lang,
      from: from(request),
      keepSessionId: request.session!.record.id,
    });
    if (problem) {
      const on: PasswordFormField = problem.code === 'ERR_PASSWORD_MISMATCH' ? 'passwordConfirm' : 'password';
      return showPassword(request, reply, account, { errors: { [on]: ctx.t(problem.code, problem.params) } }, 400);
    }
    // A new token after the change (OWASP Session Management: renew the session on a change of credentials).
    request.session = await platform.sessions.renew(request.session!);
    return reply.redirect('/account/password?done=1', 303);
  });

  // The card panel's post (client/card-login.ts): JSON in, JSON out — so the recent sign-in is checked here
  // rather than by accountForChange's redirects, which a script's fetch would follow blindly.
  app.post('/account/password/card', { helmet: headers.signIn, config: { maxFieldLength: MAX_CARD_FIELD, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const { cardLogin } = platform;
    if (!cardLogin) throw new MenhuError('ERR_NOT_ENABLED', 501);
    reply.header('cache-control', 'no-store');
    const account = await signedInAccount(request, platform);
    if (!account) return { redirect: '/login' };
    if (!signedInRecently(request, platform.clock.now())) return { redirect: `/account/reauth?return=${encodeURIComponent('/account/password')}` };
    const ctx = ctxOf(request, reply);
    try {
      const card = await cardLogin.verifyCard(request.session!.record.id, cardAnswerOf(request), from(request), 'account.password_change');
      if (!cardIsAccountHolder(account, card, await cardLogin.cardsOf(account.id))) {
        await platform.audit.record({ event: 'account.password_change', outcome: 'refused', accountId: account.id, ...from(request), detail: { via: 'card', reason: 'not_holder', serial: card.serial } });
        return reply.code(403).send({ error: 'ERR_CARD_NOT_HOLDER', message: ctx.t('ERR_CARD_NOT_HOLDER') });
      }
      const problem = await platform.passwordChange.change(account, field(request, 'password'), field(request, 'passwordConfirm'), {
        via: 'card',
        lang: request.lang,
        from: from(request),
        keepSessionId: request.session!.record.id,
      });
      if (problem) return reply.code(400).send({ error: problem.code, message: ctx.t(problem.code, problem.params) });
      request.session = await platform.sessions.renew(request.session!);
      return { redirect: '/account/password?done=1' };
    } catch (err) {
      return sendCardFailure(request, reply, platform.sessions, err);
    }
  });

  // ── 變更電子郵件 ──────────────────────────────────────────────────────────────────────────────────────────

  app.get('/account/email', async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/email');
    if (!account) return reply;
    return sendPage(reply, SettingsEmailPage({ ctx: ctxOf(request, reply), currentEmail: account.email }));
  });

  app.post('/account/email', { config: { maxFieldLength: 512 } }, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/email');
    if (!account) return reply;
    const ctx = ctxOf(request, reply);
    const typed = field(request, 'email');
    const result = await platform.emailChange.request(account, typed, request.lang, from(request));
    const page = (extra: { error?: string; notice?: string; typed?: string }, status: number) =>
      sendPage(reply, SettingsEmailPage({ ctx, currentEmail: account.email, ...extra }), status);
    switch (result.outcome) {
      case 'sent':
        return page({ notice: ctx.t('settings.email.sent', { email: result.email }) }, 200);
      case 'too_soon':
        return page({ error: ctx.t('settings.email.tooSoon'), typed }, 429);
      case 'invalid':
        return page({ error: ctx.t(result.problem.code, result.problem.params), typed }, 400);
    }
  });

  // The link mailed to the new address needs no sign-in: the link is the proof, and it may be opened elsewhere.
  linkButtonRoute(app, { platform, headers }, '/account/email/confirm', { title: 'settings.email.confirmTitle', message: 'settings.email.confirmBody', button: 'settings.email.confirmSubmit' });

  app.post('/account/email/confirm', { config: { rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const result = await platform.emailChange.confirm(field(request, 'token'), request.lang, from(request));
    if (result.outcome === 'link_invalid') throw new MenhuError('ERR_LINK_INVALID', 400);
    if (result.outcome === 'in_use') throw new MenhuError('ERR_EMAIL_IN_USE', 409);
    const ctx = ctxOf(request, reply);
    return sendPage(
      reply,
      NoticePage({
        ctx,
        title: ctx.t('settings.email.doneTitle'),
        message: ctx.t('settings.email.doneBody', { email: result.email }),
        link: { href: '/account', text: ctx.t('account.title') },
      }),
    );
  });

  // ── 登入中的裝置 ──────────────────────────────────────────────────────────────────────────────────────────

  async function showSessions(request: FastifyRequest, reply: FastifyReply, account: Account, notice?: string) {
    const currentId = request.session!.record.id;
    const records = await platform.sessions.listOf(account.id);
    const sessions = records.map((r) => ({
      current: r.id === currentId,
      signedInAt: new Date(r.createdAt),
      lastActiveAt: new Date(r.lastSeenAt),
      userAgent: r.signedInFrom?.userAgent ?? null,
      ip: r.signedInFrom?.ip ?? null,
    }));
    // This browser first, then the others by their last activity.
    sessions.sort((a, b) => Number(b.current) - Number(a.current));
    return sendPage(reply, SettingsSessionsPage({ ctx: ctxOf(request, reply), sessions, notice }));
  }

  app.get('/account/sessions', async (request, reply) => {
    const account = await signedInAccount(request, platform);
    if (!account) return reply.redirect('/login', 303);
    return showSessions(request, reply, account);
  });

  app.post('/account/sessions/end-others', async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/sessions');
    if (!account) return reply;
    const ended = await platform.sessions.endAllOf(account.id, request.session!.record.id);
    // The provider's sessions on other browsers end too (and their agencies are told); this browser's stays.
    await platform.oidc.logout.end(account.id, { except: request.cookies[platform.oidc.provider.cookieName('session')] });
    await platform.audit.record({ event: 'account.sessions_end', outcome: 'success', accountId: account.id, ...from(request), detail: { sessionsEnded: ended } });
    return showSessions(request, reply, account, ctxOf(request, reply).t('settings.sessions.ended', { count: ended }));
  });

  // ── 登入紀錄 ──────────────────────────────────────────────────────────────────────────────────────────────

  app.get('/account/history', async (request, reply) => {
    const account = await signedInAccount(request, platform);
    if (!account) return reply.redirect('/login', 303);
    const rows = await platform.audit.list({ accountId: account.id, eventPrefix: 'login.', limit: HISTORY_CAP });
    return sendPage(reply, SettingsHistoryPage({ ctx: ctxOf(request, reply), attempts: rows.map(signInAttempt), cap: HISTORY_CAP }));
  });

  // ── 更正個人資料 ──────────────────────────────────────────────────────────────────────────────────────────

  app.get<{ Querystring: { done?: string } }>('/account/profile', async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/profile');
    if (!account) return reply;
    const ctx = ctxOf(request, reply);
    const notice = request.query.done === '1' ? `${ctx.t('settings.profile.done')} ${ctx.t('settings.mailed')}` : undefined;
    return sendPage(reply, SettingsProfilePage({ ctx, account, notice }));
  });

  app.post('/account/profile', { config: { maxFieldLength: 256 } }, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/profile');
    if (!account) return reply;
    const ctx = ctxOf(request, reply);
    const typed = { displayName: field(request, 'displayName'), idNumber: field(request, 'idNumber') };
    const result = await platform.profileCorrection.correct(account, typed, request.lang, from(request));
    switch (result.outcome) {
      case 'corrected':
        return reply.redirect('/account/profile?done=1', 303);
      case 'unchanged':
        return sendPage(reply, SettingsProfilePage({ ctx, account, notice: ctx.t('settings.profile.unchanged') }));
      case 'verified': {
        const now = (await platform.accounts.byId(account.id)) ?? account;
        return sendPage(reply, SettingsProfilePage({ ctx, account: now, error: ctx.t('ERR_PROFILE_VERIFIED') }), 403);
      }
      case 'invalid': {
        const errors: Partial<Record<ProfileFormField, string>> = {};
        for (const [name, problem] of Object.entries(result.problems) as [ProfileFormField, { code: MessageKey }][]) errors[name] = ctx.t(problem.code);
        return sendPage(reply, SettingsProfilePage({ ctx, account, typed, errors }), 400);
      }
    }
  });

  // ── 刪除帳號 ──────────────────────────────────────────────────────────────────────────────────────────────

  app.get('/account/delete', async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/delete');
    if (!account) return reply;
    return sendPage(reply, SettingsDeletePage({ ctx: ctxOf(request, reply), accountName: account.accountName }));
  });

  app.post('/account/delete', { config: PASSWORD_POST }, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, '/account/delete');
    if (!account) return reply;
    const ctx = ctxOf(request, reply);
    const check = await platform.password.verify(account.accountName, field(request, 'password'), from(request), request.lang);
    const passwordOk = check.outcome === 'verified' && check.identity.accountId === account.id;
    const result = await platform.accountDeletion.delete(account, { passwordOk, typedName: field(request, 'accountName') }, request.lang, from(request));
    if (result.outcome !== 'deleted') {
      const errors: Partial<Record<DeleteFormField, string>> =
        result.outcome === 'name_differs'
          ? { accountName: ctx.t('ERR_DELETE_NAME') }
          : { password: check.outcome === 'locked' ? ctx.t('ERR_LOGIN_LOCKED', { minutes: check.minutesLeft }) : ctx.t('ERR_CURRENT_PASSWORD') };
      return sendPage(reply, SettingsDeletePage({ ctx, accountName: account.accountName, errors }), result.outcome === 'name_differs' ? 400 : 401);
    }
    // Every session ended with the account, this one too: the cookie is cleared with the answer.
    request.session = null;
    const bye = ctxOf(request, reply);
    return sendPage(
      reply,
      NoticePage({ ctx: bye, title: bye.t('settings.delete.doneTitle'), message: bye.t('settings.delete.doneBody'), link: { href: '/login', text: bye.t('feature.backToLogin') } }),
    );
  });
}
