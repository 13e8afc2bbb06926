import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from './token-bucket.ts';

test('reservations are spaced 1/rate apart, and idle time does not build a burst', () => {
  const b = new TokenBucket(200);
  assert.deepEqual([0, 0, 0, 0].map(() => b.reserve(1000)), [0, 5, 10, 15]);
  // Long idle: the next one is immediate, the one after waits its interval again.
  assert.deepEqual([b.reserve(5000), b.reserve(5000)], [0, 5]);
});

test('no one-second window holds more than rate + 1 reservations', () => {
  const b = new TokenBucket(50);
  const times: number[] = [];
  let now = 0;
  for (let i = 0; i < 500; i++) {
    now += Math.floor(Math.random() * 3); // callers arrive faster than the rate
    times.push(now + b.reserve(now));
  }
  for (const t of times) assert.ok(times.filter((u) => u >= t && u < t + 1000).length <= 51);
});

test('rate 0 never waits', () => {
  const b = new TokenBucket(0);
  assert.equal(b.reserve(0) + b.reserve(0), 0);
});
