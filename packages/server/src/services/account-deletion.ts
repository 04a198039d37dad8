/**
 * 刪除帳號 (個資法 Article 3, issue 7): after the password (checked by the route, through the password method)
 * and the account name typed again, the account row goes — cards, e-mail links, password history, TOTP and
 * recovery codes cascade with it —, every session ends, and the password counters of its name are dropped.
 * The audit trail stays: its rows are keyed by the account id and carry no name, ID number or address.
 * The last notice is mailed before the address is gone.
 */
import type { Kysely } from 'kysely';
import { normaliseAccountName, type Lang } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { deleteAccount } from '../store/accounts';
import type { Account, Requester } from './accounts';
import type { Audit } from './audit';
import type { LoginLocks } from './login-locks';
import type { SecurityMail } from './security-mail';
import type { SessionManager } from './sessions/manager';

export interface AccountDeletionDeps {
  readonly db: Kysely<Database>;
  readonly sessions: SessionManager;
  readonly locks: LoginLocks;
  readonly audit: Audit;
  readonly securityMail: SecurityMail;
}

export type AccountDeletionResult =
  | { readonly outcome: 'deleted'; readonly sessionsEnded: number }
  | { readonly outcome: 'password_wrong' }
  | { readonly outcome: 'name_differs' };

export function createAccountDeletion(deps: AccountDeletionDeps) {
  const { db, audit } = deps;
  return {
    /**
     * Deletes `account` when the password the caller checked was right (`passwordOk`) and `typedName` is its
     * account name; nothing happens otherwise.
     */
    async delete(account: Account, confirmation: { passwordOk: boolean; typedName: string }, lang: Lang, from: Requester): Promise<AccountDeletionResult> {
      if (!confirmation.passwordOk) {
        await audit.record({ event: 'account.delete', outcome: 'refused', accountId: account.id, ...from, detail: { reason: 'password' } });
        return { outcome: 'password_wrong' };
      }
      if (normaliseAccountName(confirmation.typedName) !== account.accountName) {
        await audit.record({ event: 'account.delete', outcome: 'refused', accountId: account.id, ...from, detail: { reason: 'name_differs' } });
        return { outcome: 'name_differs' };
      }
      await deps.securityMail.notify(account, 'account_deleted', lang);
      await deleteAccount(db, account.id);
      const sessionsEnded = await deps.sessions.endAllOf(account.id);
      await deps.locks.unlock(account.accountName);
      await audit.record({ event: 'account.delete', outcome: 'success', accountId: account.id, ...from, detail: { sessionsEnded } });
      return { outcome: 'deleted', sessionsEnded };
    },
  };
}

export type AccountDeletion = ReturnType<typeof createAccountDeletion>;
