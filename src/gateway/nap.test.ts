import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Nap } from './nap.ts';

test('a nap ends after its time, or at once when woken; a wake with nobody napping is not kept', async () => {
  const n = new Nap();
  let t0 = performance.now();
  await n.nap(30);
  assert.ok(performance.now() - t0 >= 25);
  t0 = performance.now();
  const napping = n.nap(5000);
  n.wake();
  await napping;
  assert.ok(performance.now() - t0 < 1000);
  n.wake(); // nobody napping
  t0 = performance.now();
  await n.nap(30);
  assert.ok(performance.now() - t0 >= 25, 'the earlier wake did not end this nap');
});
