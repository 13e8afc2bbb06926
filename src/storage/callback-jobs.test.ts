// Every path to a final state enqueues the message's callback in the same transaction (a
// trigger), once, and only when the message or its traffic account has a callback URL.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, scratch, type Scratch } from '../../test/dialects.ts';
import { asSubmission, messageRecord } from '../../test/factories.ts';
import { smscIdKey, smscIdKeys } from '../domain/smsc-id.ts';
import type { DispatchBatch } from '../engine/ports.ts';
import type { TrafficAccount } from '../gateway/ports.ts';
import type { Database } from './database.ts';
import { dispatchStore } from './dispatch-repository.ts';
import { SqlMessageStore } from './message-repository.ts';
import { SqlTenancyStore } from './tenancy-repository.ts';

const empty = (): DispatchBatch => ({ submitting: [], outcomes: [], expired: [], released: [], receipts: [] });

forEachDialect('callback jobs', (dialect) => {
  let s: Scratch;
  let db: Database;
  let withUrl: TrafficAccount;
  let without: TrafficAccount;
  before(async () => {
    s = scratch(dialect);
    db = await s.open();
    const tenancy = new SqlTenancyStore(db);
    const accountId = await tenancy.createAccount('acme', Date.now());
    withUrl = await tenancy.createTrafficAccount({ accountId, name: 'hooked', currency: 'EUR', conversionTracking: false, callbackUrl: 'https://hooks.example/dlr' }, Date.now());
    without = await tenancy.createTrafficAccount({ accountId, name: 'quiet', currency: 'EUR', conversionTracking: false }, Date.now());
  });
  after(() => s.dispose());

  const jobsFor = async (ids: string[]) =>
    (await db.db.selectFrom('jobs').select(['message_id', 'kind', 'state', 'attempts']).where('message_id', 'in', ids).orderBy('id').execute()).map((j) => ({ ...j, attempts: Number(j.attempts) }));

  test('a delivered receipt enqueues one callback; states on the way do not', async () => {
    const store = dispatchStore(db);
    const lane = { connectorId: 7, owner: 'w/7/a', anyPartDelivers: false };
    const [m] = [messageRecord(withUrl)];
    await new SqlMessageStore(db).insert(asSubmission([m!]));
    const now = Date.now();
    await store.claim(lane, 10, now, now + 60_000, true);
    await store.write(lane, { ...empty(), submitting: [m!.id] }, now, now + 60_000);
    await store.write(
      lane,
      { ...empty(), outcomes: [{ id: m!.id, state: 'submitted', parts: [{ seq: 1, smscId: smscIdKey('A1'), status: 0, state: 'submitted', at: now }], errorCode: null, reason: null }] },
      now,
      0,
    );
    assert.deepEqual(await jobsFor([m!.id]), [], 'submitted is not final');
    await store.write(lane, { ...empty(), receipts: [{ keys: smscIdKeys('A1'), stat: 'DELIVRD', error: '000', network: null, doneAt: now }] }, now, 0);
    assert.deepEqual(await jobsFor([m!.id]), [{ message_id: m!.id, kind: 'callback', state: 'pending', attempts: 0 }]);
    // A repeated final receipt changes nothing.
    await store.write(lane, { ...empty(), receipts: [{ keys: smscIdKeys('A1'), stat: 'DELIVRD', error: '000', network: null, doneAt: now }] }, now, 0);
    assert.equal((await jobsFor([m!.id])).length, 1);
  });

  test("the message's own URL, or its account's; neither: no job", async () => {
    const own = messageRecord(without, { callbackUrl: 'https://own.example/x' });
    const inherited = messageRecord(withUrl);
    const none = messageRecord(without);
    await new SqlMessageStore(db).insert(asSubmission([own, inherited, none]));
    const now = Date.now();
    for (const m of [own, inherited, none]) {
      await db.db.updateTable('messages').set({ state: 'undelivered', updated_at: now }).where('id', '=', m.id).execute();
    }
    assert.deepEqual(
      (await jobsFor([own.id, inherited.id, none.id])).map((j) => j.message_id),
      [own.id, inherited.id],
    );
  });

  test('born final (intake: no_route, blocked) enqueues at once; test messages never report', async () => {
    const failed = messageRecord(withUrl, { state: 'failed', errorReason: 'no_route: no route matches this message' });
    const blocked = messageRecord(withUrl, { state: 'blocked' });
    const dry = messageRecord(withUrl, { state: 'test' });
    await new SqlMessageStore(db).insert(asSubmission([failed, blocked, dry]));
    assert.deepEqual(
      (await jobsFor([failed.id, blocked.id, dry.id])).map((j) => j.message_id),
      [failed.id, blocked.id],
    );
  });

  test('a reaped message (unknown) reports too', async () => {
    const store = dispatchStore(db);
    const lane = { connectorId: 8, owner: 'w/8/a', anyPartDelivers: false };
    const m = messageRecord(withUrl);
    await new SqlMessageStore(db).insert(asSubmission([m]));
    const now = Date.now();
    await store.claim(lane, 10, now, now + 10, true);
    await store.write(lane, { ...empty(), submitting: [m.id] }, now, now + 10);
    await store.reap(now + 1000, [], 0);
    assert.deepEqual(await jobsFor([m.id]), [{ message_id: m.id, kind: 'callback', state: 'pending', attempts: 0 }]);
  });

  test("a job carries its report's facts from the moment the message became final, the receipt's network among them", async () => {
    const m = messageRecord(withUrl, { reference: 'order 7', priceMicros: 120_000, segments: 2 });
    await new SqlMessageStore(db).insert(asSubmission([m]));
    const now = Date.now();
    await db.db
      .insertInto('message_parts')
      .values({
        message_id: m.id,
        seq: 1,
        total: 1,
        connector_id: 9,
        smsc_id: 'ff',
        state: 'delivered',
        submit_status: 0,
        submitted_at: now,
        receipt_stat: 'DELIVRD',
        receipt_error: '000',
        network: '26201',
        done_at: now,
        receipt_at: now,
      })
      .execute();
    await db.db
      .updateTable('messages')
      .set({ state: 'delivered', submitted_at: now - 5, done_at: now, error_code: 0, updated_at: now })
      .where('id', '=', m.id)
      .execute();
    const job = await db.db.selectFrom('jobs').select('payload').where('message_id', '=', m.id).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(job.payload!), {
      id: m.id,
      state: 'delivered',
      error_code: 0,
      reference: 'order 7',
      recipient: m.recipient,
      sender: 'Petrel',
      price_micros: 120_000,
      segments: 2,
      submitted_at: now - 5,
      done_at: now,
      callback_url: null,
      traffic_account_id: withUrl.id,
      network: '26201',
    });
  });
});
