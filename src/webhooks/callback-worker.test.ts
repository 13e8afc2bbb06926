// The callback worker against a real HTTP receiver on loopback, over both dialects: signed
// POSTs with the default body, templated GETs, retries that recover, timeouts, and refusal of
// private targets unless allowed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, scratch, type Scratch } from '../../test/dialects.ts';
import { asSubmission, messageRecord } from '../../test/factories.ts';
import { startReceiver, type Receiver } from '../../test/receiver.ts';
import { createLogger } from '../logger.ts';
import { verifyCallback } from '../domain/callback.ts';
import type { TrafficAccount } from '../gateway/ports.ts';
import type { Database } from '../storage/database.ts';
import { callbackStore } from '../storage/callback-repository.ts';
import { SqlMessageStore } from '../storage/message-repository.ts';
import { SqlTenancyStore } from '../storage/tenancy-repository.ts';
import { CallbackWorker } from './callback-worker.ts';
import { HttpSender } from './http-sender.ts';
import type { CallbackStore } from './ports.ts';

forEachDialect('callback worker', (dialect) => {
  let s: Scratch;
  let db: Database;
  let ta: TrafficAccount;
  let rx: Receiver;
  let store: CallbackStore;
  const logger = createLogger({ logLevel: 'silent' });

  before(async () => {
    s = scratch(dialect);
    db = await s.open();
    rx = await startReceiver();
    const tenancy = new SqlTenancyStore(db);
    const accountId = await tenancy.createAccount('acme', Date.now());
    ta = await tenancy.createTrafficAccount(
      { accountId, name: 'hooked', currency: 'EUR', conversionTracking: false, callbackUrl: `http://127.0.0.1:${rx.port}/dlr`, callbackMethod: 'POST' },
      Date.now(),
    );
    store = callbackStore(db);
  });
  after(async () => {
    rx.server.close();
    await s.dispose();
  });

  function worker(o: { allowPrivate?: boolean; timeoutMs?: number; maxAgeMs?: number } = {}) {
    const sender = new HttpSender({ timeoutMs: o.timeoutMs ?? 2000, allowPrivate: o.allowPrivate ?? true, socketsPerHost: 4 });
    const w = new CallbackWorker({
      // Its own store, as each worker has: the account settings it caches start fresh.
      store: callbackStore(db),
      send: (c) => sender.send(c),
      concurrency: 8,
      perHost: 4,
      maxAgeMs: o.maxAgeMs ?? 60_000,
      leaseMs: 30_000,
      timeoutMs: o.timeoutMs ?? 2000,
      pollMs: 10,
      backoff: { baseMs: 20, maxMs: 100 },
      owner: 'test/callbacks',
      logger,
    });
    w.start();
    return { stop: async () => (await w.stop(), sender.close()) };
  }

  /** Makes messages final (the trigger enqueues their callbacks). */
  async function finalMessages(n: number, over: Parameters<typeof messageRecord>[1] = {}) {
    const recs = Array.from({ length: n }, (_, i) => messageRecord(ta, { recipient: `+4917255500${String(i).padStart(2, '0')}`, reference: `ref ${i}`, ...over }));
    await new SqlMessageStore(db).insert(asSubmission(recs));
    for (const m of recs) await db.db.updateTable('messages').set({ state: 'delivered', done_at: Date.now(), updated_at: Date.now() }).where('id', '=', m.id).execute();
    return recs;
  }

  async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const jobState = async (messageId: string) => await db.db.selectFrom('jobs').select(['state', 'attempts', 'last_error']).where('message_id', '=', messageId).executeTakeFirstOrThrow();

  test('a signed POST with the default body, once per message', async () => {
    rx.seen.length = 0;
    rx.answer = () => ({ status: 200 });
    const w = worker();
    const [m] = await finalMessages(1);
    await until(async () => (await jobState(m!.id)).state === 'done');
    await w.stop();
    assert.equal(rx.seen.length, 1);
    const got = rx.seen[0]!;
    const body = JSON.parse(got.body);
    assert.deepEqual([got.method, got.url, body.msgid, body.status, body.to, body.reference, body.account], ['POST', '/dlr', m!.id, 'DELIVERED', '4917255500' + '00', 'ref 0', 'hooked']);
    const secret = (await db.db.selectFrom('traffic_accounts').select('callback_secret').where('id', '=', ta.id).executeTakeFirstOrThrow()).callback_secret!;
    assert.ok(verifyCallback(secret, got.body, got.signature, Math.floor(Date.now() / 1000)), 'the signature checks out with the account secret');
    assert.ok(!verifyCallback('wrong', got.body, got.signature, Math.floor(Date.now() / 1000)));
    const attempts = await store.attempts(m!.id);
    assert.deepEqual(
      attempts.map((a) => [a.statusCode, a.error]),
      [[200, null]],
    );
  });

  test("a GET account: the message's URL template; a POST account: its body template", async () => {
    rx.seen.length = 0;
    rx.answer = () => ({ status: 204 });
    await db.db.updateTable('traffic_accounts').set({ callback_method: 'GET' }).where('id', '=', ta.id).execute();
    let w = worker();
    const [m] = await finalMessages(1, { callbackUrl: `http://127.0.0.1:${rx.port}/r?ID=~msgid~&S=$status&ref=<reference>` });
    await until(async () => (await jobState(m!.id)).state === 'done');
    assert.deepEqual([rx.seen[0]!.method, rx.seen[0]!.url, rx.seen[0]!.body], ['GET', `/r?ID=${m!.id}&S=DELIVERED&ref=ref%200`, '']);
    const secret = (await db.db.selectFrom('traffic_accounts').select('callback_secret').where('id', '=', ta.id).executeTakeFirstOrThrow()).callback_secret!;
    assert.ok(verifyCallback(secret, `http://127.0.0.1:${rx.port}${rx.seen[0]!.url}`, rx.seen[0]!.signature, Math.floor(Date.now() / 1000)), 'a GET signs its URL');
    await w.stop();
    // A worker reads an account's settings at most every 2 s; a new one reads them now.
    await db.db.updateTable('traffic_accounts').set({ callback_method: 'POST', callback_template: '{"Id": "~msgid~", "Ref": "~reference~"}' }).where('id', '=', ta.id).execute();
    w = worker();
    const [n] = await finalMessages(1, { reference: 'a "quoted" ref' });
    await until(async () => (await jobState(n!.id)).state === 'done');
    await w.stop();
    await db.db.updateTable('traffic_accounts').set({ callback_template: null }).where('id', '=', ta.id).execute();
    assert.deepEqual(JSON.parse(rx.seen[1]!.body), { Id: n!.id, Ref: 'a "quoted" ref' });
  });

  test('the network a receipt named fills mcc and mnc', async () => {
    const m = messageRecord(ta, { recipient: '+491725550777' });
    await new SqlMessageStore(db).insert(asSubmission([m]));
    await db.db
      .insertInto('message_parts')
      .values({
        message_id: m.id,
        seq: 1,
        total: 1,
        connector_id: 1,
        smsc_id: 'ab',
        state: 'delivered',
        submit_status: 0,
        submitted_at: Date.now(),
        receipt_stat: 'DELIVRD',
        receipt_error: '000',
        network: '26201',
        done_at: Date.now(),
        receipt_at: Date.now(),
      })
      .execute();
    const t = (await store.targets([{ id: 0, kind: 'callback', subjectId: m.id, attempts: 0, createdAt: 0, payload: null }])).get(0)!;
    assert.equal(t.kind, 'callback');
    if (t.kind === 'callback') assert.deepEqual([t.facts.network, t.facts.to, t.facts.account], ['26201', '+491725550777', 'hooked']);
  });

  test('failures and timeouts are retried with backoff until the receiver recovers; every attempt is recorded', async () => {
    rx.seen.length = 0;
    rx.answer = (_req, k) => (k === 1 ? { status: 500 } : k === 2 ? { status: 200, delayMs: 400 } : { status: 200 });
    const w = worker({ timeoutMs: 150 });
    const [m] = await finalMessages(1);
    await until(async () => (await jobState(m!.id)).state === 'done');
    await w.stop();
    const attempts = await store.attempts(m!.id);
    assert.deepEqual(
      attempts.map((a) => a.statusCode),
      [500, null, 200],
    );
    assert.match(attempts[1]!.error!, /timeout/);
    assert.equal(Number((await jobState(m!.id)).attempts), 3);
  });

  test('a callback still failing after maxAge is given up', async () => {
    rx.answer = () => ({ status: 503 });
    const w = worker({ maxAgeMs: 100 });
    const [m] = await finalMessages(1);
    await until(async () => (await jobState(m!.id)).state === 'failed');
    await w.stop();
    assert.equal((await jobState(m!.id)).last_error, 'HTTP 503');
  });

  test('private targets are refused unless allowed (PETREL_ALLOW_PRIVATE_CALLBACKS)', async () => {
    rx.seen.length = 0;
    rx.answer = () => ({ status: 200 });
    const w = worker({ allowPrivate: false, maxAgeMs: 100 });
    const [byIp] = await finalMessages(1);
    const [byName] = await finalMessages(1, { callbackUrl: `http://localhost:${rx.port}/dlr` });
    await until(async () => (await jobState(byIp!.id)).state === 'failed' && (await jobState(byName!.id)).state === 'failed');
    await w.stop();
    assert.equal(rx.seen.length, 0, 'nothing reached the receiver');
    assert.match((await store.attempts(byIp!.id))[0]!.error!, /refused: 127\.0\.0\.1 is not a public address/);
    assert.match((await store.attempts(byName!.id))[0]!.error!, /refused: localhost resolves to a non-public address/);
  });

  test("a slow host holds only its own callbacks: another host's go out meanwhile", async () => {
    const slow = await startReceiver();
    slow.answer = () => ({ status: 200, delayMs: 1500 });
    rx.seen.length = 0;
    rx.answer = () => ({ status: 200 });
    const w = worker();
    const stuck = await finalMessages(20, { callbackUrl: `http://127.0.0.1:${slow.port}/dlr` });
    const quick = await finalMessages(5);
    const t0 = Date.now();
    await until(async () => (await Promise.all(quick.map((m) => jobState(m.id)))).every((j) => j.state === 'done'), 3000);
    const quickMs = Date.now() - t0;
    const slowDone = (await Promise.all(stuck.map((m) => jobState(m.id)))).filter((j) => j.state === 'done').length;
    await w.stop();
    slow.server.close();
    assert.ok(quickMs < 1200, `the fast host's callbacks took ${quickMs} ms`);
    assert.ok(slowDone <= 4, `at most perHost (4) of the slow host's were answered by then, not ${slowDone}`);
    assert.ok(slow.seen.length <= 4, 'no more than perHost requests to the slow host at once');
  });
});
