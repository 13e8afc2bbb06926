// Inbound messages in storage, on both dialects: long messages reassembled from their parts
// (any order, repeats, two at once), the number's traffic account, opt-out and opt-in keywords
// applied to the account's blacklist in the same transaction, and the forward job enqueued.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { wholeAccount } from '../domain/scopes.ts';
import { databaseForSuite, forEachDialect } from '../../test/dialects.ts';
import { uuidv7 } from '../domain/ids.ts';
import { CATCH_ALL_NUMBER, type Concat } from '../domain/inbound.ts';
import type { InboundPart } from '../engine/ports.ts';
import type { TrafficAccount } from '../gateway/ports.ts';
import { SqlBlacklistStore } from './blacklist-repository.ts';
import { SqlInboundStore, SqlNumberStore } from './inbound-repository.ts';
import { SqlTenancyStore } from './tenancy-repository.ts';

let sender = 0;
/** A fresh phone number per test, so tests do not see each other's parts or entries. */
const phone = () => `49172555${String(1000 + ++sender)}`;

const part = (from: string, to: string, text: string, concat: Concat | null = null, at = Date.now()): InboundPart => ({
  id: uuidv7(),
  connectorId: 1,
  from,
  to,
  text,
  encoding: 'GSM-7',
  concat,
  receivedAt: at,
});

forEachDialect('inbound storage', (dialect) => {
  const suite = databaseForSuite(dialect);
  let store: SqlInboundStore;
  let blacklist: SqlBlacklistStore;
  let ta: TrafficAccount;
  let hooked: TrafficAccount;
  before(async () => {
    const tenancy = new SqlTenancyStore(suite.db);
    const accountId = await tenancy.createAccount('acme', Date.now());
    ta = await tenancy.createTrafficAccount({ accountId, name: 'two-way', type: 'two_way' }, Date.now());
    hooked = await tenancy.createTrafficAccount({ accountId, name: 'hooked', inboundUrl: 'https://hooks.example/mo' }, Date.now());
    const numbers = new SqlNumberStore(suite.db);
    assert.equal(await numbers.add({ number: '4930123', trafficAccountId: ta.id, createdAt: Date.now() }), true);
    assert.equal(await numbers.add({ number: '+4915112345678', trafficAccountId: hooked.id, createdAt: Date.now() }), true);
    assert.equal(await numbers.add({ number: '4930123', trafficAccountId: hooked.id, createdAt: Date.now() }), false, 'a number has one owner');
    store = new SqlInboundStore(suite.db);
    blacklist = new SqlBlacklistStore(suite.db);
  });

  test('a one-part message is stored with the traffic account of its number', async () => {
    const from = phone();
    const m = await store.receive(part(from, '4930123', 'Hello there'));
    assert.deepEqual(
      { from: m!.from, to: m!.to, text: m!.text, parts: m!.parts, ta: m!.trafficAccountId, account: m!.accountId, action: m!.action },
      { from: `+${from}`, to: '4930123', text: 'Hello there', parts: 1, ta: ta.id, account: ta.accountId, action: null },
    );
    assert.deepEqual((await store.get(wholeAccount(ta.accountId), m!.id))?.text, 'Hello there');
    assert.equal(await store.get(wholeAccount(ta.accountId + 1), m!.id), null, "another account's key does not see it");
    assert.equal(await store.get({ accountId: ta.accountId, trafficAccountIds: [] }, m!.id), null, 'nor a person of no traffic account');
    assert.equal((await store.get({ accountId: ta.accountId, trafficAccountIds: [ta.id] }, m!.id))?.id, m!.id);
  });

  test('a long message is stored once every part is in, whatever the order; a repeated part changes nothing', async () => {
    const from = phone();
    const c = (seq: number): Concat => ({ ref: 77, total: 3, seq });
    assert.equal(await store.receive(part(from, '4930123', 'world, ', c(2))), null);
    assert.equal(await store.receive(part(from, '4930123', 'world, ', c(2))), null, 'the SMSC sent part 2 again');
    assert.equal(await store.receive(part(from, '4930123', 'again!', c(3))), null);
    const whole = await store.receive(part(from, '4930123', 'Hello ', c(1)));
    assert.deepEqual([whole!.text, whole!.parts], ['Hello world, again!', 3]);
    const left = await suite.db.db.selectFrom('inbound_parts').select('seq').where('sender', '=', `+${from}`).execute();
    assert.deepEqual(left, [], 'its parts are gone');
  });

  test('parts of two messages with the same reference but another length, or from another phone, do not mix', async () => {
    const [a, b] = [phone(), phone()];
    assert.equal(await store.receive(part(a, '4930123', 'A1', { ref: 5, total: 2, seq: 1 })), null);
    assert.equal(await store.receive(part(b, '4930123', 'B2', { ref: 5, total: 2, seq: 2 })), null);
    assert.equal(await store.receive(part(a, '4930123', 'X2', { ref: 5, total: 3, seq: 2 })), null);
    assert.equal((await store.receive(part(a, '4930123', 'A2', { ref: 5, total: 2, seq: 2 })))!.text, 'A1A2');
    assert.equal((await store.receive(part(b, '4930123', 'B1', { ref: 5, total: 2, seq: 1 })))!.text, 'B1B2');
  });

  test('parts that arrive at the same moment still complete their message exactly once', async () => {
    // 20 long messages whose parts all arrive at once (PostgreSQL runs them on concurrent
    // connections): each is completed by exactly one of its parts.
    const froms = Array.from({ length: 20 }, phone);
    const parts = froms.flatMap((from) => [1, 2, 3, 4].map((seq) => part(from, '4930123', `p${seq} `, { ref: 9, total: 4, seq })));
    const results = await Promise.all(parts.map((p) => store.receive(p)));
    const whole = results.filter((r) => r !== null);
    assert.deepEqual(
      whole.map((m) => m.text),
      froms.map(() => 'p1 p2 p3 p4 '),
    );
    assert.deepEqual(new Set(whole.map((m) => m.from)), new Set(froms.map((f) => `+${f}`)));
  });

  test('STOP puts the sender on the account blacklist with status OPTOUT; START takes it off', async () => {
    const from = phone();
    const stop = await store.receive(part(from, '4930123', '  stop '));
    assert.equal(stop!.action, 'opt_out');
    const entry = await blacklist.get(ta.accountId, `+${from}`);
    assert.deepEqual({ ...entry, createdAt: 0 }, { number: `+${from}`, source: 'keyword', reason: '  stop ', inboundId: stop!.id, createdAt: 0 });
    const again = await store.receive(part(from, '4930123', 'UNSUBSCRIBE'));
    assert.equal(again!.action, 'opt_out');
    assert.equal((await blacklist.get(ta.accountId, `+${from}`))!.inboundId, stop!.id, 'the first opt-out stands');
    const start = await store.receive(part(from, '4930123', 'Start'));
    assert.equal(start!.action, 'opt_in');
    assert.equal(await blacklist.get(ta.accountId, `+${from}`), null);
  });

  test("an account's own keywords replace the defaults; a message to an unknown number has no account and changes no list", async () => {
    await blacklist.setKeywords(ta.accountId, { optOut: ['ABMELDEN'], optIn: ['ANMELDEN'] });
    const from = phone();
    assert.equal((await store.receive(part(from, '4930123', 'STOP')))!.action, null);
    assert.equal((await store.receive(part(from, '4930123', 'abmelden')))!.action, 'opt_out');
    await blacklist.setKeywords(ta.accountId, null);
    const stray = await store.receive(part(from, '99999', 'STOP'));
    assert.deepEqual([stray!.accountId, stray!.trafficAccountId, stray!.action], [null, null, null]);
    assert.ok(
      (await store.list(null, {}, null, 100)).some((m) => m.id === stray!.id),
      'listed as unassigned',
    );
  });

  test('the catch-all number takes what no number has: its keywords apply; a number of its own still wins', async () => {
    const numbers = new SqlNumberStore(suite.db);
    assert.equal(await numbers.add({ number: CATCH_ALL_NUMBER, trafficAccountId: hooked.id, createdAt: Date.now() }), true);
    try {
      const from = phone();
      const stray = await store.receive(part(from, '99998', 'STOP'));
      assert.deepEqual([stray!.trafficAccountId, stray!.action], [hooked.id, 'opt_out']);
      assert.equal((await blacklist.get(hooked.accountId, `+${from}`))?.inboundId, stray!.id);
      assert.equal((await store.receive(part(from, '4930123', 'Hi')))!.trafficAccountId, ta.id, "the number's own traffic account");
    } finally {
      assert.equal(await numbers.remove(CATCH_ALL_NUMBER), true);
    }
  });

  test('a message to a traffic account with an inbound URL enqueues its forward; one without does not', async () => {
    const to = await store.receive(part(phone(), '+4915112345678', 'Hi'));
    const quiet = await store.receive(part(phone(), '4930123', 'Hi'));
    const jobs = await suite.db.db.selectFrom('jobs').select(['inbound_id', 'kind', 'state']).where('inbound_id', 'in', [to!.id, quiet!.id]).execute();
    assert.deepEqual(jobs, [{ inbound_id: to!.id, kind: 'inbound', state: 'pending' }]);
  });

  test('lists newest first with filters and a cursor; stale parts are dropped', async () => {
    const from = phone();
    const ids = [];
    for (const t of ['one', 'two', 'three']) ids.push((await store.receive(part(from, '4930123', t)))!.id);
    const page = await store.list(wholeAccount(ta.accountId), { sender: `+${from}` }, null, 2);
    assert.deepEqual(
      page.map((m) => m.text),
      ['three', 'two'],
    );
    assert.deepEqual(
      (await store.list(wholeAccount(ta.accountId), { sender: from }, page[1]!.id, 2)).map((m) => m.text),
      ['one'],
    );
    await store.receive(part(phone(), '4930123', 'lonely', { ref: 1, total: 2, seq: 1 }, Date.now() - 2 * 86_400_000));
    assert.equal(await store.dropStaleParts(Date.now() - 86_400_000), 1);
  });
});

forEachDialect('inbound storage: an install with one traffic account', (dialect) => {
  const suite = databaseForSuite(dialect);

  test('a message to a number nobody has is the only traffic account’s, and its STOP blacklists (the fresh install)', async () => {
    const tenancy = new SqlTenancyStore(suite.db);
    const only = await tenancy.createTrafficAccount({ accountId: await tenancy.createAccount('solo', Date.now()), name: 'default' }, Date.now());
    const store = new SqlInboundStore(suite.db);
    const from = phone();
    const stop = await store.receive(part(from, '4930123', 'STOP'));
    assert.deepEqual([stop!.accountId, stop!.trafficAccountId, stop!.action], [only.accountId, only.id, 'opt_out']);
    assert.equal((await new SqlBlacklistStore(suite.db).get(only.accountId, `+${from}`))?.inboundId, stop!.id);
    await tenancy.createTrafficAccount({ accountId: only.accountId, name: 'second' }, Date.now());
    const stray = await store.receive(part(from, '4930123', 'START'));
    assert.deepEqual([stray!.accountId, stray!.action], [null, null], 'with two traffic accounts an unassigned number is nobody’s');
  });
});
