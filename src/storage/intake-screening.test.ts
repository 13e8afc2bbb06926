// What intake's commit decides in its transaction, on both dialects: a queued message to a
// blacklisted number is stored blocked (and reports); a credit-limited traffic account is
// charged, or the whole request refused with nothing stored; a message that never reaches a
// carrier gives its price back; the stored report category agrees with domain/.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseForSuite, forEachDialect } from '../../test/dialects.ts';
import { messageRecord } from '../../test/factories.ts';
import { MESSAGE_STATES, reportCategory } from '../domain/message-state.ts';
import { BLOCKED_REASON } from '../domain/opt-out.ts';
import type { Submission, TrafficAccount } from '../gateway/ports.ts';
import { SqlBlacklistStore } from './blacklist-repository.ts';
import { SqlMessageStore } from './message-repository.ts';
import { SqlTenancyStore } from './tenancy-repository.ts';

forEachDialect('intake screening', (dialect) => {
  const suite = databaseForSuite(dialect);
  let ta: TrafficAccount;
  let limited: TrafficAccount;
  let otherAccount: TrafficAccount;
  let messages: SqlMessageStore;
  before(async () => {
    const tenancy = new SqlTenancyStore(suite.db);
    const accountId = await tenancy.createAccount('acme', Date.now());
    ta = await tenancy.createTrafficAccount({ accountId, name: 'main', callbackUrl: 'https://hooks.example/dlr' }, Date.now());
    limited = await tenancy.createTrafficAccount({ accountId, name: 'limited', creditLimitMicros: 200_000 }, Date.now());
    otherAccount = await tenancy.createTrafficAccount({ accountId: await tenancy.createAccount('other', Date.now()), name: 'main' }, Date.now());
    messages = new SqlMessageStore(suite.db);
    await new SqlBlacklistStore(suite.db).add(accountId, { number: '+491725550001', source: 'keyword', reason: 'STOP', inboundId: null, createdAt: Date.now() });
  });

  const row = (id: string) => suite.db.db.selectFrom('messages').select(['state', 'price_micros', 'buy_price_micros', 'done_at', 'error_reason', 'category']).where('id', '=', id).executeTakeFirst();
  const used = async (t: TrafficAccount) => Number((await suite.db.db.selectFrom('traffic_accounts').select('credit_used_micros').where('id', '=', t.id).executeTakeFirstOrThrow()).credit_used_micros);

  test('a queued message to a blacklisted number is stored blocked, unpriced, and reports', async () => {
    const blocked = messageRecord(ta, { recipient: '+491725550001', buyPriceMicros: 10_000 });
    const fine = messageRecord(ta, { recipient: '+491725550002' });
    const dry = messageRecord(ta, { recipient: '+491725550001', state: 'test' });
    const elsewhere = messageRecord(otherAccount, { recipient: '+491725550001' });
    const r = await messages.insert([
      { records: [blocked, fine, dry], creditLimited: false },
      { records: [elsewhere], creditLimited: false },
    ]);
    assert.deepEqual([...r.blocked], [blocked.id]);
    assert.deepEqual(await row(blocked.id), { state: 'blocked', price_micros: null, buy_price_micros: null, done_at: blocked.createdAt, error_reason: BLOCKED_REASON, category: 'unsubscribed' });
    assert.equal((await row(fine.id))!.state, 'queued');
    assert.equal((await row(dry.id))!.state, 'test', 'a test message shows what was asked, not sent anyway');
    assert.equal((await row(elsewhere.id))!.state, 'queued', "another account's blacklist does not apply");
    const job = await suite.db.db.selectFrom('jobs').select(['kind', 'state']).where('message_id', '=', blocked.id).executeTakeFirst();
    assert.deepEqual(job, { kind: 'callback', state: 'pending' }, 'its callback says OPTOUT');
  });

  test('a credit-limited account is charged per request; one that would pass the limit is refused whole', async () => {
    const before = await used(limited);
    const first: Submission = { records: [messageRecord(limited, { priceMicros: 60_000 }), messageRecord(limited, { priceMicros: 60_000 })], creditLimited: true };
    const tooMuch: Submission = { records: [messageRecord(limited, { priceMicros: 60_000 }), messageRecord(limited, { priceMicros: 60_000 })], creditLimited: true };
    const fits: Submission = { records: [messageRecord(limited, { priceMicros: 60_000 })], creditLimited: true };
    const r = await messages.insert([first, tooMuch, fits]);
    assert.deepEqual([...r.refused.keys()], [tooMuch]);
    assert.deepEqual(r.refused.get(tooMuch), { limitMicros: 200_000, usedMicros: before + 120_000, costMicros: 120_000 });
    for (const m of tooMuch.records) assert.equal(await row(m.id), undefined, 'nothing of a refused request is stored');
    for (const m of [...first.records, ...fits.records]) assert.equal((await row(m.id))!.state, 'queued');
    assert.equal(await used(limited), before + 180_000);
  });

  test('blocked messages cost nothing against the limit; unpriced ones are not checked', async () => {
    const before = await used(limited);
    const s: Submission = { records: [messageRecord(limited, { recipient: '+491725550001', priceMicros: 60_000 }), messageRecord(limited, { priceMicros: null })], creditLimited: true };
    const r = await messages.insert([s]);
    assert.equal(r.refused.size, 0);
    assert.equal(r.blocked.size, 1);
    assert.equal(await used(limited), before);
  });

  test('a charged message that fails or expires unsent gives its price back; one that was sent does not', async () => {
    await suite.db.db.updateTable('traffic_accounts').set({ credit_used_micros: 0, credit_limit_micros: 1_000_000 }).where('id', '=', limited.id).execute();
    const [failed, expired, sent] = [0, 1, 2].map(() => messageRecord(limited, { priceMicros: 100_000 }));
    await messages.insert([{ records: [failed!, expired!, sent!], creditLimited: true }]);
    assert.equal(await used(limited), 300_000);
    const now = Date.now();
    await suite.db.db.updateTable('messages').set({ state: 'failed', done_at: now }).where('id', '=', failed!.id).execute();
    await suite.db.db.updateTable('messages').set({ state: 'expired', done_at: now }).where('id', '=', expired!.id).execute();
    await suite.db.db.updateTable('messages').set({ state: 'submitted', submitted_at: now }).where('id', '=', sent!.id).execute();
    await suite.db.db.updateTable('messages').set({ state: 'expired', done_at: now }).where('id', '=', sent!.id).execute();
    assert.equal(await used(limited), 100_000);
  });

  test('the stored report category is domain/reportCategory for every state and error code', async () => {
    const codes = [null, 0, 1, 6, 8, 11, 27, 31, 32, 34, 35, 36, 255];
    const recs = MESSAGE_STATES.flatMap((state) => codes.map((errorCode) => messageRecord(ta, { state, errorCode, recipient: '+491725559999' })));
    await messages.insert([{ records: recs, creditLimited: false }]);
    for (const m of recs) assert.equal((await row(m.id))!.category, reportCategory(m.state, m.errorCode), `${m.state} / ${m.errorCode}`);
  });
});
