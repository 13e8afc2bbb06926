import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageCount } from './message-count.ts';

test('the counter: characters, parts, Unicode and why; with detection off, GSM-7 counted', () => {
  assert.deepEqual(messageCount('Hello {name}', true), { characters: 12, parts: 1, unicode: false, nonGsm: [] });
  assert.deepEqual(messageCount(`😀 ${'x'.repeat(69)}`, true), { characters: 71, parts: 2, unicode: true, nonGsm: ['😀'] });
  assert.deepEqual(messageCount(`😀 ${'x'.repeat(69)}`, false), { characters: 71, parts: 1, unicode: false, nonGsm: [] });
  assert.deepEqual(messageCount('', true), { characters: 0, parts: 0, unicode: false, nonGsm: [] });
});
