// A small cache whose entries expire: resolved API keys and price lists are reused for a few
// seconds instead of read per request. Bounded, so unknown keys cannot grow it forever.

export class TtlCache<K, V> {
  readonly #entries = new Map<K, { value: V; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs: number, maxEntries = 10_000) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  /** The live value, or undefined when absent or expired (a stored null is a value). */
  get(key: K, now: number = Date.now()): V | undefined {
    const hit = this.#entries.get(key);
    return hit && hit.until > now ? hit.value : undefined;
  }

  set(key: K, value: V, now: number = Date.now()): void {
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(key, { value, until: now + this.#ttlMs });
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
