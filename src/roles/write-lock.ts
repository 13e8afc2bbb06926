// A mutex shared by the threads of one process (Atomics on a SharedArrayBuffer). With SQLite,
// each API thread commits its own group transactions, and this lock lets one thread at a time
// hold the write transaction: the hand-off is a notify, where SQLite's own busy handler would
// sleep in steps of milliseconds.
//
// Intake goes first. While the intake is busy the lock is rarely free (issue #11: API threads
// waited as long for it as they spent writing), and an accepted request waits for its commit:
// so an intake writer counts itself as waiting, and a background writer (the engine, the
// callback worker) lets waiting intake writers go before it, for up to YIELD_MS at a time so
// that it is never starved. The background work then waits in its group committer and goes in
// larger transactions.

export type WriteLock = <T>(fn: () => T) => T;

/** How long a background writer stands aside for intake writers before it queues like anyone. */
export const YIELD_MS = 20;

const LOCK = 0;
const INTAKE_WAITING = 1;

export function newLockMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(8);
}

/** The lock for one thread's writers: `intake` for the API's commits, `background` for the rest. */
export function writeLock(memory: SharedArrayBuffer, kind: 'intake' | 'background' = 'background', yieldMs = YIELD_MS): WriteLock {
  const cell = new Int32Array(memory);
  const enter = kind === 'intake' ? () => enterIntake(cell) : () => enterBackground(cell, yieldMs);
  return (fn) => {
    enter();
    try {
      return fn();
    } finally {
      Atomics.store(cell, LOCK, 0);
      // Every waiter wakes (a few threads at most): a background writer that is woken while an
      // intake writer waits steps back, and the intake writer must not sleep through the release.
      Atomics.notify(cell, LOCK);
    }
  };
}

function enterIntake(cell: Int32Array): void {
  Atomics.add(cell, INTAKE_WAITING, 1);
  try {
    while (Atomics.compareExchange(cell, LOCK, 0, 1) !== 0) Atomics.wait(cell, LOCK, 1, 50);
  } finally {
    Atomics.sub(cell, INTAKE_WAITING, 1);
    Atomics.notify(cell, INTAKE_WAITING);
  }
}

function enterBackground(cell: Int32Array, yieldMs: number): void {
  const until = performance.now() + yieldMs;
  for (;;) {
    const intake = Atomics.load(cell, INTAKE_WAITING);
    if (intake > 0 && performance.now() < until) {
      Atomics.wait(cell, INTAKE_WAITING, intake, 1);
      continue;
    }
    if (Atomics.compareExchange(cell, LOCK, 0, 1) === 0) return;
    Atomics.wait(cell, LOCK, 1, 50);
  }
}
