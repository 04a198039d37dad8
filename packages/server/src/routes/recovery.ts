/**
 * 忘記密碼 and 忘記帳號 beyond the card: the password-hint question, and links by e-mail; and the hint question's
 * page in 我的帳戶. HTTP only: the rules are in services/hint.ts and services/email-recovery.ts.
 *
 * /recover/hint               step 1: account name and ID number → step 2: the question, with the answer field
 * /recover/hint/answer        step 3: the answer checked → step 4: the new password form
 * /recover/hint/password      step 4: the new password set; every session ends; to the login page (not signed in)
 * /recover/email              忘記密碼: account name and address → the same "check your mail" page, always
 * /recover/email/reset        the mailed link: GET shows the form (uses nothing up), POST sets the password
 * /recover/account/email      忘記帳號: address → the same page, always; the names go by mail
 * /account/hint               set, change or remove the question (a recent sign-in needed)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkAccountName, formatRocDateTime, normaliseAccountName, type MessageKey } from '@menhu/protocol';
import type { FieldProblem } from '../services/accounts';
import { looksLikeEmail } from '../services/email-recovery';
import { hintQuestionText, isHintFlow, type HintFlow } from '../services/hint';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { accountForChange } from '../http/recent-sign-in';
import type { PageContext } from '../views/context';
import { NoticePage } from '../views/NoticePage';
import { RecoverFormPage, type RecoverField } from '../views/RecoverFormPage';
import { HintSettingsPage } from '../views/HintSettingsPage';
import type { RouteDeps } from './deps';

const FLOW_KEY = 'hintFlow';
const HINT_STEPS = 4;
/** Per client address, generous (DESIGN.md "Abuse limits"): the real limits are per account name and address. */
const POSTS = { rateLimit: { max: 60, timeWindow: 60_000 } };

type Problems = Readonly<Record<string, FieldProblem | undefined>>;

const errorOf = (ctx: PageContext, problems: Problems, name: string) => {
  const p = problems[name];
  return p ? ctx.t(p.code, p.params) : undefined;
};

function accountField(ctx: PageContext, value: string, error: string | undefined): RecoverField {
  return {
    id: 'account',
    label: ctx.t('login.account.name'),
    error,
    input: { name: 'account', type: 'text', autoComplete: 'username', maxLength: 64, required: true, spellcheck: false, autoCapitalize: 'none', value },
  };
}

function emailField(ctx: PageContext, value: string, error: string | undefined): RecoverField {
  return { id: 'email', label: ctx.t('register.email'), error, input: { name: 'email', type: 'email', autoComplete: 'email', maxLength: 254, required: true, value } };
}

function passwordFields(ctx: PageContext, minLength: number, problem: FieldProblem | undefined): RecoverField[] {
  const message = problem ? ctx.t(problem.code, problem.params) : undefined;
  const onConfirm = problem?.code === 'ERR_PASSWORD_MISMATCH';
  return [
    {
      id: 'password',
      label: ctx.t('cardservice.newPassword'),
      hint: ctx.t('register.passwordHint', { min: minLength }),
      error: onConfirm ? undefined : message,
      input: { name: 'password', type: 'password', autoComplete: 'new-password', maxLength: 128, required: true },
    },
    {
      id: 'passwordConfirm',
      label: ctx.t('cardservice.newPasswordConfirm'),
      error: onConfirm ? message : undefined,
      input: { name: 'passwordConfirm', type: 'password', autoComplete: 'new-password', maxLength: 128, required: true },
    },
  ];
}

export function recoveryRoutes(app: FastifyInstance, { platform, methods }: RouteDeps): void {
  const minLength = platform.config.passwordMinLength;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, platform.sessions);
  const notice = (request: FastifyRequest, reply: FastifyReply, title: MessageKey, message: string, status: number, link: { href: string; text: MessageKey }) => {
    const ctx = ctxOf(request, reply);
    return sendPage(reply, NoticePage({ ctx, title: ctx.t(title), message, link: { href: link.href, text: ctx.t(link.text) } }), status);
  };

  if (methods.hintReset) hintResetRoutes();
  if (methods.recoverPassword) emailResetRoutes();
  if (methods.recoverAccount) accountNameRoutes();
  hintSettingsRoutes();

  function hintResetRoutes() {
    const step = (ctx: PageContext, n: number) => ctx.t('hint.reset.step', { n, of: HINT_STEPS });

    function identifyPage(request: FastifyRequest, reply: FastifyReply, values: { account: string; idNumber: string }, problems: Problems = {}, alert?: string, status = 200) {
      const ctx = ctxOf(request, reply);
      return sendPage(
        reply,
        RecoverFormPage({
          ctx,
          title: ctx.t('login.manage.hint'),
          step: step(ctx, 1),
          intro: ctx.t('hint.reset.intro'),
          alert,
          action: '/recover/hint',
          submit: ctx.t('hint.reset.next'),
          fields: [
            accountField(ctx, values.account, errorOf(ctx, problems, 'account')),
            {
              id: 'idNumber',
              label: ctx.t('register.idNumber'),
              hint: ctx.t('hint.reset.idNumberHint'),
              error: errorOf(ctx, problems, 'idNumber'),
              input: { name: 'idNumber', type: 'text', autoComplete: 'off', maxLength: 10, required: true, spellcheck: false, autoCapitalize: 'characters', value: values.idNumber },
            },
          ],
        }),
        status,
      );
    }

    function questionPage(request: FastifyRequest, reply: FastifyReply, flow: HintFlow, alert?: string, status = 200) {
      const ctx = ctxOf(request, reply);
      return sendPage(
        reply,
        RecoverFormPage({
          ctx,
          title: ctx.t('login.manage.hint'),
          step: step(ctx, 2),
          intro: ctx.t('hint.reset.questionIntro'),
          alert,
          action: '/recover/hint/answer',
          submit: ctx.t('hint.reset.submitAnswer'),
          // The question is the answer field's label: a screen reader reads it with the field.
          fields: [{ id: 'answer', label: hintQuestionText(flow.question, ctx.t), hint: ctx.t('hint.reset.answerHint'), input: { name: 'answer', type: 'text', autoComplete: 'off', spellcheck: false, maxLength: 200, required: true } }],
          links: [{ href: '/recover/hint', text: ctx.t('hint.reset.startOver') }],
        }),
        status,
      );
    }

    function passwordPage(request: FastifyRequest, reply: FastifyReply, problem?: FieldProblem) {
      const ctx = ctxOf(request, reply);
      return sendPage(
        reply,
        RecoverFormPage({
          ctx,
          title: ctx.t('login.manage.hint'),
          step: step(ctx, 4),
          intro: ctx.t('hint.reset.passwordIntro'),
          action: '/recover/hint/password',
          submit: ctx.t('hint.reset.submitPassword'),
          fields: passwordFields(ctx, minLength, problem),
        }),
        problem ? 400 : 200,
      );
    }

    function closedPage(request: FastifyRequest, reply: FastifyReply, until: number) {
      const time = formatRocDateTime(new Date(until), request.lang);
      return notice(request, reply, 'login.manage.hint', ctxOf(request, reply).t('ERR_HINT_CLOSED', { time }), 429, { href: '/recover', text: 'login.account.forgotPassword' });
    }

    const expiredPage = (request: FastifyRequest, reply: FastifyReply) =>
      notice(request, reply, 'login.manage.hint', ctxOf(request, reply).t('ERR_HINT_FLOW_EXPIRED'), 400, { href: '/recover/hint', text: 'hint.reset.startOver' });

    async function setFlow(request: FastifyRequest, flow: HintFlow | null) {
      request.session = await platform.sessions.update(request.session!, { [FLOW_KEY]: flow });
    }

    const flowOf = (request: FastifyRequest): HintFlow | undefined => {
      const flow = request.session?.record.data[FLOW_KEY];
      return isHintFlow(flow) ? flow : undefined;
    };

    app.get('/recover/hint', async (request, reply) => {
      await ensureSession(request, platform.sessions);
      return identifyPage(request, reply, { account: '', idNumber: '' });
    });

    app.post('/recover/hint', { config: { maxFieldLength: 256, ...POSTS } }, async (request, reply) => {
      const values = { account: field(request, 'account'), idNumber: field(request, 'idNumber') };
      const started = await platform.hints.start(values.account, values.idNumber, requesterOf(request));
      if (started.outcome === 'invalid') return identifyPage(request, reply, values, started.problems, undefined, 400);
      if (started.outcome === 'closed') {
        await setFlow(request, null);
        return closedPage(request, reply, started.until);
      }
      await setFlow(request, started.flow);
      return questionPage(request, reply, started.flow);
    });

    app.post('/recover/hint/answer', { config: { maxFieldLength: 256, ...POSTS } }, async (request, reply) => {
      const flow = flowOf(request);
      if (!flow) return expiredPage(request, reply);
      const answered = await platform.hints.answer(flow, field(request, 'answer'), requesterOf(request));
      switch (answered.outcome) {
        case 'right':
          await setFlow(request, answered.flow);
          return passwordPage(request, reply);
        case 'wrong':
          return questionPage(request, reply, flow, ctxOf(request, reply).t('ERR_HINT_WRONG'), 400);
        case 'closed':
          await setFlow(request, null);
          return closedPage(request, reply, answered.until);
        case 'expired':
          await setFlow(request, null);
          return expiredPage(request, reply);
      }
    });

    app.post('/recover/hint/password', { config: { maxFieldLength: 256, ...POSTS } }, async (request, reply) => {
      const flow = flowOf(request);
      if (!flow) return expiredPage(request, reply);
      const reset = await platform.hints.resetPassword(flow, field(request, 'password'), field(request, 'passwordConfirm'), request.lang, requesterOf(request));
      if (reset.outcome === 'problem') return passwordPage(request, reply, reset.problem);
      await setFlow(request, null);
      if (reset.outcome === 'expired') return expiredPage(request, reply);
      // Not signed in on purpose (services/hint.ts): the citizen signs in with the new password.
      return reply.redirect('/login?done=reset', 303);
    });
  }

  function emailResetRoutes() {
    function requestPage(request: FastifyRequest, reply: FastifyReply, values: { account: string; email: string }, problems: Problems = {}) {
      const ctx = ctxOf(request, reply);
      const invalid = Object.values(problems).some(Boolean);
      return sendPage(
        reply,
        RecoverFormPage({
          ctx,
          title: ctx.t('recovery.byEmail'),
          intro: ctx.t('recovery.email.intro'),
          action: '/recover/email',
          submit: ctx.t('recovery.email.submit'),
          fields: [accountField(ctx, values.account, errorOf(ctx, problems, 'account')), emailField(ctx, values.email, errorOf(ctx, problems, 'email'))],
          links: [{ href: '/recover/account', text: ctx.t('login.account.forgotAccount') }],
        }),
        invalid ? 400 : 200,
      );
    }

    function linkPage(request: FastifyRequest, reply: FastifyReply, token: string, accountName: string, problem?: FieldProblem) {
      const ctx = ctxOf(request, reply);
      // The link's token is in this page's address: no Referer carries it anywhere.
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(
        reply,
        RecoverFormPage({
          ctx,
          title: ctx.t('recovery.email.resetTitle'),
          intro: ctx.t('recovery.email.resetIntro', { account: accountName }),
          action: '/recover/email/reset',
          submit: ctx.t('recovery.email.resetSubmit'),
          hidden: { token },
          fields: passwordFields(ctx, minLength, problem),
        }),
        problem ? 400 : 200,
      );
    }

    const invalidLink = (request: FastifyRequest, reply: FastifyReply) =>
      notice(request, reply, 'recovery.email.resetTitle', ctxOf(request, reply).t('ERR_RESET_LINK_INVALID'), 400, { href: '/recover/email', text: 'recovery.byEmail' });

    app.get('/recover/email', async (request, reply) => {
      await ensureSession(request, platform.sessions);
      return requestPage(request, reply, { account: '', email: '' });
    });

    app.post('/recover/email', { config: { maxFieldLength: 300, ...POSTS } }, async (request, reply) => {
      const values = { account: field(request, 'account'), email: field(request, 'email') };
      const nameProblem = checkAccountName(normaliseAccountName(values.account));
      const problems: Problems = {
        account: nameProblem ? { code: nameProblem } : undefined,
        email: looksLikeEmail(values.email) ? undefined : { code: 'ERR_EMAIL_INVALID' },
      };
      if (problems.account || problems.email) return requestPage(request, reply, values, problems);
      await platform.emailRecovery.requestPasswordReset(values.account, values.email, request.lang, requesterOf(request));
      // The same page whether or not anything matched, and whether or not the address was over its limit.
      return notice(request, reply, 'recovery.email.sentTitle', ctxOf(request, reply).t('recovery.email.sentBody'), 200, { href: '/login', text: 'feature.backToLogin' });
    });

    // GET only shows the form: mail scanners that open links must not use up the link.
    app.get<{ Querystring: { token?: string } }>('/recover/email/reset', async (request, reply) => {
      await ensureSession(request, platform.sessions);
      const token = String(request.query.token ?? '').slice(0, 100);
      const account = await platform.emailRecovery.linkAccount(token);
      if (!account) return invalidLink(request, reply);
      return linkPage(request, reply, token, account.accountName);
    });

    app.post('/recover/email/reset', { config: { maxFieldLength: 256, ...POSTS } }, async (request, reply) => {
      const token = field(request, 'token');
      const reset = await platform.emailRecovery.resetPassword(token, field(request, 'password'), field(request, 'passwordConfirm'), request.lang, requesterOf(request));
      if (reset.outcome === 'invalid') return invalidLink(request, reply);
      if (reset.outcome === 'problem') {
        const account = await platform.emailRecovery.linkAccount(token);
        return account ? linkPage(request, reply, token, account.accountName, reset.problem) : invalidLink(request, reply);
      }
      return reply.redirect('/login?done=reset', 303);
    });
  }

  function accountNameRoutes() {
    function requestPage(request: FastifyRequest, reply: FastifyReply, email: string, problems: Problems = {}) {
      const ctx = ctxOf(request, reply);
      return sendPage(
        reply,
        RecoverFormPage({
          ctx,
          title: ctx.t('recovery.accountByEmail'),
          intro: ctx.t('recovery.accountEmail.intro'),
          action: '/recover/account/email',
          submit: ctx.t('recovery.accountEmail.submit'),
          fields: [emailField(ctx, email, errorOf(ctx, problems, 'email'))],
        }),
        problems.email ? 400 : 200,
      );
    }

    app.get('/recover/account/email', async (request, reply) => {
      await ensureSession(request, platform.sessions);
      return requestPage(request, reply, '');
    });

    app.post('/recover/account/email', { config: { maxFieldLength: 300, ...POSTS } }, async (request, reply) => {
      const email = field(request, 'email');
      if (!looksLikeEmail(email)) return requestPage(request, reply, email, { email: { code: 'ERR_EMAIL_INVALID' } });
      await platform.emailRecovery.sendAccountNames(email, request.lang, requesterOf(request));
      // The same page whether or not any account uses the address.
      return notice(request, reply, 'recovery.email.sentTitle', ctxOf(request, reply).t('recovery.accountEmail.sentBody'), 200, { href: '/login', text: 'feature.backToLogin' });
    });
  }

  function hintSettingsRoutes() {
    const PAGE = '/account/hint';

    async function currentText(ctx: PageContext, accountId: string): Promise<string | null> {
      const stored = await platform.hints.questionOf(accountId);
      return stored === null ? null : hintQuestionText(stored, ctx.t);
    }

    app.get<{ Querystring: { done?: string } }>(PAGE, async (request, reply) => {
      const account = await accountForChange(request, reply, platform, PAGE);
      if (!account) return reply;
      const ctx = ctxOf(request, reply);
      const done = request.query.done;
      const shown = done === 'saved' ? ctx.t('hint.settings.saved') : done === 'removed' ? ctx.t('hint.settings.removed') : undefined;
      return sendPage(reply, HintSettingsPage({ ctx, current: await currentText(ctx, account.id), notice: shown }));
    });

    app.post(PAGE, { config: { maxFieldLength: 256, ...POSTS } }, async (request, reply) => {
      const account = await accountForChange(request, reply, platform, PAGE);
      if (!account) return reply;
      if (field(request, 'action') === 'remove') {
        await platform.hints.change(account, null, request.lang, requesterOf(request));
        return reply.redirect(`${PAGE}?done=removed`, 303);
      }
      const values = { hintQuestion: field(request, 'hintQuestion'), hintOwn: field(request, 'hintOwn') };
      const hint = await platform.hints.prepare({ choice: values.hintQuestion, own: values.hintOwn, answer: field(request, 'hintAnswer') }, true);
      if (!hint.ok || !hint.hint) {
        const ctx = ctxOf(request, reply);
        const problems = hint.ok ? { hintQuestion: { code: 'ERR_HINT_QUESTION_MISSING' as const } } : hint.problems;
        return sendPage(reply, HintSettingsPage({ ctx, current: await currentText(ctx, account.id), values, problems }), 400);
      }
      await platform.hints.change(account, hint.hint, request.lang, requesterOf(request));
      return reply.redirect(`${PAGE}?done=saved`, 303);
    });
  }
}
