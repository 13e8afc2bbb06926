// Whether every role of the process is up: one flag shared by the threads (an Int32 on a
// SharedArrayBuffer), raised once by the composition root after the last role has started and
// the start-up banner is out. Until then every API thread's /readyz says "starting".

export function newStartedMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

export function startedFlag(memory: SharedArrayBuffer): { readonly up: boolean; raise(): void } {
  const cell = new Int32Array(memory);
  return {
    get up() {
      return Atomics.load(cell, 0) === 1;
    },
    raise() {
      Atomics.store(cell, 0, 1);
    },
  };
}
