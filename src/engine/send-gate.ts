// The order in which a lane's parts go on the wire: first come, first served, each waiting for
// a token of the connector's throttle, for the end of a throttling pause (ESME_RTHROTTLED),
// and for a free window slot. One queue instead of every part sleeping on its own timer keeps
// parts in order and the throttle exact. The throttle reads the monotonic clock (sub-millisecond:
// at high rates many slots fall within one millisecond); pauses are wall-clock deadlines.

import { TokenBucket } from './token-bucket.ts';

export class SendGate {
  readonly #bucket: TokenBucket;
  readonly #room: () => number;
  readonly #queue: Array<() => void> = [];
  #holdUntil = 0;
  /** The throttle, not the window, is what holds the queue back now. */
  #pacing = false;
  /** Callers let through that have not yet handed their PDU to the link. */
  #launching = 0;
  #timer: NodeJS.Timeout | null = null;

  /** `room`: window slots free on the link now. */
  constructor(ratePerSecond: number, room: () => number) {
    this.#bucket = new TokenBucket(ratePerSecond);
    this.#room = room;
  }

  /** Resolves when the caller may submit; it must call launched() once it has. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.#queue.push(resolve);
      this.#pump();
    });
  }

  launched(): void {
    this.#bucket.went(performance.now());
    this.#launching--;
    this.#pump();
  }

  /** The SMSC said it is busy: nobody goes before `until`. */
  hold(until: number): void {
    this.#holdUntil = Math.max(this.#holdUntil, until);
  }

  get holding(): boolean {
    return Date.now() < this.#holdUntil;
  }

  /** Parts are waiting for the throttle's next slot: sending sooner is not possible. */
  get pacing(): boolean {
    return this.#pacing;
  }

  /** Window slots may have been freed. */
  poke(): void {
    this.#pump();
  }

  /** Lets every waiter through (the lane is stopping; they see that and do not send). */
  release(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const go of this.#queue.splice(0)) go();
  }

  #pump(): void {
    if (this.#timer) return;
    this.#pacing = false;
    while (this.#queue.length > 0) {
      const now = Date.now();
      if (now < this.#holdUntil) return this.#wake(this.#holdUntil - now);
      if (this.#room() - this.#launching <= 0) return; // a response frees a slot and pokes
      const wait = this.#bucket.take(performance.now());
      if (wait > 0) {
        this.#pacing = true;
        return this.#wake(Math.ceil(wait));
      }
      this.#launching++;
      this.#queue.shift()!();
    }
  }

  #wake(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#pump();
    }, ms);
  }
}
