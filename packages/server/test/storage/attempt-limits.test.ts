/**
 * The TOTP and hint-answer counters on both engines: five failures in a row pause the route, a pause ends by
 * itself, a success clears the run but not the day's count, and the daily cap closes the route until the day
 * is over.
 */
import { describe, expect, it } from 'vitest';
import { createAttemptLimits, type AttemptPolicy } from '../../src/services/attempt-limits';
import { manualClock } from '../support/platform';
import { storageEngines, useStore } from './engines';

const MINUTE = 60_000;
const POLICY: AttemptPolicy = { maxFailures: 5, pauseMs: 15 * MINUTE, dailyCap: 12 };

const engines = await storageEngines();

for (const engine of engines) {
  describe.skipIf(!engine.available)(`attempt limits on ${engine.name}`, () => {
    const store = useStore(engine);

    async function failTimes(limits: ReturnType<typeof createAttemptLimits>, key: string, n: number) {
      let last;
      for (let i = 0; i < n; i++) last = await limits.recordFailure(key, POLICY);
      return last!;
    }

    it('pauses after five failures in a row, for the pause’s length, then counts afresh', async () => {
      const clock = manualClock();
      const limits = createAttemptLimits(store().db, clock);
      expect(await failTimes(limits, 'totp:a', 4)).toEqual({ paused: false });
      expect(await limits.recordFailure('totp:a', POLICY)).toEqual({ paused: true, until: clock.now() + 15 * MINUTE });
      expect(await limits.state('totp:a', POLICY)).toMatchObject({ paused: true });
      // Another key is not touched.
      expect(await limits.state('totp:b', POLICY)).toEqual({ paused: false });
      clock.advance(15 * MINUTE + 1);
      expect(await limits.state('totp:a', POLICY)).toEqual({ paused: false });
      expect(await failTimes(limits, 'totp:a', 4)).toEqual({ paused: false });
    });

    it('clears the run on success, and keeps the day’s count for the daily cap', async () => {
      const clock = manualClock();
      const limits = createAttemptLimits(store().db, clock);
      const dayStart = clock.now();
      // 4 + success, twice, then 3 more: never five in a row, eleven in the day.
      for (let round = 0; round < 2; round++) {
        expect(await failTimes(limits, 'hint:c', 4)).toEqual({ paused: false });
        await limits.recordSuccess('hint:c');
      }
      expect(await failTimes(limits, 'hint:c', 3)).toEqual({ paused: false });
      // The twelfth closes the route until the day that began with the first failure is over.
      expect(await limits.recordFailure('hint:c', POLICY)).toEqual({ paused: true, until: dayStart + 24 * 60 * MINUTE });
      clock.advance(24 * 60 * MINUTE + 1);
      expect(await limits.state('hint:c', POLICY)).toEqual({ paused: false });
      // The run of four is still there: a fifth in a row pauses, a new day or not.
      expect(await limits.recordFailure('hint:c', POLICY)).toMatchObject({ paused: true });
      await limits.clear('hint:c');
      expect(await limits.state('hint:c', POLICY)).toEqual({ paused: false });
    });
  });
}
