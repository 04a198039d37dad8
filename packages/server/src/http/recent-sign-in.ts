/**
 * Changing a setting needs a recent sign-in (issue 7: re-authenticate after 10 minutes). A settings route
 * asks `signedInAccount(request, platform, { recent: true })`; when the sign-in is older, it sends the browser to
 * /account/reauth with the page to come back to.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../platform';
import type { Account } from '../services/accounts';
import { ORGANISATION_SUBJECT_PREFIX } from '../services/card-login';

export const RECENT_SIGN_IN_MS = 10 * 60_000;

/** Where /account/reauth may send the browser back to: only this platform's own account pages. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/account(\/[a-z0-9/-]*)?$/.test(value) ? value : '/account';
}

export function signedInRecently(request: FastifyRequest, now: number): boolean {
  const authTime = request.session?.record.authTime;
  return authTime !== null && authTime !== undefined && now - authTime * 1000 <= RECENT_SIGN_IN_MS;
}

/** The account signed in on this request (not an organisation's sign-in), or undefined. */
export async function signedInAccount(request: FastifyRequest, platform: Platform): Promise<Account | undefined> {
  const accountId = request.session?.record.accountId;
  if (!accountId || accountId.startsWith(ORGANISATION_SUBJECT_PREFIX)) return undefined;
  const account = await platform.accounts.byId(accountId);
  return account && account.status !== 'disabled' ? account : undefined;
}

/**
 * For a settings route: the signed-in account when its sign-in is recent. Otherwise it answers itself — to the
 * login page without a sign-in, to re-authentication with `returnTo` when the sign-in is old — and gives back
 * undefined; the route then returns the reply.
 */
export async function accountForChange(
  request: FastifyRequest,
  reply: FastifyReply,
  platform: Platform,
  returnTo: string,
): Promise<Account | undefined> {
  const account = await signedInAccount(request, platform);
  if (!account) {
    await reply.redirect('/login', 303);
    return undefined;
  }
  if (!signedInRecently(request, platform.clock.now())) {
    await reply.redirect(`/account/reauth?return=${encodeURIComponent(safeReturnPath(returnTo))}`, 303);
    return undefined;
  }
  return account;
}
