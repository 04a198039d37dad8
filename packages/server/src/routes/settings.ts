/** 我的帳戶's settings pages: password, e-mail, sessions, sign-in history, personal data, deleting the account. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps';

export function settingsRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Built in issue 7.
}
