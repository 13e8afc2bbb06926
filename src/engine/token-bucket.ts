// The connector's throttle. Two rules, both exact whatever the clock's resolution or the
// timers' lateness:
//
// - The per-second budget an SMSC enforces: no window of one second ever holds more than
//   `rate` submits. The times of the last `rate` submits are kept in a ring; a submit waits
//   until the one `rate` places back is a second old.
// - Pacing within the second (the generic cell rate algorithm): every submit takes the next
//   slot of a timeline spaced 1/rate apart and never goes before it. A wake-up that comes late
//   (a busy event loop, a timer's millisecond granularity) takes the slots it missed, up to a
//   tolerance τ back, instead of losing them; so the long-run rate is the limit, and a burst
//   is at most τ's worth of slots (τ = CATCH_UP_MS, or half an interval at low rates).
//
// The first version spaced each submit from the moment it went, with millisecond clocks: a
// limit of 100,000/s let about one submit per timer tick through (~600/s); with τ = 4 ms a
// limit of 2,000/s that was the bottleneck still lost 8% to late wake-ups (bench/RESULTS.md,
// issue #11).

/** How far back a late wake-up may take missed slots: event-loop stalls measured under load reach ~60 ms. */
export const CATCH_UP_MS = 100;

const SECOND_MS = 1000;

export class TokenBucket {
  readonly #intervalMs: number;
  readonly #toleranceMs: number;
  /** The next free slot on the timeline (theoretical arrival time). */
  #next = -Infinity;
  /** When each of the last `rate` submits went; #at is the oldest. */
  readonly #sent: Float64Array;
  #at = 0;
  /** Slots taken whose submit has not gone yet: the ring places just before #at (submits go in the order taken). */
  #pending = 0;

  /** `ratePerSecond` 0 = unthrottled. */
  constructor(ratePerSecond: number) {
    this.#intervalMs = ratePerSecond > 0 ? SECOND_MS / ratePerSecond : 0;
    this.#toleranceMs = Math.max(CATCH_UP_MS, this.#intervalMs / 2);
    this.#sent = new Float64Array(ratePerSecond > 0 ? Math.ceil(ratePerSecond) : 0).fill(-Infinity);
  }

  /** Takes a slot if one is due (0), else says how many ms until one is (and takes nothing). */
  take(now: number): number {
    if (this.#intervalMs === 0) return 0;
    if (now < this.#next) return this.#next - now;
    const secondAgo = this.#sent[this.#at]! + SECOND_MS;
    if (now < secondAgo) return secondAgo - now;
    this.#next = Math.max(this.#next, now - this.#toleranceMs) + this.#intervalMs;
    this.#sent[this.#at] = now;
    this.#pending = Math.min(this.#pending + 1, this.#sent.length);
    this.#at = (this.#at + 1) % this.#sent.length;
    return 0;
  }

  /**
   * The oldest taken slot's submit went at `at`. The ring keeps that time rather than the
   * decision's: a submit that left late (its caller ran behind other work) must not let a
   * second's worth of later ones crowd into the same second as seen on the wire.
   */
  went(at: number): void {
    if (this.#pending === 0) return;
    const place = (this.#at - this.#pending + this.#sent.length) % this.#sent.length;
    this.#pending--;
    this.#sent[place] = Math.max(this.#sent[place]!, at);
  }
}
