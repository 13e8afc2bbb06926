// The SMSC misbehaviour catalogue: under each way real SMSCs misbehave, every message reaches a
// final state, and nothing is sent twice unless the connector is told to resend (DESIGN.md's
// crash policy: a part that went out unanswered may have reached the handset).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseForSuite, forEachDialect } from '../dialects.ts';
import { countStates, startRig, type EngineRig } from '../engine.ts';
import type { ConnectorSettings } from '../../src/engine/ports.ts';
import type { Misbehaviour } from '../../src/simulator/simulator.ts';

interface Run {
  rig: EngineRig;
  /** submit_sm received per destination. */
  sends: Map<string, number>;
}

const recipient = (i: number) => `+4917255${String(i).padStart(5, '0')}`;

forEachDialect('SMSC misbehaviour catalogue', (dialect) => {
  const suite = databaseForSuite(dialect);

  async function withRig(misbehaviour: Misbehaviour, connector: Partial<ConnectorSettings>, body: (r: Run) => Promise<void>, extra: { receiptGraceMs?: number } = {}) {
    const sends = new Map<string, number>();
    const rig = await startRig(suite.db, {
      simulator: { misbehaviour, onSubmit: (pdu) => sends.set(String(pdu.fields.destination_addr), (sends.get(String(pdu.fields.destination_addr)) ?? 0) + 1) },
      connector,
      ...extra,
    });
    try {
      await body({ rig, sends });
    } finally {
      await rig.close();
    }
  }
  const queueNumbered = (rig: EngineRig, n: number, over = {}) => rig.queue(n, (i) => ({ recipient: recipient(i), ...over }));
  const maxSends = (sends: Map<string, number>) => Math.max(0, ...sends.values());

  test('throttling above N/s: backs off and delivers everything, each once', async () => {
    await withRig({ mode: 'throttle', perSecond: 20 }, { window: 20 }, async ({ rig, sends }) => {
      const recs = await queueNumbered(rig, 60);
      assert.deepEqual(
        countStates(
          await rig.settle(
            recs.map((r) => r.id),
            30_000,
          ),
        ),
        { delivered: 60 },
      );
      assert.ok(rig.engine.status(rig.connector.id)!.counters.throttled > 0, 'the SMSC did throttle');
      assert.equal(sends.size, 60);
      // A throttled submit_sm was refused, so its resend is not a duplicate; count accepted ones.
      assert.equal(rig.simulator.submitted - rig.engine.status(rig.connector.id)!.counters.throttled, 60);
    });
  });

  test('no response: messages end unknown, none sent twice', async () => {
    await withRig({ mode: 'no_response' }, { responseTimeoutMs: 300 }, async ({ rig, sends }) => {
      const recs = await queueNumbered(rig, 5);
      const states = await rig.settle(recs.map((r) => r.id));
      assert.deepEqual(countStates(states), { unknown: 5 });
      assert.equal(maxSends(sends), 1);
      assert.match((await rig.store.timeline(recs[0]!.id))!.errorReason!, /no response/);
    });
  });

  test('unbind on submit: the unanswered message is unknown, the link comes back', async () => {
    await withRig({ mode: 'unbind_on_submit' }, {}, async ({ rig, sends }) => {
      const recs = await queueNumbered(rig, 4);
      assert.deepEqual(countStates(await rig.settle(recs.map((r) => r.id))), { unknown: 4 });
      assert.equal(maxSends(sends), 1);
      rig.simulator.misbehave({ mode: 'none' });
      const next = await queueNumbered(rig, 3, {});
      assert.deepEqual(countStates(await rig.settle(next.map((r) => r.id))), { delivered: 3 });
      assert.ok(rig.engine.status(rig.connector.id)!.reconnects >= 1);
    });
  });

  test('bind refused: messages wait queued, the error is visible, then they go once binds work', async () => {
    await withRig({ mode: 'refuse_bind' }, {}, async ({ rig }) => {
      const recs = await queueNumbered(rig, 5);
      await new Promise((r) => setTimeout(r, 400));
      assert.deepEqual(countStates(await rig.states(recs.map((r) => r.id))), { queued: 5 });
      const live = rig.engine.status(rig.connector.id)!;
      assert.equal(live.bound, 0);
      assert.match(live.lastError!, /bind failed/);
      rig.simulator.misbehave({ mode: 'none' });
      assert.deepEqual(countStates(await rig.settle(recs.map((r) => r.id))), { delivered: 5 });
    });
  });

  test('receipt before response: parked, then matched', async () => {
    await withRig({ mode: 'receipt_before_response', responseDelayMs: 60 }, {}, async ({ rig }) => {
      const recs = await queueNumbered(rig, 10);
      assert.deepEqual(countStates(await rig.settle(recs.map((r) => r.id))), { delivered: 10 });
      assert.ok(rig.engine.status(rig.connector.id)!.counters.parked > 0, 'receipts were parked');
    });
  });

  test('disconnect every N submits: the dropped ones are unknown, the rest delivered, none sent twice', async () => {
    await withRig({ mode: 'disconnect_every', submits: 7 }, { window: 1 }, async ({ rig, sends }) => {
      const recs = await queueNumbered(rig, 30);
      const states = countStates(await rig.settle(recs.map((r) => r.id)));
      assert.equal(maxSends(sends), 1);
      assert.equal(states.unknown, 4, 'submits 7, 14, 21, 28 were dropped unanswered');
      assert.equal(states.delivered, 26);
    });
  });

  test('disconnect every N submits, connector set to resend: everything delivered (duplicates allowed)', async () => {
    await withRig({ mode: 'disconnect_every', submits: 7 }, { window: 1, resendUnconfirmed: true }, async ({ rig, sends }) => {
      const recs = await queueNumbered(rig, 30);
      assert.deepEqual(countStates(await rig.settle(recs.map((r) => r.id))), { delivered: 30 });
      assert.ok(maxSends(sends) >= 2, 'the dropped ones went again');
    });
  });

  for (const part of ['first', 'last'] as const) {
    test(`receipt for the ${part} part only: delivered with anyPartDelivers, unknown after validity without`, async () => {
      await withRig({ mode: 'receipt_for_part', part }, { anyPartDelivers: true }, async ({ rig }) => {
        const recs = await queueNumbered(rig, 3, { text: 'w'.repeat(400), segments: 3 });
        assert.deepEqual(countStates(await rig.settle(recs.map((r) => r.id))), { delivered: 3 });
      });
      await withRig(
        { mode: 'receipt_for_part', part },
        {},
        async ({ rig }) => {
          const recs = await queueNumbered(rig, 3, { text: 'w'.repeat(400), segments: 3, expiresAt: Date.now() + 1500 });
          const states = await rig.settle(recs.map((r) => r.id));
          assert.deepEqual(countStates(states), { unknown: 3 });
          const t = (await rig.store.timeline(recs[0]!.id))!;
          assert.deepEqual(t.parts.map((p) => p.state).filter((x) => x === 'delivered').length, 1);
          assert.match(t.errorReason!, /no final delivery receipt/);
        },
        { receiptGraceMs: 0 },
      );
    });
  }

  for (const form of ['lowercase', 'decimal', 'zero_padded'] as const) {
    test(`receipt ids written ${form}: matched`, async () => {
      await withRig({ mode: 'receipt_id_form', form }, {}, async ({ rig }) => {
        const recs = await queueNumbered(rig, 5);
        assert.deepEqual(countStates(await rig.settle(recs.map((r) => r.id))), { delivered: 5 });
        assert.equal(rig.engine.status(rig.connector.id)!.counters.parked, 0);
      });
    });
  }
});
