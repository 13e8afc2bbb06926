// The connector's throttle: the generic cell rate algorithm. Every submit takes the next slot
// of a timeline spaced 1/rate apart and never goes before its slot, so the long-run rate is the
// limit exactly, whatever the clock's resolution or the timers' lateness: a late wake-up takes
// the slots it missed, up to a tolerance τ back, instead of losing them. (The first version
// spaced each take from the moment it happened: with millisecond clocks and timers that fire
// late, a limit of 100,000/s let ~600 submits a second through — bench/RESULTS.md, issue #11.)
//
// What an SMSC sees: any window of W ms holds at most ⌊(W + τ)/interval⌋ + 1 submits. τ is
// half an interval but at least TOLERANCE_MS, so up to 1000 / TOLERANCE_MS = 250/s no second
// holds more than rate + 1 (what an SMSC that counts per second, or per sliding second,
// accepts without ESME_RTHROTTLED); above that, a second may hold TOLERANCE_MS·rate/1000 more
// (0.4%): the burst a timer tick's worth of slots can make.

/** The catch-up a late wake-up may make, at least: about the lateness of a Node timer under load. */
export const TOLERANCE_MS = 4;

export class TokenBucket {
  readonly #intervalMs: number;
  readonly #toleranceMs: number;
  /** The next free slot on the timeline (theoretical arrival time). */
  #next = -Infinity;

  /** `ratePerSecond` 0 = unthrottled. */
  constructor(ratePerSecond: number) {
    this.#intervalMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
    this.#toleranceMs = Math.max(TOLERANCE_MS, this.#intervalMs / 2);
  }

  /** Takes a slot if one is due (0), else says how many ms until one is (and takes nothing). */
  take(now: number): number {
    if (this.#intervalMs === 0) return 0;
    if (now < this.#next) return this.#next - now;
    this.#next = Math.max(this.#next, now - this.#toleranceMs) + this.#intervalMs;
    return 0;
  }
}
