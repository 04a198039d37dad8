/**
 * Counters for the routes that have their own limits apart from the password lock (DESIGN.md "Abuse limits"):
 * TOTP codes (five failures pause TOTP for 15 minutes) and hint answers (five failures close the route for an
 * hour), each with a daily cap. One row per route and account; every failure is counted by one atomic upsert.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { Clock } from './clock';

const DAY = 24 * 3600_000;

export interface AttemptPolicy {
  /** Failures in a row that pause the route. */
  readonly maxFailures: number;
  /** How long a pause lasts. */
  readonly pauseMs: number;
  /** Failures in a day after which the route stays closed until that day is over. */
  readonly dailyCap: number;
}

export type AttemptState = { readonly paused: false } | { readonly paused: true; readonly until: number };

export interface AttemptLimits {
  state(key: string, policy: AttemptPolicy): Promise<AttemptState>;
  /** Counts a failure; the state after it (paused when this one reached a limit). */
  recordFailure(key: string, policy: AttemptPolicy): Promise<AttemptState>;
  /** A success clears the failures in a row; the day's count stays, so the daily cap still holds. */
  recordSuccess(key: string): Promise<void>;
  /** Clears everything (an operator, or the card proving the person). */
  clear(key: string): Promise<void>;
}

export function createAttemptLimits(db: Kysely<Database>, clock: Clock): AttemptLimits {
  async function state(key: string, policy: AttemptPolicy): Promise<AttemptState> {
    const row = await db.selectFrom('attempt_counters').selectAll().where('key', '=', key).executeTakeFirst();
    const now = clock.now();
    if (!row) return { paused: false };
    if (row.paused_until !== null && row.paused_until > now) return { paused: true, until: row.paused_until };
    if (now - row.day_start < DAY && row.day_failures >= policy.dailyCap) return { paused: true, until: row.day_start + DAY };
    return { paused: false };
  }

  return {
    state,

    async recordFailure(key, policy) {
      const now = clock.now();
      const newDay = now - DAY;
      const counted = await db
        .insertInto('attempt_counters')
        .values({ key, failures: 1, window_start: now, paused_until: null, day_start: now, day_failures: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            // A pause that has ended starts a new run of failures.
            failures: sql<number>`CASE WHEN attempt_counters.paused_until IS NOT NULL AND attempt_counters.paused_until <= ${now} THEN 1 ELSE attempt_counters.failures + 1 END`,
            paused_until: sql<number | null>`CASE WHEN attempt_counters.paused_until IS NOT NULL AND attempt_counters.paused_until <= ${now} THEN NULL ELSE attempt_counters.paused_until END`,
            day_failures: sql<number>`CASE WHEN attempt_counters.day_start < ${newDay} THEN 1 ELSE attempt_counters.day_failures + 1 END`,
            day_start: sql<number>`CASE WHEN attempt_counters.day_start < ${newDay} THEN ${now} ELSE attempt_counters.day_start END`,
          }),
        )
        .returning(['failures'])
        .executeTakeFirstOrThrow();
      if (counted.failures >= policy.maxFailures) {
        await db
          .updateTable('attempt_counters')
          .set({ paused_until: now + policy.pauseMs, failures: 0 })
          .where('key', '=', key)
          .execute();
      }
      return state(key, policy);
    },

    async recordSuccess(key) {
      await db.updateTable('attempt_counters').set({ failures: 0 }).where('key', '=', key).execute();
    },

    async clear(key) {
      await db.deleteFrom('attempt_counters').where('key', '=', key).execute();
    },
  };
}
