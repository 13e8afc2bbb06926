import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './rate-limit.ts';

test("allows a second's burst, then refills at the rate", () => {
  const rl = new RateLimiter(5);
  const t0 = 1000;
  for (let i = 0; i < 5; i++) assert.equal(rl.take(1, t0), 0);
  assert.ok(rl.take(1, t0) > 0, 'sixth request in the same instant is refused');
  assert.equal(rl.take(2, t0), 0, 'other keys have their own bucket');
  assert.equal(rl.take(1, t0 + 200), 0, '200 ms refills one token at 5/s');
  assert.ok(rl.take(1, t0 + 200) > 0);
});

test('rate 0 means unlimited', () => {
  const rl = new RateLimiter(0);
  for (let i = 0; i < 1000; i++) assert.equal(rl.take(1, 0), 0);
});
