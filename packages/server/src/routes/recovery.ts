/** 忘記密碼 and 忘記帳號 beyond the card: the password-hint question, and links by e-mail. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps';

export function recoveryRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Built in issue 7.
}
