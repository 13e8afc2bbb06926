import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOLERANCE_MS, TokenBucket } from './token-bucket.ts';

/** Takes every slot a poller running every `stepMs` (from `from` to `to`) gets; their times. */
function poll(b: TokenBucket, from: number, to: number, stepMs: number | (() => number)): number[] {
  const taken: number[] = [];
  for (let now = from; now < to; now += typeof stepMs === 'number' ? stepMs : stepMs()) while (b.take(now) === 0) taken.push(now);
  return taken;
}

/** The most takes any window of `w` ms holds. */
function busiestWindow(taken: number[], w: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < taken.length; i++) {
    while (taken[j]! <= taken[i]! - w) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

test('below one slot a millisecond, slots are spaced 1/rate apart and say how long until the next', () => {
  const b = new TokenBucket(100);
  assert.equal(b.take(1000), 0);
  assert.equal(b.take(1000), 5, 'the first took the slot half an interval back (the tolerance): the next is due in 5 ms');
  assert.equal(b.take(1004.5), 0.5);
  assert.equal(b.take(1005), 0);
  assert.equal(b.take(1005), 10, 'then 1/rate apart');
  assert.equal(b.take(1017), 0, 'a wake-up 2 ms late …');
  assert.equal(b.take(1017), 8, '… keeps its slot on the timeline');
});

test('many slots within one millisecond: a limit of 100,000/s polled once a millisecond gives 100,000 a second', () => {
  const taken = poll(new TokenBucket(100_000), 0, 1000, 1);
  assert.ok(Math.abs(taken.length - 100_000) <= 100_000 * TOLERANCE_MS / 1000 + 1, `${taken.length} in one second`);
});

test('late wake-ups take the slots they missed: the rate is the limit whatever the timers do', () => {
  for (const rate of [40, 300, 1000, 5000]) {
    let seed = rate;
    const jitter = () => 1 + ((seed = (seed * 48271) % 2147483647) % 3); // wakes 1–3 ms apart
    const taken = poll(new TokenBucket(rate), 0, 10_000, jitter);
    assert.ok(Math.abs(taken.length - rate * 10) <= rate * 0.01 * 10, `${taken.length} in 10 s at ${rate}/s`);
  }
});

test('at 250/s and below, no one-second window holds more than rate + 1, however the callers poll', () => {
  for (const rate of [1, 40, 250]) {
    let seed = 7;
    const step = () => (seed = (seed * 48271) % 2147483647) % 7;
    const taken = poll(new TokenBucket(rate), 0, 20_000, () => step() || 0.25);
    assert.ok(busiestWindow(taken, 1000) <= rate + 1, `at ${rate}/s: ${busiestWindow(taken, 1000)} in a second`);
  }
});

test('above 250/s a second holds at most the tolerance’s worth more, and idle time builds no larger burst', () => {
  const b = new TokenBucket(10_000);
  const first = poll(b, 0, 3000, 2);
  const afterIdle = poll(b, 60_000, 62_000, 5);
  for (const taken of [first, afterIdle]) assert.ok(busiestWindow(taken, 1000) <= 10_000 * (1 + TOLERANCE_MS / 1000) + 1, `${busiestWindow(taken, 1000)} in a second`);
  assert.ok(afterIdle.filter((t) => t === 60_000).length <= 10_000 * (TOLERANCE_MS / 1000) + 1, 'the burst after an idle minute is the tolerance');
});

test('rate 0 never waits', () => {
  const b = new TokenBucket(0);
  assert.equal(b.take(0) + b.take(0), 0);
});
