/**
 * Password locks per account name (DESIGN.md "Abuse limits and locks"): five failures on a name — known or
 * not — lock password sign-in for that name; the lock lasts 15 minutes and doubles with each repeat in the
 * same series (at most a day); failures older than a day are forgotten, and a series ends a day after its
 * last lock, so a stranger cannot lock a citizen out for good. A correct password clears the counter.
 *
 * Each attempt is counted before its password is checked (`begin`), and the count taken back by a success
 * (`settle`): attempts made at the same moment see each other, so a burst cannot test more than five passwords
 * before the lock lands.
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
  /**
   * Before a password is checked: the name's lock, or this attempt counted. Locked (nothing may be checked) when
   * the name is locked or attempts at the same moment have used up what was left.
   */
  begin(accountName: string): Promise<LockState>;
  /** After an allowed attempt: a success clears the counter; a failure (already counted) may lock the name. */
  settle(accountName: string, succeeded: boolean): Promise<{ readonly lockedNow: boolean; readonly until?: number }>;
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

    async begin(accountName) {
      const now = clock.now();
      const row = await selectLoginFailures(db, accountName);
      if (row?.locked_until && row.locked_until > now) return { locked: true, until: row.locked_until };
      const forgetBefore = now - LOCK_POLICY.failureMemoryMs;
      // One atomic statement counts the attempt, so concurrent attempts cannot slip under the limit.
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
      const lockedMeanwhile = counted.locked_until !== null && counted.locked_until > now;
      if (!lockedMeanwhile && counted.failures <= LOCK_POLICY.maxFailures) return { locked: false };
      // Others at the same moment used up what was left (or locked the name): this one is not checked.
      await db
        .updateTable('login_failures')
        .set({ failures: sql<number>`CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END` })
        .where('account_name', '=', accountName)
        .execute();
      return { locked: true, until: lockedMeanwhile ? counted.locked_until! : now + lockLength(counted.lock_count + 1) };
    },

    async settle(accountName, succeeded) {
      if (succeeded) {
        await deleteLoginFailures(db, accountName);
        return { lockedNow: false };
      }
      const now = clock.now();
      const row = await selectLoginFailures(db, accountName);
      if (!row || row.failures < LOCK_POLICY.maxFailures) return { lockedNow: false };
      // A series of locks ends a day after the last one; otherwise each lock doubles the previous.
      const seriesOver = row.locked_until !== null && now - row.locked_until > LOCK_POLICY.seriesMemoryMs;
      const lockNumber = (seriesOver ? 0 : row.lock_count) + 1;
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

    unlock: (accountName) => deleteLoginFailures(db, accountName),
  };
}
