/**
 * PIN attempts per calling origin: at most `max` in any `windowMs` (default 5 a minute). A card locks after
 * three wrong PINs, so this does not protect the card itself; it stops a trusted but compromised page from
 * hammering the component (and a software token, which never locks). Counted when a PIN is about to be sent to
 * the token, i.e. after the origin, PIN-format and card-state checks, which cost no try.
 */
export interface PinLimiterOptions {
  readonly max?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
}

export class PinLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #attempts = new Map<string, number[]>();

  constructor(options: PinLimiterOptions = {}) {
    this.#max = options.max ?? 5;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#now = options.now ?? Date.now;
    if (!Number.isInteger(this.#max) || this.#max < 1) throw new TypeError('PinLimiter: max must be a positive integer');
    if (!(this.#windowMs > 0)) throw new TypeError('PinLimiter: windowMs must be positive');
  }

  /** Records an attempt for `origin`; false (and nothing recorded) when the origin is over its limit. */
  take(origin: string): boolean {
    const now = this.#now();
    const recent = (this.#attempts.get(origin) ?? []).filter((at) => now - at < this.#windowMs);
    if (recent.length >= this.#max) {
      this.#attempts.set(origin, recent);
      return false;
    }
    recent.push(now);
    this.#attempts.set(origin, recent);
    return true;
  }
}
