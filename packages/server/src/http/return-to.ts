/**
 * Where a browser goes after it signs in: 我的帳戶, or back to the agency sign-in that sent it to the login page
 * (an OpenID Connect interaction). Kept in the session, which a sign-in carries it over (sessions/manager.ts).
 */
import type { FastifyRequest } from 'fastify';
import type { SessionManager } from '../services/sessions/manager';

const INTERACTION = /^\/interaction\/[A-Za-z0-9_-]{1,64}$/;

export function afterSignIn(request: FastifyRequest): string {
  const returnTo = request.session?.record.data.returnTo;
  return typeof returnTo === 'string' && INTERACTION.test(returnTo) ? returnTo : '/account';
}

export async function setReturnTo(request: FastifyRequest, sessions: SessionManager, path: string | null): Promise<void> {
  if (!request.session) return;
  if (path !== null && !INTERACTION.test(path)) throw new TypeError(`setReturnTo: not an interaction path: ${path}`);
  request.session = await sessions.update(request.session, { returnTo: path });
}
