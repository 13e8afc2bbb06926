import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { wholeAccount } from '../domain/scopes.ts';
import { forEachDialect, scratch, type Scratch } from '../../test/dialects.ts';
import { asSubmission, messageRecord } from '../../test/factories.ts';
import { smscIdKey, smscIdKeys } from '../domain/smsc-id.ts';
import type { DispatchBatch, DispatchStore, LaneIdentity, SubmitOutcome } from '../engine/ports.ts';
import type { TrafficAccount } from '../gateway/ports.ts';
import type { Database } from './database.ts';
import { dispatchStore } from './dispatch-repository.ts';
import { SqlMessageStore } from './message-repository.ts';
import { SqlTenancyStore } from './tenancy-repository.ts';
import { SqlBlacklistStore } from './blacklist-repository.ts';
import { BLOCKED_REASON } from '../domain/opt-out.ts';

const empty = (): DispatchBatch => ({ submitting: [], outcomes: [], expired: [], released: [], receipts: [] });
const LEASE = 60_000;

function sent(id: string, smscIds: Array<string | null>, at = Date.now()): SubmitOutcome {
  return {
    id,
    state: 'submitted',
    parts: smscIds.map((s, i) => ({ seq: i + 1, smscId: s === null ? null : smscIdKey(s), status: 0, state: 'submitted', at })),
    errorCode: null,
    reason: null,
  };
}
const receipt = (id: string, stat: string, err = '000') => ({ keys: smscIdKeys(id), stat, error: err, network: null, doneAt: Date.now() });

forEachDialect('dispatch store', (dialect) => {
  let s: Scratch;
  let db: Database;
  let store: DispatchStore;
  let messages: SqlMessageStore;
  let ta: TrafficAccount;
  let n = 0;
  let lane: LaneIdentity;

  before(async () => {
    s = scratch(dialect);
    db = await s.open();
    store = dispatchStore(db);
    messages = new SqlMessageStore(db);
    const tenancy = new SqlTenancyStore(db);
    const accountId = await tenancy.createAccount('acme', Date.now());
    ta = await tenancy.createTrafficAccount({ accountId, name: 'promo', currency: 'EUR', conversionTracking: false }, Date.now());
  });
  after(() => s.dispose());
  // Each test gets its own connector id, so leftovers of one never match in another.
  beforeEach(async () => {
    n++;
    lane = { connectorId: n, owner: `lane-${n}`, anyPartDelivers: false };
    // Nothing queued is left from an earlier test.
    const leftovers = await store.claim({ ...lane, owner: 'sweeper' }, 100_000, Date.now(), Date.now() + LEASE, true);
    await store.write({ ...lane, owner: 'sweeper' }, { ...empty(), expired: leftovers.map((m) => m.id) }, Date.now(), 0);
  });

  async function queue(count: number, over = {}) {
    const base = Date.now();
    const recs = Array.from({ length: count }, (_, i) => messageRecord(ta, { createdAt: base + i, ...over }));
    await messages.insert(asSubmission(recs));
    return recs;
  }
  const stateOf = async (id: string) => (await messages.get(wholeAccount(ta.accountId), id))!.state;

  test('claims take the oldest queued messages; on PostgreSQL a lease keeps other workers off them', async () => {
    const recs = await queue(5);
    const now = Date.now();
    const first = await store.claim(lane, 3, now, now + LEASE, true);
    assert.deepEqual(
      first.map((m) => m.id),
      recs.slice(0, 3).map((r) => r.id),
    );
    assert.equal(first[0]!.recipient, recs[0]!.recipient);
    assert.equal(await stateOf(recs[0]!.id), 'queued', 'a claim does not change the state');
    const second = await store.claim({ ...lane, owner: 'other' }, 10, now, now + LEASE, true);
    // SQLite has one worker per database: its claims live in the lane's memory.
    assert.deepEqual(
      second.map((m) => m.id),
      (dialect === 'postgres' ? recs.slice(3) : recs).map((r) => r.id),
    );
  });

  test('only one lane marks a message submitting; the others see it lost', async () => {
    const [a] = await queue(1);
    const now = Date.now();
    await store.claim(lane, 1, now, now + LEASE, true);
    if (dialect === 'postgres') {
      const stolen = await store.write({ ...lane, owner: 'intruder' }, { ...empty(), submitting: [a!.id] }, now, now + LEASE);
      assert.deepEqual(stolen.lost, [a!.id], 'not the lease holder');
    }
    const mine = await store.write(lane, { ...empty(), submitting: [a!.id] }, now, now + LEASE);
    assert.deepEqual(mine.submitting, [a!.id]);
    assert.equal(await stateOf(a!.id), 'submitting');
    const late = await store.write({ ...lane, owner: 'late' }, { ...empty(), submitting: [a!.id] }, now, now + LEASE);
    assert.deepEqual(late.lost, [a!.id], 'already marked by another lane');
  });

  test('a message is delivered when every part is; a failed part fails it', async () => {
    const [a, b] = await queue(2);
    const now = Date.now();
    await store.claim(lane, 2, now, now + LEASE, true);
    await store.write(lane, { ...empty(), submitting: [a!.id, b!.id] }, now, now + LEASE);
    await store.write(lane, { ...empty(), outcomes: [sent(a!.id, ['A1F0', 'A1F1']), sent(b!.id, ['B2F0', 'B2F1'])] }, now, now + LEASE);
    assert.equal(await stateOf(a!.id), 'submitted');
    const r1 = await store.write(lane, { ...empty(), receipts: [receipt('a1f0', 'DELIVRD')] }, now, 0);
    assert.equal(r1.matched, 1);
    assert.equal(await stateOf(a!.id), 'submitted', 'one part of two is not the message');
    await store.write(lane, { ...empty(), receipts: [receipt('A1F1', 'DELIVRD'), receipt('B2F1', 'UNDELIV', '001')] }, now, 0);
    assert.equal(await stateOf(a!.id), 'delivered');
    assert.equal(await stateOf(b!.id), 'undelivered', 'a failed part fails the message at once');
    const parts = (await store.timeline(b!.id))!.parts;
    assert.deepEqual(
      parts.map((p) => [p.seq, p.state, p.smscId, p.receiptError]),
      [
        [1, 'submitted', 'b2f0', null],
        [2, 'undelivered', 'b2f1', '001'],
      ],
    );
    assert.equal((await messages.get(wholeAccount(ta.accountId), b!.id))!.state, 'undelivered');
  });

  test('a carrier that reports one part delivers the message with it (anyPartDelivers)', async () => {
    const [a] = await queue(1);
    const now = Date.now();
    const any = { ...lane, anyPartDelivers: true };
    await store.claim(any, 1, now, now + LEASE, true);
    await store.write(any, { ...empty(), submitting: [a!.id] }, now, now + LEASE);
    await store.write(any, { ...empty(), outcomes: [sent(a!.id, ['C1', 'C2', 'C3'])] }, now, 0);
    await store.write(any, { ...empty(), receipts: [receipt('c3', 'DELIVRD')] }, now, 0);
    assert.equal(await stateOf(a!.id), 'delivered');
  });

  test('ids match across base, case and zeros; the exact form wins', async () => {
    const [a] = await queue(1);
    const now = Date.now();
    await store.claim(lane, 1, now, now + LEASE, true);
    await store.write(lane, { ...empty(), submitting: [a!.id] }, now, now + LEASE);
    await store.write(lane, { ...empty(), outcomes: [sent(a!.id, ['16FEE0E525'])] }, now, 0);
    const r = await store.write(lane, { ...empty(), receipts: [receipt('98765432101', 'DELIVRD')] }, now, 0);
    assert.deepEqual([r.matched, r.parked], [1, 0]);
    assert.equal(await stateOf(a!.id), 'delivered');
  });

  test('a receipt before its response is parked, then matched when the response is stored', async () => {
    const [a] = await queue(1);
    const now = Date.now();
    await store.claim(lane, 1, now, now + LEASE, true);
    await store.write(lane, { ...empty(), submitting: [a!.id] }, now, now + LEASE);
    const early = await store.write(lane, { ...empty(), receipts: [receipt('00000BEEF', 'DELIVRD')] }, now, 0);
    assert.deepEqual([early.matched, early.parked], [0, 1]);
    const later = await store.write(lane, { ...empty(), outcomes: [sent(a!.id, ['BEEF'])] }, now, 0);
    assert.equal(later.matched, 1);
    assert.equal(await stateOf(a!.id), 'delivered');
    assert.deepEqual(await store.retryParked(lane, now, now + 1), { matched: 0, orphaned: 0 }, 'the parked receipt is gone');
  });

  test('parked receipts are retried, then counted as orphans', async () => {
    const now = Date.now();
    await store.write(lane, { ...empty(), receipts: [receipt('DEAD01', 'DELIVRD')] }, now, 0);
    assert.deepEqual(await store.retryParked(lane, now, now - 1000), { matched: 0, orphaned: 0 }, 'young: kept');
    assert.deepEqual(await store.retryParked(lane, now + 5000, now + 1), { matched: 0, orphaned: 1 });
  });

  test('the reaper frees dead leases, and settles interrupted submits as unknown', async () => {
    const [leased, sub, unclaimed] = await queue(3);
    const now = Date.now();
    await store.claim(lane, 2, now, now + 10, true);
    await store.write(lane, { ...empty(), submitting: [sub!.id] }, now, now + 10);
    const later = now + 20;
    const r = await store.reap(later, [], 0);
    // Only PostgreSQL leases claimed messages; a SQLite claim held in memory leaves no lease.
    assert.deepEqual([r.released, r.unknown, r.resent], [dialect === 'postgres' ? 1 : 0, 1, 0]);
    assert.equal(await stateOf(leased!.id), 'queued');
    assert.equal(await stateOf(sub!.id), 'unknown', 'it may have reached the SMSC: not sent again');
    const again = await store.claim(lane, 10, later, later + LEASE, true);
    assert.deepEqual(again.map((m) => m.id).sort(), [leased!.id, unclaimed!.id].sort());
  });

  test('a connector that resends gets interrupted submits back in the queue', async () => {
    const [a] = await queue(1);
    const now = Date.now();
    await store.claim(lane, 1, now, now + 10, true);
    await store.write(lane, { ...empty(), submitting: [a!.id] }, now, now + 10);
    const r = await store.reap(now + 20, [lane.connectorId], 0);
    assert.deepEqual([r.resent, r.unknown], [1, 0]);
    assert.equal(await stateOf(a!.id), 'queued');
  });

  test('queued messages past validity expire without being sent', async () => {
    const [a] = await queue(1, { expiresAt: Date.now() - 1 });
    const r = await store.reap(Date.now(), [], 0);
    assert.ok(r.expired >= 1);
    assert.equal(await stateOf(a!.id), 'expired');
  });

  test('a sent message whose receipt never comes is settled unknown after its validity', async () => {
    const now = Date.now();
    const [a] = await queue(1, { expiresAt: now + 1000 });
    await store.claim(lane, 1, now, now + LEASE, true);
    await store.write(lane, { ...empty(), submitting: [a!.id] }, now, now + LEASE);
    await store.write(lane, { ...empty(), outcomes: [sent(a!.id, ['F00D'])] }, now, 0);
    assert.equal((await store.reap(now, [], now)).noReceipt, 0, 'still valid');
    assert.equal((await store.reap(now + 5000, [], now + 2000)).noReceipt, 1);
    assert.equal(await stateOf(a!.id), 'unknown');
  });

  test('a restarted worker ends its old leases at once; other workers keep theirs', async () => {
    const [mine, theirs] = await queue(2);
    const now = Date.now();
    await store.claim({ ...lane, owner: 'host-a/1/old' }, 1, now, now + LEASE, true);
    await store.claim({ ...lane, owner: 'host-b/1/x' }, 1, now, now + LEASE, true);
    await store.write({ ...lane, owner: 'host-a/1/old' }, { ...empty(), submitting: [mine!.id] }, now, now + LEASE);
    assert.equal(await store.endLeases('host-a/'), 1);
    const r = await store.reap(now, [], 0);
    assert.equal(r.unknown, 1);
    assert.equal(await stateOf(mine!.id), 'unknown');
    assert.equal(await stateOf(theirs!.id), 'queued');
    if (dialect === 'postgres') assert.equal((await store.claim(lane, 10, now, now + LEASE, true)).length, 0, "host-b's lease holds");
  });

  test('a message whose recipient opted out while it waited is blocked when claimed, not sent, and its price given back', async () => {
    await db.db.updateTable('traffic_accounts').set({ credit_limit_micros: 1_000_000, credit_used_micros: 120_000 }).where('id', '=', ta.id).execute();
    const [stopped, fine] = await queue(2);
    await db.db.updateTable('messages').set({ recipient: '+491725550666' }).where('id', '=', stopped!.id).execute();
    await new SqlBlacklistStore(db).add(ta.accountId, { number: '+491725550666', source: 'keyword', reason: 'STOP', inboundId: null, createdAt: Date.now() });
    const now = Date.now();
    const claimed = await store.claim(lane, 10, now, now + LEASE, true);
    const r = await store.write(lane, { ...empty(), submitting: claimed.map((m) => m.id) }, now, now + LEASE);
    assert.deepEqual([r.blocked, r.submitting, r.lost], [[stopped!.id], [fine!.id], []]);
    const row = await db.db.selectFrom('messages').select(['state', 'price_micros', 'error_reason', 'done_at']).where('id', '=', stopped!.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'blocked', price_micros: null, error_reason: BLOCKED_REASON, done_at: now });
    const used = await db.db.selectFrom('traffic_accounts').select('credit_used_micros').where('id', '=', ta.id).executeTakeFirstOrThrow();
    assert.equal(Number(used.credit_used_micros), 60_000, "the blocked message's 0.06 came back");
    await new SqlBlacklistStore(db).remove(ta.accountId, '+491725550666');
  });
});
