/**
 * The TOTP and hint-answer counters on both engines: five failures in a row pause the route, a pause ends by
 * itself, a success clears the run but not the day's count, the daily cap closes the route until the day is
 * over, and attempts made at the same moment cannot together get past the limit.
 */
import { describe, expect, it } from 'vitest';
import { createAttemptLimits, type AttemptLimits, type AttemptPolicy } from '../../src/services/attempt-limits';
import { manualClock } from '../support/platform';
import { storageEngines, useStore } from './engines';

const MINUTE = 60_000;
const POLICY: AttemptPolicy = { maxFailures: 5, pauseMs: 15 * MINUTE, dailyCap: 12 };

const engines = await storageEngines();

/** One attempt that fails, as a route makes it: begin, check (wrong), settle. */
async function fail(limits: AttemptLimits, key: string) {
  const allowed = await limits.begin(key, POLICY);
  return allowed.paused ? allowed : limits.settle(key, POLICY, false);
}

async function failTimes(limits: AttemptLimits, key: string, n: number) {
  let last;
  for (let i = 0; i < n; i++) last = await fail(limits, key);
  return last!;
}

async function succeed(limits: AttemptLimits, key: string) {
  expect(await limits.begin(key, POLICY)).toEqual({ paused: false });
  return limits.settle(key, POLICY, true);
}

for (const engine of engines) {
  describe.skipIf(!engine.available)(`attempt limits on ${engine.name}`, () => {
    const store = useStore(engine);

    it('pauses after five failures in a row, for the pause’s length, then counts afresh', async () => {
      const clock = manualClock();
      const limits = createAttemptLimits(store().db, clock);
      expect(await failTimes(limits, 'totp:a', 4)).toEqual({ paused: false });
      expect(await fail(limits, 'totp:a')).toEqual({ paused: true, until: clock.now() + 15 * MINUTE });
      // Paused: nothing is checked.
      expect(await limits.begin('totp:a', POLICY)).toMatchObject({ paused: true });
      // Another key is not touched.
      expect(await limits.state('totp:b', POLICY)).toEqual({ paused: false });
      clock.advance(15 * MINUTE + 1);
      expect(await limits.state('totp:a', POLICY)).toEqual({ paused: false });
      expect(await failTimes(limits, 'totp:a', 4)).toEqual({ paused: false });
    });

    it('clears the run on success, and keeps the day’s failures for the daily cap', async () => {
      const clock = manualClock();
      const limits = createAttemptLimits(store().db, clock);
      const dayStart = clock.now();
      // 4 + success, twice, then 3 more: never five in a row, eleven failures in the day (successes do not count).
      for (let round = 0; round < 2; round++) {
        expect(await failTimes(limits, 'hint:c', 4)).toEqual({ paused: false });
        expect(await succeed(limits, 'hint:c')).toEqual({ paused: false });
      }
      expect(await failTimes(limits, 'hint:c', 3)).toEqual({ paused: false });
      // The twelfth closes the route until the day that began with the first failure is over.
      expect(await fail(limits, 'hint:c')).toEqual({ paused: true, until: dayStart + 24 * 60 * MINUTE });
      clock.advance(24 * 60 * MINUTE + 1);
      expect(await limits.state('hint:c', POLICY)).toEqual({ paused: false });
      // The run of four is still there: a fifth in a row pauses, a new day or not.
      expect(await fail(limits, 'hint:c')).toMatchObject({ paused: true });
      await limits.clear('hint:c');
      expect(await limits.state('hint:c', POLICY)).toEqual({ paused: false });
    });

    it('lets no more than five of a burst of guesses be checked', async () => {
      const limits = createAttemptLimits(store().db, manualClock());
      const answers = await Promise.all(Array.from({ length: 12 }, () => limits.begin('totp:burst', POLICY)));
      expect(answers.filter((a) => !a.paused)).toHaveLength(5);
      for (let i = 0; i < 5; i++) await limits.settle('totp:burst', POLICY, false);
      expect(await limits.state('totp:burst', POLICY)).toMatchObject({ paused: true });
    });
  });
}
