// An exact throttle: submits are spaced 1/rate apart (the generic cell rate algorithm with no
// burst), so no window of W seconds ever sees more than rate·W + 1 of them — what an SMSC
// that counts per second, or per sliding second, accepts without ESME_RTHROTTLED.

export class TokenBucket {
  #intervalMs: number;
  /** When the next submit may go (theoretical arrival time). */
  #next = 0;

  /** `ratePerSecond` 0 = unthrottled. */
  constructor(ratePerSecond: number) {
    this.#intervalMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  }

  /** Reserves the next slot; resolves how many ms to wait before using it (0 = now). */
  reserve(now: number): number {
    if (this.#intervalMs === 0) return 0;
    const at = Math.max(now, this.#next);
    this.#next = at + this.#intervalMs;
    return Math.max(0, Math.ceil(at - now));
  }
}
