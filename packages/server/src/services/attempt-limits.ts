/**
 * Counters for the routes that have their own limits apart from the password lock (DESIGN.md "Abuse limits"):
 * TOTP codes (five failures pause TOTP for 15 minutes) and hint answers (five failures close the route for an
 * hour), each with a daily cap. One row per route and account. Each attempt is counted (one atomic upsert)
 * before its code or answer is checked and taken back if it succeeds, so attempts made at the same moment
 * cannot together get past a limit.
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
  /**
   * Before checking a code or an answer: counts the attempt as a failure at once, so that attempts made at the
   * same moment see each other and no burst gets past the limits. Paused (nothing may be checked) when the
   * route is paused or this attempt would go over a limit. Follow an allowed attempt with `settle`.
   */
  begin(key: string, policy: AttemptPolicy): Promise<AttemptState>;
  /** After an allowed attempt: a success takes its count back and clears the run; a failure may pause. */
  settle(key: string, policy: AttemptPolicy, succeeded: boolean): Promise<AttemptState>;
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

  /** Counts one failure (in a row and in the day) in one atomic statement; the counts after it. */
  async function count(key: string): Promise<{ failures: number; day_failures: number; paused_until: number | null }> {
    const now = clock.now();
    const newDay = now - DAY;
    return db
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
      .returning(['failures', 'day_failures', 'paused_until'])
      .executeTakeFirstOrThrow();
  }

  /** Takes back one counted attempt (a success, or an attempt refused for going over a limit). */
  async function uncount(key: string, clearRun: boolean): Promise<void> {
    await db
      .updateTable('attempt_counters')
      .set({
        failures: clearRun ? 0 : sql<number>`CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END`,
        day_failures: sql<number>`CASE WHEN day_failures > 0 THEN day_failures - 1 ELSE 0 END`,
      })
      .where('key', '=', key)
      .execute();
  }

  async function pauseIfDue(key: string, policy: AttemptPolicy): Promise<void> {
    await db
      .updateTable('attempt_counters')
      .set({ paused_until: clock.now() + policy.pauseMs, failures: 0 })
      .where('key', '=', key)
      .where('failures', '>=', policy.maxFailures)
      .execute();
  }

  return {
    state,

    async begin(key, policy) {
      const before = await state(key, policy);
      if (before.paused) return before;
      const counted = await count(key);
      const pausedMeanwhile = counted.paused_until !== null && counted.paused_until > clock.now();
      if (pausedMeanwhile || counted.failures > policy.maxFailures || counted.day_failures > policy.dailyCap) {
        // Others at the same moment used up what was left: this one is not checked, and not counted.
        await uncount(key, false);
        await pauseIfDue(key, policy);
        const after = await state(key, policy);
        return after.paused ? after : { paused: true, until: clock.now() + policy.pauseMs };
      }
      return { paused: false };
    },

    async settle(key, policy, succeeded) {
      if (succeeded) await uncount(key, true);
      else await pauseIfDue(key, policy);
      return state(key, policy);
    },

    async clear(key) {
      await db.deleteFrom('attempt_counters').where('key', '=', key).execute();
    },
  };
}
