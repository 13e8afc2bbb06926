// A mutex shared by the threads of one process (Atomics on a SharedArrayBuffer). With SQLite,
// each API thread commits its own group transactions, and this lock lets one thread at a time
// hold the write transaction: the hand-off is a notify, where SQLite's own busy handler would
// sleep in steps of milliseconds.

export type WriteLock = <T>(fn: () => T) => T;

export function newLockMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

export function writeLock(memory: SharedArrayBuffer): WriteLock {
  const cell = new Int32Array(memory);
  return (fn) => {
    while (Atomics.compareExchange(cell, 0, 0, 1) !== 0) Atomics.wait(cell, 0, 1, 50);
    try {
      return fn();
    } finally {
      Atomics.store(cell, 0, 0);
      Atomics.notify(cell, 0, 1);
    }
  };
}
