// Group commit: requests that arrive while a transaction is being written wait and go into the
// next one together. One transaction per batch instead of one per request is what lets a
// single SQLite writer (or a PostgreSQL pool) keep up with thousands of requests a second.
// A request's items are never split across transactions, so a bulk request is all or nothing.

export interface GroupCommitOptions<T = unknown> {
  /** A batch closes when the next request would take it past this many items. */
  maxBatch: number;
  /** How long an idle committer waits for company before writing (now); 0 = the next turn of the event loop. */
  maxDelayMs: number | (() => number);
  onBatch?: (items: number, requests: number, ms: number) => void;
  /** What an item counts for against maxBatch (default 1: an item is a row). */
  size?: (item: T) => number;
}

interface Waiter<T, R> {
  items: readonly T[];
  /** What the items count for against maxBatch, counted once when added. */
  size: number;
  resolve: (result: R) => void;
  reject: (e: unknown) => void;
}

/** `R` is what a write reports (the same for every request in its batch). */
export class GroupCommitter<T, R = void> {
  readonly #write: (items: T[]) => Promise<R>;
  readonly #opts: GroupCommitOptions<T>;
  #queue: Waiter<T, R>[] = [];
  #writing = false;
  #scheduled = false;
  #idle: Array<() => void> = [];

  constructor(write: (items: T[]) => Promise<R>, opts: GroupCommitOptions<T>) {
    this.#write = write;
    this.#opts = opts;
  }

  /** Resolves once `items` are committed; rejects if their transaction failed (nothing of it was written). */
  add(items: readonly T[]): Promise<R> {
    return new Promise((resolve, reject) => {
      const size = this.#opts.size;
      this.#queue.push({ items, size: size ? items.reduce((n, it) => n + size(it), 0) : items.length, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves when everything added so far is committed or failed. */
  drain(): Promise<void> {
    if (!this.#writing && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #schedule(): void {
    if (this.#writing || this.#scheduled) return;
    this.#scheduled = true;
    const run = () => {
      this.#scheduled = false;
      void this.#flush();
    };
    const delay = typeof this.#opts.maxDelayMs === 'number' ? this.#opts.maxDelayMs : this.#opts.maxDelayMs();
    if (delay > 0) setTimeout(run, delay);
    else setImmediate(run);
  }

  #takeBatch(): { batch: Waiter<T, R>[]; size: number } {
    let n = 0;
    let k = 0;
    while (k < this.#queue.length) {
      const size = this.#queue[k]!.size;
      if (k > 0 && n + size > this.#opts.maxBatch) break;
      n += size;
      k++;
    }
    return { batch: this.#queue.splice(0, k), size: n };
  }

  async #flush(): Promise<void> {
    if (this.#queue.length === 0) return this.#settle();
    this.#writing = true;
    const { batch, size } = this.#takeBatch();
    const items: T[] = [];
    for (const w of batch) for (const it of w.items) items.push(it);
    const started = performance.now();
    try {
      const result = await this.#write(items);
      this.#opts.onBatch?.(size, batch.length, performance.now() - started);
      for (const w of batch) w.resolve(result);
    } catch (e) {
      for (const w of batch) w.reject(e);
    } finally {
      this.#writing = false;
    }
    // Whatever arrived during the write goes out at once: it has already waited one commit.
    if (this.#queue.length > 0) void this.#flush();
    else this.#settle();
  }

  #settle(): void {
    const idle = this.#idle;
    this.#idle = [];
    for (const r of idle) r();
  }
}
