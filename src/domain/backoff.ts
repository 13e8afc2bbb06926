// Exponential backoff with jitter, for reconnects and retries: attempt 0 waits about `baseMs`,
// each further attempt doubles it up to `maxMs`. "Equal jitter" keeps at least half of the
// delay (so a fleet does not hammer an SMSC in step) and randomises the rest.

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(b.maxMs, b.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
