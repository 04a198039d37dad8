/**
 * 以自然人憑證啟用帳號, 以自然人憑證重設密碼 and 以自然人憑證查詢帳號: pages, and the posts their card panels make.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ensureSession } from '../http/session';
import { pageContext, sendPage } from '../http/render';
import { field, requesterOf } from '../http/requester';
import { CardServicePage } from '../views/CardServicePage';
import { AccountNamesPage } from '../views/AccountNamesPage';
import type { RouteDeps } from './deps';
import { cardAnswerOf, MAX_CARD_FIELD, sendCardFailure } from './card-answer';

/** Found account names wait this long in the session for the page that shows them (once). */
const FOUND_NAMES_MS = 5 * 60_000;
const FOUND_NAMES_KEY = 'foundAccountNames';
const ACCOUNT_PAGE = '/recover/account/card';

interface FoundNames {
  readonly names: readonly string[];
  readonly at: number;
}

function isFoundNames(value: unknown): value is FoundNames {
  if (typeof value !== 'object' || value === null) return false;
  const { names, at } = value as Record<string, unknown>;
  return Array.isArray(names) && names.every((n) => typeof n === 'string') && typeof at === 'number';
}

export function cardServiceRoutes(app: FastifyInstance, { platform, headers }: RouteDeps): void {
  const { cardLogin, cardServices } = platform;
  if (!cardLogin || !cardServices) return;

  for (const [path, purpose] of [['/activate/card', 'activate'], ['/recover/card', 'reset'], [ACCOUNT_PAGE, 'account']] as const) {
    app.get(path, { helmet: headers.withComponent }, async (request, reply) => {
      await ensureSession(request, platform.sessions);
      const ctx = pageContext(request, reply, platform.sessions);
      return sendPage(reply, CardServicePage({ ctx, purpose, signerUrl: platform.config.signerUrl.origin }));
    });
  }

  const config = { maxFieldLength: MAX_CARD_FIELD, rateLimit: { max: 30, timeWindow: 60_000 } };

  app.post('/card-service/activate', { helmet: headers.signIn, config }, async (request, reply) => {
    try {
      const card = await cardLogin.verifyCard(request.session!.record.id, cardAnswerOf(request), requesterOf(request), 'account.activate');
      await cardServices.activate(card, field(request, 'account'), requesterOf(request));
      return { redirect: '/login?done=activated' };
    } catch (err) {
      return sendCardFailure(request, reply, platform.sessions, err);
    }
  });

  app.post('/card-service/reset', { helmet: headers.signIn, config }, async (request, reply) => {
    try {
      const card = await cardLogin.verifyCard(request.session!.record.id, cardAnswerOf(request), requesterOf(request), 'account.password_reset');
      const problem = await cardServices.resetPassword(card, field(request, 'account'), field(request, 'password'), field(request, 'passwordConfirm'), request.lang, requesterOf(request));
      if (problem) {
        const ctx = pageContext(request, reply, platform.sessions);
        return reply.code(400).send({ error: problem.code, message: ctx.t(problem.code, problem.params) });
      }
      return { redirect: '/login?done=reset' };
    } catch (err) {
      return sendCardFailure(request, reply, platform.sessions, err);
    }
  });

  app.post('/card-service/account', { helmet: headers.signIn, config }, async (request, reply) => {
    try {
      const card = await cardLogin.verifyCard(request.session!.record.id, cardAnswerOf(request), requesterOf(request), 'account.recover_name');
      const result = await cardServices.findAccountNames(card, field(request, 'idNumber'), requesterOf(request));
      if (!result.found) {
        const ctx = pageContext(request, reply, platform.sessions);
        return reply.code(400).header('cache-control', 'no-store').send({ error: result.problem.code, message: ctx.t(result.problem.code, result.problem.params) });
      }
      // The names go to a page, not into the script's JSON: the session holds them until that page is shown.
      const found: FoundNames = { names: result.names, at: platform.clock.now() };
      request.session = await platform.sessions.update(request.session!, { [FOUND_NAMES_KEY]: found });
      return { redirect: `${ACCOUNT_PAGE}/result` };
    } catch (err) {
      return sendCardFailure(request, reply, platform.sessions, err);
    }
  });

  /** The names the last look-up found, if recent; taken out of the session so they are shown only once. */
  async function takeFoundNames(request: FastifyRequest): Promise<FoundNames | undefined> {
    const session = request.session;
    const found = session?.record.data[FOUND_NAMES_KEY];
    if (!session || found === undefined || found === null) return undefined;
    request.session = await platform.sessions.update(session, { [FOUND_NAMES_KEY]: null });
    return isFoundNames(found) && platform.clock.now() - found.at < FOUND_NAMES_MS ? found : undefined;
  }

  app.get(`${ACCOUNT_PAGE}/result`, async (request, reply) => {
    const found = await takeFoundNames(request);
    if (!found) return reply.redirect(ACCOUNT_PAGE, 303);
    return sendPage(reply, AccountNamesPage({ ctx: pageContext(request, reply, platform.sessions), names: found.names }));
  });
}
