import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from './backoff.ts';

test('backoff doubles per attempt up to the ceiling, keeping at least half of it', () => {
  const b = { baseMs: 100, maxMs: 1000 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 40].map((a) => backoffDelay(a, b, () => 1)),
    [100, 200, 400, 800, 1000, 1000],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((a) => backoffDelay(a, b, () => 0)),
    [50, 100, 200, 400, 500],
  );
});
