/**
 * Proving who you are with account name and password. One generic failure for a wrong name or password,
 * with the same work done for both; locks per name as services/login-locks.ts describes, checked before the
 * password so that a locked name answers 鎖定 whatever is typed; a pending or disabled account is told so only
 * after its correct password.
 */
import { normaliseAccountName, normalisePassword, PASSWORD_MAX, type Acr, type Amr, type Lang } from '@menhu/protocol';
import type { Accounts, Requester } from '../services/accounts';
import type { Audit } from '../services/audit';
import type { LoginLocks } from '../services/login-locks';
import { spendVerificationTime, verifyPassword } from '../services/passwords';
import type { Clock } from '../services/clock';
import type { SecurityMail } from '../services/security-mail';

/** What a successful proof yields, the same for every method (logto's "verification record"). */
export interface VerifiedIdentity {
  readonly accountId: string;
  readonly acr: Acr;
  readonly amr: readonly Amr[];
}

export type PasswordResult =
  | { readonly outcome: 'verified'; readonly identity: VerifiedIdentity }
  | { readonly outcome: 'failed' }
  | { readonly outcome: 'locked'; readonly minutesLeft: number }
  | { readonly outcome: 'pending'; readonly accountId: string }
  | { readonly outcome: 'disabled' };

export interface PasswordMethodDeps {
  readonly accounts: Accounts;
  readonly locks: LoginLocks;
  readonly audit: Audit;
  readonly clock: Clock;
  /** Tells the owner of an existing account that it was locked (issue 7). */
  readonly securityMail?: SecurityMail;
}

export function createPasswordMethod({ accounts, locks, audit, clock, securityMail }: PasswordMethodDeps) {
  return {
    async verify(accountNameInput: string, passwordInput: string, from: Requester, lang: Lang = 'zh-TW'): Promise<PasswordResult> {
      const name = normaliseAccountName(accountNameInput).slice(0, 64);
      const password = normalisePassword(passwordInput).slice(0, PASSWORD_MAX * 4);
      const detail = { method: 'pwd', account_name: name };

      // Counted before the password is checked (login-locks.ts), so a burst cannot get past five.
      const lock = await locks.begin(name);
      if (lock.locked) {
        await audit.record({ event: 'login.password', outcome: 'refused', ...from, detail: { ...detail, reason: 'locked' } });
        return { outcome: 'locked', minutesLeft: Math.max(1, Math.ceil((lock.until - clock.now()) / 60_000)) };
      }

      const found = await accounts.byName(name);
      const ok = found ? await verifyPassword(found.row.password_hash, password) : (await spendVerificationTime(password), false);
      if (!found || !ok) {
        const counted = await locks.settle(name, false);
        await audit.record({ event: 'login.password', outcome: 'failure', accountId: found?.row.id ?? null, ...from, detail });
        if (counted.lockedNow) {
          await audit.record({ event: 'login.lock', outcome: 'info', accountId: found?.row.id ?? null, ...from, detail: { ...detail, until: counted.until } });
          // The owner hears of it; a name without an account has no one to tell (and the answer is the same).
          if (found && found.row.status !== 'disabled') await securityMail?.notify(found.account, 'locked', lang);
          return { outcome: 'locked', minutesLeft: Math.ceil((counted.until! - clock.now()) / 60_000) };
        }
        return { outcome: 'failed' };
      }

      await locks.settle(name, true);
      const accountId = found.row.id;
      if (found.row.status === 'pending') {
        await audit.record({ event: 'login.password', outcome: 'refused', accountId, ...from, detail: { ...detail, reason: 'not_activated' } });
        return { outcome: 'pending', accountId };
      }
      if (found.row.status === 'disabled') {
        await audit.record({ event: 'login.password', outcome: 'refused', accountId, ...from, detail: { ...detail, reason: 'disabled' } });
        return { outcome: 'disabled' };
      }
      await audit.record({ event: 'login.password', outcome: 'success', accountId, ...from, detail });
      return { outcome: 'verified', identity: { accountId, acr: 'low', amr: ['pwd'] } };
    },
  };
}

export type PasswordMethod = ReturnType<typeof createPasswordMethod>;
