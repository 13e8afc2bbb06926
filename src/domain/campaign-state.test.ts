import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionsFor, CAMPAIGN_EVENTS, CAMPAIGN_STATUSES, type CampaignEvent, type CampaignStatus, move } from './campaign-state.ts';

// Written out by hand from seed 001 and issue #13, not computed from the module: every cell of
// status × event is either the state it reaches or refused (absent).
const EXPECTED: Record<CampaignStatus, Partial<Record<CampaignEvent, CampaignStatus>>> = {
  draft: { launch: 'processing', reject: 'rejected' },
  processing: { reject: 'rejected', prepared: 'ready', suspend: 'suspended', abort: 'aborted' },
  ready: { schedule: 'scheduled', start: 'sending', suspend: 'suspended', abort: 'aborted' },
  scheduled: { start: 'sending', pause: 'paused', suspend: 'suspended', abort: 'aborted' },
  sending: { pause: 'paused', suspend: 'suspended', abort: 'aborted', finish: 'finished' },
  paused: { resume: 'sending', suspend: 'suspended', abort: 'aborted' },
  suspended: { resume: 'sending', abort: 'aborted' },
  aborted: {},
  rejected: { edit: 'draft' },
  finished: {},
};

for (const status of CAMPAIGN_STATUSES) {
  for (const event of CAMPAIGN_EVENTS) {
    const to = EXPECTED[status][event];
    test(`${status} + ${event} → ${to ?? 'refused'}`, () => {
      const m = move(status, event);
      if (to === undefined) {
        assert.equal(m.ok, false);
        assert.match(!m.ok ? m.reason : '', new RegExp(`^a campaign that is ${status} cannot `));
      } else {
        assert.ok(m.ok, !m.ok ? m.reason : '');
        assert.equal(m.to, to);
        assert.ok(m.from.includes(status), 'the guard of the UPDATE includes the state it leaves');
      }
    });
  }
}

test('every guard lists exactly the states the event is allowed from', () => {
  for (const event of CAMPAIGN_EVENTS) {
    const allowed = CAMPAIGN_STATUSES.filter((s) => EXPECTED[s][event] !== undefined);
    for (const s of allowed) {
      const m = move(s, event);
      assert.ok(m.ok);
      assert.deepEqual([...m.from].sort(), [...allowed].sort(), event);
    }
  }
});

test('a paused campaign whose send time is still ahead resumes to Scheduled; a suspended one sends', () => {
  assert.equal((move('paused', 'resume', { due: false }) as { to: string }).to, 'scheduled');
  assert.equal((move('paused', 'resume', { due: true }) as { to: string }).to, 'sending');
  assert.equal((move('suspended', 'resume', { due: false }) as { to: string }).to, 'sending');
});

test('the actions a person has on each status', () => {
  assert.deepEqual(actionsFor('draft'), ['launch']);
  assert.deepEqual(actionsFor('sending'), ['pause', 'abort']);
  assert.deepEqual(actionsFor('paused'), ['resume', 'abort']);
  assert.deepEqual(actionsFor('suspended'), ['resume', 'abort']);
  assert.deepEqual(actionsFor('rejected'), ['edit']);
  assert.deepEqual(actionsFor('finished'), []);
});
