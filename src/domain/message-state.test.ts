import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FINAL_STATES, MESSAGE_STATES, isCharged, isMessageState, reportCategory } from './message-state.ts';

test('every state has a category except test messages, which are not reported', () => {
  for (const s of MESSAGE_STATES) {
    if (s === 'test') assert.equal(reportCategory(s), null);
    else assert.ok(reportCategory(s));
  }
  assert.equal(reportCategory('submitted'), 'pending');
  assert.equal(reportCategory('expired'), 'temporary_error');
  assert.equal(reportCategory('rejected'), 'permanent_error');
  assert.equal(reportCategory('blocked'), 'unsubscribed');
});

test('pending states are the only non-final ones', () => {
  const pending = MESSAGE_STATES.filter((s) => !FINAL_STATES.has(s));
  assert.deepEqual(pending, ['queued', 'submitting', 'submitted']);
});

test('blocked, test and failed messages are not charged', () => {
  assert.deepEqual(MESSAGE_STATES.filter((s) => !isCharged(s)), ['failed', 'blocked', 'test']);
  assert.equal(isMessageState('delivered'), true);
  assert.equal(isMessageState('sent'), false);
});
