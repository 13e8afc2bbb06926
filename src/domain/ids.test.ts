import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseUuid, uuidv7 } from './ids.ts';

test('UUIDv7: version and variant bits, time prefix, order within a millisecond', () => {
  const t = Date.UTC(2026, 10, 22, 12, 0, 0);
  const ids = Array.from({ length: 5000 }, () => uuidv7(t));
  for (const id of ids) {
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  assert.equal(parseInt(ids[0]!.replaceAll('-', '').slice(0, 12), 16), t);
  const sorted = [...ids].sort();
  assert.deepEqual(sorted, ids, 'ids from one process sort in creation order');
  assert.equal(new Set(ids).size, ids.length);
});

test('ids are accepted with or without dashes, in any case', () => {
  const id = uuidv7();
  assert.equal(normaliseUuid(id.replaceAll('-', '').toUpperCase()), id);
  assert.equal(normaliseUuid('d8d9505a-161b-4776-9efb-4939d5b02e990'), null);
  assert.equal(normaliseUuid('nope'), null);
});
