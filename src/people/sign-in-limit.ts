// Failed sign-ins are limited per email and per address: past the limit within WINDOW_MS,
// further tries wait until the oldest failure leaves the window. An address gets more tries
// than an email, since many people may sign in from one office's address. In memory, per
// process: with several API processes each enforces its own count (a guesser gets at most
// that many times more tries). A success clears the email's count, not the address's.

export const PER_EMAIL = 10;
export const PER_ADDRESS = 50;
export const WINDOW_MS = 15 * 60_000;

export class SignInLimit {
  readonly #failures = new Map<string, number[]>();

  /** 0 when this email may be tried from this address now, else the seconds until it may. */
  wait(address: string, email: string, now: number): number {
    const until = Math.max(this.#until(`address:${address}`, PER_ADDRESS, now), this.#until(`email:${email}`, PER_EMAIL, now));
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  failed(address: string, email: string, now: number): void {
    for (const key of [`address:${address}`, `email:${email}`]) this.#failures.set(key, [...this.#recent(key, now), now].slice(-PER_ADDRESS));
    if (this.#failures.size > 100_000) this.#prune(now);
  }

  succeeded(email: string): void {
    this.#failures.delete(`email:${email}`);
  }

  #until(key: string, max: number, now: number): number {
    const times = this.#recent(key, now);
    return times.length >= max ? times[times.length - max]! + WINDOW_MS : 0;
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
  }

  #prune(now: number): void {
    for (const [key, times] of this.#failures) if (times.every((t) => t <= now - WINDOW_MS)) this.#failures.delete(key);
  }
}
