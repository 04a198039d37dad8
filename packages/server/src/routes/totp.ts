/** 軟體式動態密碼 (TOTP, RFC 6238): enrolment and turning it off in 我的帳戶, recovery codes, and the sign-in step. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps';

export function totpRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Built in issue 7.
}
