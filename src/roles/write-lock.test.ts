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
  assert.throws(
    () =>
      lock(() => {
        throw new Error('disk full');
      }),
    /disk full/,
  );
  assert.equal(
    lock(() => 42),
    42,
    'a later caller gets the lock',
  );
});

test('a background writer stands aside for intake writers only so long: it is never starved', () => {
  const memory = newLockMemory();
  new Int32Array(memory)[1] = 1; // an intake writer that waits forever
  const started = performance.now();
  assert.equal(
    writeLock(memory, 'background')(() => 'written'),
    'written',
  );
  const waited = performance.now() - started;
  assert.ok(waited >= YIELD_MS - 1 && waited < 1000, `waited ${waited.toFixed(1)} ms`);
});

// A thread that takes the real lock (write-lock.ts) as `kind`, then records its name in `order`.
const WRITER = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.module).then(({ writeLock }) => {
  const lock = writeLock(workerData.lock, workerData.kind, workerData.yieldMs);
  const order = new Int32Array(workerData.order);
  const arrived = new Int32Array(workerData.arrived);
  Atomics.add(arrived, 0, 1);
  lock(() => { order[Atomics.add(order, 0, 1) + 1] = workerData.kind === 'intake' ? 1 : 2; });
  parentPort.postMessage('done');
});
`;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 2));
}

test('a background writer does not take a free lock while an intake writer waits', async () => {
  const memory = newLockMemory();
  const cell = new Int32Array(memory);
  const order = new Int32Array(new SharedArrayBuffer(8));
  const arrived = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(cell, 1, 1); // an intake writer counts as waiting; the lock itself is free
  // It stands aside for as long as the test needs, so that a slow thread start cannot pass the test.
  const background = new Worker(WRITER, {
    eval: true,
    workerData: { module: new URL('./write-lock.ts', import.meta.url).href, lock: memory, kind: 'background', yieldMs: 60_000, order: order.buffer, arrived: arrived.buffer },
  });
  await until(() => Atomics.load(arrived, 0) === 1);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(Atomics.load(order, 0), 0, 'the background writer stood aside');
  Atomics.store(cell, 1, 0); // the intake writer has gone through
  Atomics.notify(cell, 1);
  await new Promise((r) => background.once('message', r));
  await background.terminate();
  assert.deepEqual([...order], [1, 2], 'then the background writer wrote');
});
