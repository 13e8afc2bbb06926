import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TtlCache } from './ttl-cache.ts';

test('entries live for the TTL; a cached null is a value, a miss is undefined', () => {
  const c = new TtlCache<string, number | null>(5_000);
  c.set('a', 1, 1_000);
  c.set('b', null, 1_000);
  assert.equal(c.get('a', 5_999), 1);
  assert.equal(c.get('b', 5_999), null);
  assert.equal(c.get('a', 6_000), undefined, 'expired');
  assert.equal(c.get('x', 1_000), undefined);
  c.delete('b');
  assert.equal(c.get('b', 1_000), undefined);
});

test('the cache stays within its bound', () => {
  const c = new TtlCache<number, number>(60_000, 3);
  for (let i = 0; i < 10; i++) c.set(i, i, 0);
  const live = [...Array(10).keys()].filter((i) => c.get(i, 0) !== undefined);
  assert.ok(live.length <= 3, `${live.length} entries`);
  assert.equal(c.get(9, 0), 9, 'the newest entry is kept');
});
