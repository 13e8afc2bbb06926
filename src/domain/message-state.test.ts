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
  assert.deepEqual(
    MESSAGE_STATES.filter((s) => !isCharged(s)),
    ['failed', 'blocked', 'test'],
  );
  assert.equal(isMessageState('delivered'), true);
  assert.equal(isMessageState('sent'), false);
});

test('undelivered: temporary for an absent, busy or full handset, else permanent', () => {
  assert.equal(reportCategory('undelivered', 27), 'temporary_error', 'absent subscriber');
  assert.equal(reportCategory('undelivered', 31), 'temporary_error', 'subscriber busy for MT-SMS');
  assert.equal(reportCategory('undelivered', 1), 'permanent_error', 'unknown subscriber');
  assert.equal(reportCategory('undelivered', null), 'permanent_error');
  assert.equal(reportCategory('rejected', 27), 'permanent_error', 'a rejection is permanent whatever the code');
  assert.equal(reportCategory('blocked'), 'unsubscribed');
});
