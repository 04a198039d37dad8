/** 加入會員 (registration) and the e-mail activation link. */
import type { FastifyInstance } from 'fastify';
import { MenhuError } from '@menhu/protocol';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { RegisterPage } from '../views/RegisterPage';
import { NoticePage } from '../views/NoticePage';
import { linkButtonRoute } from './link-button';
import type { RouteDeps } from './deps';

const REGISTRATIONS_PER_MINUTE = 20;

export function registerRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  const minLength = platform.config.passwordMinLength;

  app.get('/register', async (request, reply) => {
    await ensureSession(request, platform.sessions);
    return sendPage(reply, RegisterPage({ ctx: pageContext(request, reply, platform.sessions), passwordMinLength: minLength }));
  });

  app.post('/register', { config: { maxFieldLength: 256, rateLimit: { max: REGISTRATIONS_PER_MINUTE, timeWindow: 60_000 } } }, async (request, reply) => {
    const values = {
      accountName: field(request, 'accountName'),
      displayName: field(request, 'displayName'),
      idNumber: field(request, 'idNumber'),
      email: field(request, 'email'),
      consent: field(request, 'consent') === 'yes',
    };
    // The optional 密碼提示問題, checked and its answer hashed before anything else: its argon2 work is done
    // whether or not an account is then made, so the time taken tells nothing about a taken address.
    const hintValues = { hintQuestion: field(request, 'hintQuestion'), hintOwn: field(request, 'hintOwn') };
    const hint = await platform.hints.prepare({ choice: hintValues.hintQuestion, own: hintValues.hintOwn, answer: field(request, 'hintAnswer') }, false);
    if (!hint.ok) {
      const ctx = pageContext(request, reply, platform.sessions);
      return sendPage(reply, RegisterPage({ ctx, passwordMinLength: minLength, values, hintValues, hintProblems: hint.problems }), 400);
    }
    const result = await platform.accounts.register(
      { ...values, password: field(request, 'password'), passwordConfirm: field(request, 'passwordConfirm') },
      request.lang,
      requesterOf(request),
    );
    const ctx = pageContext(request, reply, platform.sessions);
    if (!result.ok) {
      return sendPage(reply, RegisterPage({ ctx, passwordMinLength: minLength, values, problems: result.problems, hintValues }), 400);
    }
    if (result.accountId && hint.hint) await platform.hints.setAtRegistration(result.accountId, hint.hint, requesterOf(request));
    // The same page whether or not the address already had an account (its owner was mailed instead).
    return sendPage(
      reply,
      NoticePage({ ctx, title: ctx.t('register.doneTitle'), message: ctx.t('register.doneBody', { email: result.email }), link: { href: '/login', text: ctx.t('feature.backToLogin') } }),
    );
  });

  linkButtonRoute(app, { platform, headers }, '/activate/email', { title: 'activate.title', message: 'activate.confirm', button: 'activate.submit' });

  app.post('/activate/email', async (request, reply) => {
    const account = await platform.accounts.activate(field(request, 'token'), requesterOf(request));
    const ctx = pageContext(request, reply, platform.sessions);
    if (!account) throw new MenhuError('ERR_LINK_INVALID', 400);
    return sendPage(
      reply,
      NoticePage({ ctx, title: ctx.t('activate.doneTitle'), message: ctx.t('activate.doneBody'), link: { href: '/login', text: ctx.t('site.login') } }),
    );
  });

  app.post('/activate/resend', { config: { rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request, reply) => {
    // Only a browser that gave the account's correct password has it in its session (routes/login.ts).
    const pending = request.session?.record.data.pendingAccountId;
    if (typeof pending !== 'string') throw new MenhuError('ERR_SESSION_EXPIRED', 403);
    const outcome = await platform.accounts.resendActivation(pending, request.lang, requesterOf(request));
    if (outcome === 'not_pending') return reply.redirect('/login', 303);
    const ctx = pageContext(request, reply, platform.sessions);
    const message = ctx.t(outcome === 'sent' ? 'activate.resentBody' : 'activate.resendTooSoon');
    return sendPage(
      reply,
      NoticePage({ ctx, title: ctx.t('activate.pendingTitle'), message, link: { href: '/login', text: ctx.t('feature.backToLogin') } }),
    );
  });
}
