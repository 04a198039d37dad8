/** 軟體式動態密碼 (TOTP, RFC 6238): enrolment and turning it off in 我的帳戶, recovery codes, and the sign-in step. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatRocDateTime } from '@menhu/protocol';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { accountForChange, signedInAccount } from '../http/recent-sign-in';
import type { Platform } from '../platform';
import type { Account } from '../services/accounts';
import type { LiveSession } from '../services/sessions/manager';
import type { TotpRefusal } from '../services/totp';
import type { PageContext } from '../views/context';
import { NoticePage } from '../views/NoticePage';
import { TotpPage, type TotpFormError } from '../views/TotpPage';
import { TotpRecoveryCodesPage } from '../views/TotpRecoveryCodesPage';
import { TotpSignInPage } from '../views/TotpSignInPage';
import type { RouteDeps } from './deps';
import { afterSignIn } from '../http/return-to';

/** The session field that holds a password sign-in waiting for its code. */
const PENDING_FIELD = 'totpPending';
/** How long the code may take after the password (issue 7: 5 minutes). */
export const TOTP_STEP_MS = 5 * 60_000;
/** Per client address, like the password form (DESIGN.md "Abuse limits"); the account has its own counter. */
const CODE_POSTS_PER_MINUTE = 60;
/** A code is 6 digits; a recovery code 19 characters; room for spaces and full-width forms. */
const CODE_FIELD_MAX = 64;
const RETURN_TO = '/account/totp';

interface PendingSignIn {
  readonly accountId: string;
  readonly at: number;
}

/**
 * After a correct password, for an account that asks for its code at every sign-in: the browser is not signed
 * in; its session (under a new token) remembers whose password it was, and when.
 */
export async function startTotpStep(platform: Platform, session: LiveSession, accountId: string): Promise<LiveSession> {
  const pending: PendingSignIn = { accountId, at: platform.clock.now() };
  return platform.sessions.update(await platform.sessions.renew(session), { [PENDING_FIELD]: pending });
}

function pendingSignIn(request: FastifyRequest, now: number): PendingSignIn | undefined {
  const session = request.session;
  if (!session || session.record.accountId !== null) return undefined;
  const value = session.record.data[PENDING_FIELD] as Partial<PendingSignIn> | null | undefined;
  if (!value || typeof value.accountId !== 'string' || typeof value.at !== 'number') return undefined;
  return now - value.at <= TOTP_STEP_MS && now >= value.at ? { accountId: value.accountId, at: value.at } : undefined;
}

/** The words for a refused code, in the citizen's language; the pause says until when. */
function refusalText(ctx: PageContext, refusal: TotpRefusal): string {
  switch (refusal.reason) {
    case 'paused':
      return ctx.t('ERR_TOTP_PAUSED', { until: formatRocDateTime(new Date(refusal.until), ctx.lang) });
    case 'off':
      return ctx.t('ERR_TOTP_ENROLMENT_EXPIRED');
    case 'wrong':
      return ctx.t('ERR_TOTP_WRONG');
  }
}

const refusalStatus = (refusal: TotpRefusal) => (refusal.reason === 'paused' ? 429 : 400);

export function totpRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  const { totp } = platform;

  /** The settings page as it is now: the enrolment while off, the management forms while on. */
  async function showTotp(
    request: FastifyRequest,
    reply: FastifyReply,
    account: Account,
    options: { error?: TotpFormError; notice?: string; status?: number; everySignIn?: boolean } = {},
  ) {
    const ctx = pageContext(request, reply, platform.sessions);
    const common = { ctx, accountName: account.accountName, error: options.error, notice: options.notice };
    const status = await totp.status(account.id);
    if (status.state === 'on') return sendPage(reply, TotpPage({ ...common, mode: 'on', status }), options.status);
    const enrolment = await totp.begin(account, ctx.t('site.name'));
    // Confirmed in another tab meanwhile: show what is there now.
    if (!enrolment) return reply.redirect(RETURN_TO, 303);
    return sendPage(reply, TotpPage({ ...common, mode: 'enrol', enrolment, everySignIn: options.everySignIn ?? true }), options.status);
  }

  app.get<{ Querystring: { done?: string } }>(RETURN_TO, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, RETURN_TO);
    if (!account) return reply;
    const ctx = pageContext(request, reply, platform.sessions);
    const done = request.query.done;
    const notice = done === 'saved' ? ctx.t('totp.manage.saved') : done === 'off' ? ctx.t('totp.manage.off') : undefined;
    return showTotp(request, reply, account, { ...(notice ? { notice } : {}) });
  });

  app.post(`${RETURN_TO}/confirm`, { config: { maxFieldLength: CODE_FIELD_MAX } }, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, RETURN_TO);
    if (!account) return reply;
    const everySignIn = field(request, 'everySignIn') === 'yes';
    const result = await totp.confirm(account, field(request, 'code'), { everySignIn, lang: request.lang, from: requesterOf(request) });
    const ctx = pageContext(request, reply, platform.sessions);
    if (result.verified) return sendPage(reply, TotpRecoveryCodesPage({ ctx, codes: result.recoveryCodes, reason: 'enabled' }));
    return showTotp(request, reply, account, { error: { form: 'enrol', text: refusalText(ctx, result) }, status: refusalStatus(result), everySignIn });
  });

  app.post(`${RETURN_TO}/every-sign-in`, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, RETURN_TO);
    if (!account) return reply;
    await totp.setEverySignIn(account.id, field(request, 'everySignIn') === 'yes', requesterOf(request));
    return reply.redirect(`${RETURN_TO}?done=saved`, 303);
  });

  app.post(`${RETURN_TO}/recovery-codes`, { config: { maxFieldLength: CODE_FIELD_MAX } }, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, RETURN_TO);
    if (!account) return reply;
    const result = await totp.newRecoveryCodes(account, field(request, 'code'), { lang: request.lang, from: requesterOf(request) });
    const ctx = pageContext(request, reply, platform.sessions);
    if (result.verified) return sendPage(reply, TotpRecoveryCodesPage({ ctx, codes: result.recoveryCodes, reason: 'renewed' }));
    if (result.reason === 'off') return reply.redirect(RETURN_TO, 303);
    return showTotp(request, reply, account, { error: { form: 'newCodes', text: refusalText(ctx, result) }, status: refusalStatus(result) });
  });

  app.post(`${RETURN_TO}/off`, { config: { maxFieldLength: CODE_FIELD_MAX } }, async (request, reply) => {
    const account = await accountForChange(request, reply, platform, RETURN_TO);
    if (!account) return reply;
    const result = await totp.disable(account, field(request, 'code'), { lang: request.lang, from: requesterOf(request) });
    if (result.verified) return reply.redirect(`${RETURN_TO}?done=off`, 303);
    if (result.reason === 'off') return reply.redirect(RETURN_TO, 303);
    const ctx = pageContext(request, reply, platform.sessions);
    return showTotp(request, reply, account, { error: { form: 'off', text: refusalText(ctx, result) }, status: refusalStatus(result) });
  });

  // The sign-in step: the code after the password.
  app.get('/login/totp', { helmet: headers.signIn }, async (request, reply) => {
    if (request.session?.record.accountId) return reply.redirect('/account', 303);
    if (!pendingSignIn(request, platform.clock.now())) return reply.redirect('/login?done=totp-expired', 303);
    return sendPage(reply, TotpSignInPage({ ctx: pageContext(request, reply, platform.sessions) }));
  });

  app.post(
    '/login/totp',
    { helmet: headers.signIn, config: { maxFieldLength: CODE_FIELD_MAX, rateLimit: { max: CODE_POSTS_PER_MINUTE, timeWindow: 60_000 } } },
    async (request, reply) => {
      if (request.session?.record.accountId) return reply.redirect('/account', 303);
      const pending = pendingSignIn(request, platform.clock.now());
      if (!pending || !request.session) return reply.redirect('/login?done=totp-expired', 303);
      const result = await totp.verify(pending.accountId, field(request, 'code'), { from: requesterOf(request), purpose: 'sign_in' });
      if (result.verified) {
        // DESIGN.md "Assurance": password + TOTP is `substantial`, amr `pwd otp mfa` (RFC 8176 §2).
        request.session = await platform.sessions.signIn(request.session, { accountId: pending.accountId, acr: 'substantial', amr: ['pwd', 'otp', 'mfa'] });
        return reply.redirect(result.method === 'recovery' ? '/login/totp/recovered' : afterSignIn(request), 303);
      }
      // TOTP was turned off in another session meanwhile: start again rather than sign in on the password alone.
      if (result.reason === 'off') {
        request.session = await platform.sessions.update(request.session, { [PENDING_FIELD]: null });
        return reply.redirect('/login?done=totp-expired', 303);
      }
      const ctx = pageContext(request, reply, platform.sessions);
      return sendPage(reply, TotpSignInPage({ ctx, error: refusalText(ctx, result) }), result.reason === 'paused' ? 429 : 401);
    },
  );

  // The page after a sign-in with a recovery code: how many remain, and what to do if the phone is gone.
  app.get('/login/totp/recovered', async (request, reply) => {
    const account = await signedInAccount(request, platform);
    if (!account) return reply.redirect('/login', 303);
    const status = await totp.status(account.id);
    const count = status.state === 'on' ? status.recoveryCodesLeft : 0;
    const ctx = pageContext(request, reply, platform.sessions);
    return sendPage(
      reply,
      NoticePage({
        ctx,
        title: ctx.t('totp.recoveryUsed.title'),
        message: `${ctx.t('totp.recoveryUsed.body', { count })} ${ctx.t('totp.recoveryUsed.advice')}`,
        link: { href: '/account', text: ctx.t('account.title') },
      }),
    );
  });
}
