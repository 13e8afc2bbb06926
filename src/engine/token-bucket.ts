// An exact throttle: submits are spaced at least 1/rate apart at the moment they are taken
// (the generic cell rate algorithm with no burst tolerance), so no window of W seconds ever
// sees more than rate·W + 1 of them, whatever the timers' lateness: what an SMSC that counts
// per second, or per sliding second, accepts without ESME_RTHROTTLED. A late timer loses its
// slot rather than catching up in a burst.

export class TokenBucket {
  readonly #intervalMs: number;
  /** When the next submit may go (theoretical arrival time). */
  #next = 0;

  /** `ratePerSecond` 0 = unthrottled. */
  constructor(ratePerSecond: number) {
    this.#intervalMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  }

  /** Takes a token if one is due (0), else says how many ms until one is (and takes nothing). */
  take(now: number): number {
    if (now < this.#next) return Math.ceil(this.#next - now);
    this.#next = now + this.#intervalMs;
    return 0;
  }
}
