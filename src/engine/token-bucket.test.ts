import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATCH_UP_MS, TokenBucket } from './token-bucket.ts';

/** Takes every slot a poller waking every `step()` ms (from `from` to `to`) gets; their times. */
function poll(b: TokenBucket, from: number, to: number, step: () => number): number[] {
  const taken: number[] = [];
  for (let now = from; now < to; now += step()) while (b.take(now) === 0) taken.push(now);
  return taken;
}

/** The most takes any half-open window of `w` ms holds. */
function busiestWindow(taken: number[], w: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < taken.length; i++) {
    while (taken[j]! <= taken[i]! - w) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Wake-ups `lo` to `hi` ms apart, from a fixed seed. */
function jitter(lo: number, hi: number, seed = 7): () => number {
  return () => lo + (((seed = (seed * 48271) % 2147483647) % 1000) / 1000) * (hi - lo);
}

test('slots are spaced 1/rate apart, the wait until the next is said, and a late wake-up keeps its slot', () => {
  const b = new TokenBucket(5);
  assert.equal(b.take(1000), 0);
  assert.equal(b.take(1000), 100, 'the first took the slot 100 ms back (the catch-up tolerance): the next is due in 100 ms');
  assert.equal(b.take(1099.5), 0.5);
  assert.equal(b.take(1100), 0);
  assert.equal(b.take(1100), 200, 'then 1/rate apart');
  assert.equal(b.take(1340), 0, 'a wake-up 40 ms late …');
  assert.equal(b.take(1340), 160, '… keeps the timeline');
});

test('many slots within one millisecond: a limit of 100,000/s polled once a millisecond gives 100,000 a second', () => {
  const taken = poll(new TokenBucket(100_000), 0, 2000, () => 1);
  assert.ok(taken.length >= 199_000 && taken.length <= 200_000, `${taken.length} in two seconds`);
});

test('late wake-ups take the slots they missed: the rate is the limit within 1% through timer lateness and stalls', () => {
  for (const rate of [40, 300, 2000, 5000]) {
    const late = jitter(1, 3, rate);
    let n = 0;
    const stalls = () => (++n % 300 === 0 ? 60 : late()); // a busy event loop: 60 ms every ~0.6 s
    for (const [name, step] of [
      ['1–3 ms', late],
      ['1–3 ms with 60 ms stalls', stalls],
    ] as const) {
      const taken = poll(new TokenBucket(rate), 0, 20_000, step);
      assert.ok(Math.abs(taken.length - rate * 20) <= rate * 20 * 0.01, `${taken.length} in 20 s at ${rate}/s, waking every ${name}`);
    }
  }
});

test('no one-second window ever holds more than the rate, however the callers poll', () => {
  for (const rate of [1, 40, 250, 2000, 10_000]) {
    const taken = poll(new TokenBucket(rate), 0, 10_000, jitter(0.1, rate > 1000 ? 30 : 7));
    assert.ok(busiestWindow(taken, 1000) <= rate, `at ${rate}/s: ${busiestWindow(taken, 1000)} in a second`);
  }
});

test('a burst is at most the catch-up tolerance’s worth of slots, also after an idle minute', () => {
  const b = new TokenBucket(10_000);
  poll(b, 0, 3000, () => 2);
  const atOnce = poll(b, 60_000, 60_001, () => 1).length;
  assert.ok(atOnce <= (10_000 * CATCH_UP_MS) / 1000 + 1, `${atOnce} at once after an idle minute`);
  assert.ok(atOnce >= (10_000 * CATCH_UP_MS) / 1000 - 1, 'and the tolerance is there to be used');
});

test('rate 0 never waits', () => {
  const b = new TokenBucket(0);
  assert.equal(b.take(0) + b.take(0), 0);
});

test('a submit that leaves late counts from when it left: no second on the wire holds more than the limit', () => {
  const b = new TokenBucket(4);
  const left: number[] = [];
  // Slots are taken every 250 ms; the first submit leaves 200 ms after its slot, the rest at once.
  for (let now = 0, n = 0; n < 12; now += 1) {
    if (b.take(now) !== 0) continue;
    const at = n === 0 ? now + 200 : now;
    b.went(at);
    left.push(at);
    n++;
  }
  for (const t of left) assert.ok(left.filter((u) => u >= t && u < t + 1000).length <= 4, `${left.join(',')}`);
});
