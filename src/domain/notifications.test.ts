import { test } from 'node:test';
import assert from 'node:assert/strict';
import { creditLevel } from './notifications.ts';

test('credit levels: 80 % and 100 % of the limit, exactly, and none without a limit', () => {
  assert.equal(creditLevel(0, 1_000_000), 0);
  assert.equal(creditLevel(799_999, 1_000_000), 0);
  assert.equal(creditLevel(800_000, 1_000_000), 80);
  assert.equal(creditLevel(999_999, 1_000_000), 80);
  assert.equal(creditLevel(1_000_000, 1_000_000), 100);
  assert.equal(creditLevel(5_000_000, 1_000_000), 100);
  assert.equal(creditLevel(5_000_000, null), 0);
  assert.equal(creditLevel(0, 0), 100, 'a zero limit is used up at once');
});
