/**
 * Password locks per account name (DESIGN.md "Abuse limits and locks"): five failures on a name — known or
 * not — lock password sign-in for that name; the lock lasts 15 minutes and doubles with each repeat in the
 * same series (at most a day); failures older than a day are forgotten, and a series ends a day after its
 * last lock, so a stranger cannot lock a citizen out for good. A correct password clears the counter.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { deleteLoginFailures, selectLoginFailures } from '../store/login-failures';
import type { Clock } from './clock';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const LOCK_POLICY = {
  maxFailures: 5,
  failureMemoryMs: DAY,
  firstLockMs: 15 * MINUTE,
  longestLockMs: DAY,
  seriesMemoryMs: DAY,
} as const;

export type LockState = { readonly locked: false } | { readonly locked: true; readonly until: number };

export interface LoginLocks {
  state(accountName: string): Promise<LockState>;
  /** Counts a failure; says whether this failure locked the name. */
  recordFailure(accountName: string): Promise<{ readonly lockedNow: boolean; readonly until?: number }>;
  recordSuccess(accountName: string): Promise<void>;
  /** Lifts a lock at once (the card, or an operator); true when there was something to lift. */
  unlock(accountName: string): Promise<boolean>;
}

export function lockLength(lockNumber: number): number {
  return Math.min(LOCK_POLICY.firstLockMs * 2 ** Math.max(0, lockNumber - 1), LOCK_POLICY.longestLockMs);
}

export function createLoginLocks(db: Kysely<Database>, clock: Clock): LoginLocks {
  return {
    async state(accountName) {
      const row = await selectLoginFailures(db, accountName);
      const now = clock.now();
      return row?.locked_until && row.locked_until > now ? { locked: true, until: row.locked_until } : { locked: false };
    },

    async recordFailure(accountName) {
      const now = clock.now();
      const forgetBefore = now - LOCK_POLICY.failureMemoryMs;
      // One atomic statement counts the failure, so concurrent attempts cannot slip under the limit.
      const counted = await db
        .insertInto('login_failures')
        .values({ account_name: accountName, failures: 1, last_failure_at: now, locked_until: null, lock_count: 0 })
        .onConflict((oc) =>
          oc.column('account_name').doUpdateSet({
            failures: sql<number>`CASE WHEN login_failures.last_failure_at < ${forgetBefore} THEN 1 ELSE login_failures.failures + 1 END`,
            last_failure_at: now,
          }),
        )
        .returning(['failures', 'lock_count', 'locked_until'])
        .executeTakeFirstOrThrow();
      if (counted.failures < LOCK_POLICY.maxFailures) return { lockedNow: false };

      // A series of locks ends a day after the last one; otherwise each lock doubles the previous.
      const seriesOver = counted.locked_until !== null && now - counted.locked_until > LOCK_POLICY.seriesMemoryMs;
      const lockNumber = (seriesOver ? 0 : counted.lock_count) + 1;
      const until = now + lockLength(lockNumber);
      // Only the attempt that still sees the full count applies the lock (concurrent ones find failures = 0).
      const applied = await db
        .updateTable('login_failures')
        .set({ failures: 0, locked_until: until, lock_count: lockNumber })
        .where('account_name', '=', accountName)
        .where('failures', '>=', LOCK_POLICY.maxFailures)
        .executeTakeFirst();
      return Number(applied.numUpdatedRows) === 1 ? { lockedNow: true, until } : { lockedNow: false };
    },

    async recordSuccess(accountName) {
      await deleteLoginFailures(db, accountName);
    },

    unlock: (accountName) => deleteLoginFailures(db, accountName),
  };
}
