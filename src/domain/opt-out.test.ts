import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCKED_REASON, blockedMessage, DEFAULT_KEYWORDS, DEFAULT_OPT_IN, DEFAULT_OPT_OUT, keywordAction, keywordListsProblem } from './opt-out.ts';

test('every default keyword, in any case, trimmed, with inner spacing collapsed', () => {
  for (const k of DEFAULT_OPT_OUT) {
    assert.equal(keywordAction(k), 'opt_out', k);
    assert.equal(keywordAction(`  ${k.toLowerCase()}\n`), 'opt_out', k);
  }
  for (const k of DEFAULT_OPT_IN) assert.equal(keywordAction(` ${k.toLowerCase()} `), 'opt_in', k);
  assert.equal(keywordAction('Stop   All'), 'opt_out');
});

test('only the whole message counts', () => {
  for (const t of ['STOP please', 'please stop', 'STOPP', 'Stop! ', 'startup', '', '   ']) assert.equal(keywordAction(t), null, JSON.stringify(t));
});

test("an account's own lists replace the defaults", () => {
  const lists = { optOut: ['ABMELDEN', 'stopp'], optIn: ['ANMELDEN'] };
  assert.equal(keywordAction('abmelden', lists), 'opt_out');
  assert.equal(keywordAction('STOPP', lists), 'opt_out');
  assert.equal(keywordAction('STOP', lists), null);
  assert.equal(keywordAction('Anmelden', lists), 'opt_in');
});

test('a blocked message is final at intake, never charged, with its reason', () => {
  const m = { id: 'x', state: 'queued', createdAt: 1000, priceMicros: 60_000, buyPriceMicros: 12_000, doneAt: null, errorReason: null };
  assert.deepEqual(blockedMessage(m), { id: 'x', state: 'blocked', createdAt: 1000, priceMicros: null, buyPriceMicros: null, doneAt: 1000, errorReason: BLOCKED_REASON });
});

test('keyword lists: words of a sensible size, none in both lists', () => {
  assert.equal(keywordListsProblem(DEFAULT_KEYWORDS), null);
  assert.deepEqual(keywordListsProblem({ optOut: ['STOP', ' '], optIn: [] }), { field: 'optOut', message: 'optOut has an empty keyword' });
  assert.equal(keywordListsProblem({ optOut: [], optIn: ['x'.repeat(33)] })?.field, 'optIn');
  assert.equal(keywordListsProblem({ optOut: Array.from({ length: 51 }, (_, i) => `W${i}`), optIn: [] })?.field, 'optOut');
  assert.deepEqual(keywordListsProblem({ optOut: ['Stop All'], optIn: ['stop   all'] }), { field: 'optIn', message: '"stop   all" is in both optOut and optIn' });
});
