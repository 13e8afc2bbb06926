import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_OPT_IN, DEFAULT_OPT_OUT, keywordAction } from './opt-out.ts';

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
