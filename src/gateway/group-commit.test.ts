import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommitter } from './group-commit.ts';

test('concurrent adds share transactions; each resolves after its own commit', async () => {
  const committed: number[][] = [];
  const gc = new GroupCommitter<number>(
    async (items) => {
      await new Promise((r) => setTimeout(r, 5));
      committed.push(items);
    },
    { maxBatch: 100, maxDelayMs: 0 },
  );
  const done: number[] = [];
  const all = Array.from({ length: 50 }, (_, i) =>
    gc.add([i]).then(() => {
      assert.ok(
        committed.some((b) => b.includes(i)),
        'resolved only after its batch was written',
      );
      done.push(i);
    }),
  );
  await Promise.all(all);
  assert.equal(done.length, 50);
  assert.ok(committed.length < 50, `expected grouping, got ${committed.length} transactions`);
  assert.deepEqual(
    committed.flat().sort((a, b) => a - b),
    [...Array(50).keys()],
  );
});

test('a request is never split across transactions, and a batch respects maxBatch between requests', async () => {
  const sizes: number[] = [];
  const gc = new GroupCommitter<number>(async (items) => void sizes.push(items.length), { maxBatch: 10, maxDelayMs: 0 });
  await Promise.all([gc.add([1, 2, 3, 4, 5, 6]), gc.add([7, 8, 9, 10, 11, 12]), gc.add(Array(25).fill(0))]);
  assert.deepEqual(sizes, [6, 6, 25]);
});

test('a failed transaction rejects every request in it and none in the next', async () => {
  let calls = 0;
  const gc = new GroupCommitter<string>(
    async (items) => {
      calls++;
      if (items.includes('bad')) throw new Error('disk full');
    },
    { maxBatch: 2, maxDelayMs: 0 },
  );
  const results = await Promise.allSettled([gc.add(['a']), gc.add(['bad']), gc.add(['c'])]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'rejected', 'fulfilled'],
  );
  assert.equal(calls, 2);
  await gc.drain();
});

test('with `size`, an item counts for what it holds: a submission of many messages fills a batch', async () => {
  const batches: number[][] = [];
  const reported: number[] = [];
  const gc = new GroupCommitter<number[]>(async (items) => void batches.push(items.map((i) => i.length)), {
    maxBatch: 10,
    maxDelayMs: 0,
    size: (records) => records.length,
    onBatch: (n) => reported.push(n),
  });
  await Promise.all([gc.add([[1, 2, 3, 4, 5, 6]]), gc.add([[7, 8, 9, 10, 11, 12]]), gc.add([[13]])]);
  assert.deepEqual(batches, [[6], [6, 1]], 'the second submission would have taken the first batch to 12');
  assert.deepEqual(reported, [6, 7]);
});

test('a delay given as a function is asked each time: items that trickle in wait for company only while it says so', async () => {
  const batches: number[][] = [];
  let delay = 200;
  const gc = new GroupCommitter<number>(async (items) => void batches.push(items), { maxBatch: 100, maxDelayMs: () => delay });
  const trickle = async (from: number) => {
    const adds = [];
    for (let i = from; i < from + 5; i++) {
      adds.push(gc.add([i]));
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(adds);
  };
  await trickle(0);
  assert.deepEqual(batches, [[0, 1, 2, 3, 4]], 'waiting 200 ms, five adds 2 ms apart share one transaction');
  delay = 0;
  await trickle(5);
  assert.equal(batches.length, 6, 'without the delay each goes on its own');
});
