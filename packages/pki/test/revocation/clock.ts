/**
 * The tests' clock: real time (which openssl signs with) plus an offset the test moves, so that "after
 * nextUpdate" and "before thisUpdate" can be reached without waiting.
 */
export function movableClock(): { now(): Date; advance(ms: number): void; reset(): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
    reset: () => {
      offset = 0;
    },
  };
}
