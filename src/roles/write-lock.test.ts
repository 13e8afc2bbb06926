import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { newLockMemory, writeLock, YIELD_MS } from './write-lock.ts';

// Each thread reads the counter, yields inside the critical section, and writes it back + 1.
// Without mutual exclusion the threads overwrite each other's increments.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const cell = new Int32Array(workerData.lock);
const counter = new Int32Array(workerData.counter);
function lock(fn) {
  while (Atomics.compareExchange(cell, 0, 0, 1) !== 0) Atomics.wait(cell, 0, 1, 50);
  try { fn(); } finally { Atomics.store(cell, 0, 0); Atomics.notify(cell, 0, 1); }
}
for (let i = 0; i < workerData.n; i++) lock(() => { const v = counter[0]; for (let k = 0; k < 2000; k++); counter[0] = v + 1; });
parentPort.postMessage('done');
`;

test('the write lock excludes other threads: no increment is lost', async () => {
  const lockMemory = newLockMemory();
  const counter = new SharedArrayBuffer(4);
  const n = 20_000;
  // The main thread takes the same lock through writeLock() while two workers use the protocol directly.
  const workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData: { lock: lockMemory, counter, n } }));
  const lock = writeLock(lockMemory);
  const c = new Int32Array(counter);
  for (let i = 0; i < n; i++) {
    lock(() => {
      const v = c[0]!;
      c[0] = v + 1;
    });
    if (i % 1000 === 0) await new Promise((r) => setImmediate(r));
  }
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  await Promise.all(workers.map((w) => w.terminate()));
  assert.equal(c[0], 3 * n);
});

test('the lock is released when the critical section throws', () => {
  const lock = writeLock(newLockMemory());
  assert.throws(() => lock(() => {
    throw new Error('disk full');
  }), /disk full/);
  assert.equal(lock(() => 42), 42, 'a later caller gets the lock');
});

test('a background writer stands aside for intake writers only so long: it is never starved', () => {
  const memory = newLockMemory();
  new Int32Array(memory)[1] = 1; // an intake writer that waits forever
  const started = performance.now();
  assert.equal(writeLock(memory, 'background')(() => 'written'), 'written');
  const waited = performance.now() - started;
  assert.ok(waited >= YIELD_MS - 1 && waited < 1000, `waited ${waited.toFixed(1)} ms`);
});
