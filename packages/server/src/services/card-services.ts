/**
 * The account services the card offers on the login page (issue 6): 以自然人憑證啟用帳號 (activate, and lift a
 * password lock at once) and 以自然人憑證重設密碼. Each needs a verified card whose holder's name and last four ID
 * digits match the account's; a name that matches no account gets the same answer as a mismatch.
 */
import type { Kysely } from 'kysely';
import { checkPassword, normaliseAccountName, normalisePassword } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { updateAccountStatus, updatePasswordHash } from '../store/accounts';
import type { Accounts, FieldProblem, Requester } from './accounts';
import type { Audit } from './audit';
import type { Clock } from './clock';
import type { LoginLocks } from './login-locks';
import type { SessionManager } from './sessions/manager';
import { CardLoginError, type PendingCard } from './card-login';
import { hashPassword, isCommonPassword } from './passwords';

export interface CardServicesDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly accounts: Accounts;
  readonly locks: LoginLocks;
  readonly sessions: SessionManager;
  readonly audit: Audit;
  readonly passwordMinLength: number;
}

export function createCardServices(deps: CardServicesDeps) {
  const { db, accounts, audit } = deps;

  /** The account named, if the card's holder is its holder; else the one answer for every other case. */
  async function matching(card: PendingCard, accountName: string, event: string, from: Requester) {
    const found = await accounts.byName(normaliseAccountName(accountName));
    const account = found?.account;
    if (!account || account.displayName.normalize('NFC') !== card.name.normalize('NFC') || account.idLast4 !== card.idLast4) {
      await audit.record({ event, outcome: 'refused', accountId: account?.id ?? null, ...from, detail: { reason: 'mismatch', via: 'card', serial: card.serial } });
      throw new CardLoginError('ERR_CARD_MISMATCH', 'name or ID digits differ, or no such account');
    }
    if (account.status === 'disabled') {
      await audit.record({ event, outcome: 'refused', accountId: account.id, ...from, detail: { reason: 'disabled', via: 'card' } });
      throw new CardLoginError('ERR_ACCOUNT_DISABLED', 'account disabled');
    }
    return account;
  }

  return {
    async activate(card: PendingCard, accountName: string, from: Requester): Promise<void> {
      const account = await matching(card, accountName, 'account.activate', from);
      if (account.status === 'pending') await updateAccountStatus(db, account.id, 'active', { activatedAt: deps.clock.now() });
      const lifted = await deps.locks.unlock(account.accountName);
      await audit.record({ event: 'account.activate', outcome: 'success', accountId: account.id, ...from, detail: { via: 'card', serial: card.serial, lockLifted: lifted } });
    },

    /** Sets a new password; returns the field problem when the new password breaks the rules. */
    async resetPassword(card: PendingCard, accountName: string, password: string, confirm: string, from: Requester): Promise<FieldProblem | undefined> {
      const account = await matching(card, accountName, 'account.password_reset', from);
      const problem = checkPassword(password, account.accountName, { minLength: deps.passwordMinLength, isCommon: isCommonPassword });
      if (problem) return { code: problem, params: { min: deps.passwordMinLength } };
      if (normalisePassword(password) !== normalisePassword(confirm)) return { code: 'ERR_PASSWORD_MISMATCH' };
      await updatePasswordHash(db, account.id, await hashPassword(normalisePassword(password)));
      // DESIGN.md "Abuse limits": a password reset ends every session of the account, and lifts a lock.
      const ended = await deps.sessions.endAllOf(account.id);
      await deps.locks.unlock(account.accountName);
      await audit.record({ event: 'account.password_reset', outcome: 'success', accountId: account.id, ...from, detail: { via: 'card', serial: card.serial, sessionsEnded: ended } });
      return undefined;
    },
  };
}

export type CardServices = ReturnType<typeof createCardServices>;
