import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from './token-bucket.ts';

test('tokens are spaced 1/rate apart, and idle time does not build a burst', () => {
  const b = new TokenBucket(200);
  assert.equal(b.take(1000), 0);
  assert.equal(b.take(1000), 5, 'the next is due in 5 ms');
  assert.equal(b.take(1004), 1);
  assert.equal(b.take(1005), 0);
  assert.equal(b.take(9000), 0, 'after a long idle, one at once …');
  assert.equal(b.take(9000), 5, '… and then the interval again');
});

test('whatever the callers do, no one-second window holds more than rate + 1 tokens', () => {
  const b = new TokenBucket(50);
  const taken: number[] = [];
  for (let now = 0; now < 10_000; now += Math.floor(Math.random() * 7)) if (b.take(now) === 0) taken.push(now);
  assert.ok(taken.length > 400, `${taken.length} tokens in 10 s at 50/s`);
  for (const t of taken) assert.ok(taken.filter((u) => u >= t && u < t + 1000).length <= 51);
});

test('rate 0 never waits', () => {
  const b = new TokenBucket(0);
  assert.equal(b.take(0) + b.take(0), 0);
});
