// Per-key token bucket: `rate` requests per second with a burst of one second's worth.
// It is per process; with several API processes each enforces its own share.

export class RateLimiter {
  readonly #rate: number;
  readonly #buckets = new Map<number, { tokens: number; at: number }>();

  constructor(ratePerSecond: number) {
    this.#rate = ratePerSecond;
  }

  /** 0 when allowed; otherwise the seconds to wait. */
  take(keyId: number, now: number = performance.now()): number {
    if (this.#rate <= 0) return 0;
    let b = this.#buckets.get(keyId);
    if (!b) {
      b = { tokens: this.#rate, at: now };
      this.#buckets.set(keyId, b);
    }
    b.tokens = Math.min(this.#rate, b.tokens + ((now - b.at) / 1000) * this.#rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.#rate));
  }
}
