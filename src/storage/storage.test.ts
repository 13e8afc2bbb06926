import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { wholeAccount } from '../domain/scopes.ts';
import { forEachDialect, scratch, type Scratch } from '../../test/dialects.ts';
import type { TrafficAccount } from '../gateway/ports.ts';
import { asSubmission, markSent, messageRecord as record } from '../../test/factories.ts';
import type { Database } from './database.ts';
import { SqlMessageStore } from './message-repository.ts';
import { SqlTenancyStore } from './tenancy-repository.ts';

forEachDialect('storage', (dialect) => {
  let s: Scratch;
  let db: Database;
  let messages: SqlMessageStore;
  let tenancy: SqlTenancyStore;
  let ta: TrafficAccount;

  before(async () => {
    s = scratch(dialect);
    db = await s.open();
    messages = new SqlMessageStore(db);
    tenancy = new SqlTenancyStore(db);
    const accountId = await tenancy.createAccount('acme', Date.now());
    ta = await tenancy.createTrafficAccount({ accountId, name: 'promo', currency: 'EUR', conversionTracking: true }, Date.now());
  });
  after(() => s.dispose());

  test('messages round-trip every field', async () => {
    const m = record(ta, { reference: 'ref-1', udh: '050003010201', pid: 64, flash: true, country: null, priceMicros: null });
    await messages.insert(asSubmission([m]));
    assert.deepEqual(await messages.get(wholeAccount(ta.accountId), m.id), m);
    assert.equal(await messages.get(wholeAccount(ta.accountId + 1), m.id), null, 'another account does not see it');
  });

  test('a batch with a bad row stores nothing', async () => {
    const good = record(ta);
    const dup = record(ta);
    await messages.insert(asSubmission([dup]));
    await assert.rejects(messages.insert(asSubmission([good, { ...dup }])));
    assert.equal(await messages.get(wholeAccount(ta.accountId), good.id), null);
  });

  test('list: newest first, filters, cursor pages', async () => {
    const other = await tenancy.createTrafficAccount({ accountId: ta.accountId, name: 'other' }, Date.now());
    const base = Date.now() + 10_000;
    const batch = Array.from({ length: 7 }, (_, i) => record(i % 2 ? ta : other, { createdAt: base + i, recipient: i === 3 ? '+41751231234' : '+491725551234', reference: 'listing' }));
    await messages.insert(asSubmission(batch));
    const page1 = await messages.list(wholeAccount(ta.accountId), { reference: 'listing' }, null, 4);
    assert.deepEqual(
      page1.map((m) => m.id),
      batch
        .slice(3)
        .reverse()
        .map((m) => m.id),
    );
    const page2 = await messages.list(wholeAccount(ta.accountId), { reference: 'listing' }, page1.at(-1)!.id, 4);
    assert.deepEqual(
      page2.map((m) => m.id),
      batch
        .slice(0, 3)
        .reverse()
        .map((m) => m.id),
    );
    assert.deepEqual(
      (await messages.list(wholeAccount(ta.accountId), { recipient: '+41751231234' }, null, 10)).map((m) => m.id),
      [batch[3]!.id],
    );
    assert.equal((await messages.list(wholeAccount(ta.accountId), { reference: 'listing', trafficAccountId: other.id }, null, 10)).length, 4);
    assert.equal((await messages.list(wholeAccount(ta.accountId), { reference: 'listing', from: base + 5 }, null, 10)).length, 2);
    assert.equal((await messages.list(wholeAccount(ta.accountId), { reference: 'listing', state: 'test' }, null, 10)).length, 0);
    // A scope of some traffic accounts reads theirs only; of none, nothing.
    const onlyOther = { accountId: ta.accountId, trafficAccountIds: [other.id] };
    assert.deepEqual(
      (await messages.list(onlyOther, { reference: 'listing' }, null, 10)).map((m) => m.trafficAccountId),
      [other.id, other.id, other.id, other.id],
    );
    assert.equal(await messages.get(onlyOther, batch[1]!.id), null, 'a message of a traffic account outside the scope');
    assert.equal((await messages.get(onlyOther, batch[0]!.id))?.id, batch[0]!.id);
    assert.equal((await messages.list({ accountId: ta.accountId, trafficAccountIds: [] }, { reference: 'listing' }, null, 10)).length, 0);
    assert.deepEqual(await messages.usageByTrafficAccount({ accountId: ta.accountId, trafficAccountIds: [] }, 0, base + 100), []);
  });

  test('usage by country counts the parts sent and sums their cost exactly', async () => {
    const t = await tenancy.createTrafficAccount({ accountId: ta.accountId, name: 'usage' }, Date.now());
    const at = Date.UTC(2020, 3, 5);
    const sent = [
      record(t, { createdAt: at, country: 'DE', segments: 2, priceMicros: 120_000 }),
      record(t, { createdAt: at, country: 'DE', segments: 1, priceMicros: 60_000 }),
      record(t, { createdAt: at, country: 'RS', segments: 1, priceMicros: 60_000 }),
      record(t, { createdAt: Date.UTC(2020, 4, 1), country: 'RS', priceMicros: 60_000 }),
    ];
    const unsent = [
      record(t, { createdAt: at, country: 'RS', state: 'test', priceMicros: 60_000 }),
      record(t, { createdAt: at, country: 'RS', priceMicros: 60_000 }), // still queued
      record(t, { createdAt: at, country: 'RS', state: 'failed', priceMicros: null }),
    ];
    await messages.insert(asSubmission([...sent, ...unsent]));
    await markSent(
      db,
      sent.map((m) => m.id),
    );
    const usage = await messages.usageByCountry([t.id], Date.UTC(2020, 3, 1), Date.UTC(2020, 3, 16));
    assert.deepEqual(usage, [
      { country: 'DE', messages: 3, costMicros: 180_000 },
      { country: 'RS', messages: 1, costMicros: 60_000 },
    ]);
  });

  test('conversion: once, only on a delivered message, and only for the account that owns it', async () => {
    const m = record(ta);
    await messages.insert(asSubmission([m]));
    assert.equal(await messages.markConverted(ta.accountId, m.id, 500), 'not_delivered');
    await markSent(db, [m.id]);
    assert.equal(await messages.markConverted(ta.accountId + 99, m.id, 1), 'not_found');
    assert.equal(await messages.markConverted(ta.accountId, m.id, 1000), 'recorded');
    assert.equal(await messages.markConverted(ta.accountId, m.id, 2000), 'recorded');
    assert.equal((await messages.get(wholeAccount(ta.accountId), m.id))!.convertedAt, 1000);
  });

  test('keys resolve to their principal until revoked; prices replace per country and network', async () => {
    const id = await tenancy.createKey({ accountId: ta.accountId, trafficAccountId: ta.id, name: 'k', prefix: 'ptl_abc', secretHash: 'h1', role: 'sender' }, 5);
    const p = await tenancy.findPrincipalByHash('h1');
    assert.equal(p?.accountName, 'acme');
    assert.equal(p?.trafficAccount.name, 'promo');
    assert.equal(p?.trafficAccount.conversionTracking, true);
    assert.equal(await tenancy.revokeKey(id, 6), true);
    assert.equal(await tenancy.revokeKey(id, 7), false);
    assert.equal(await tenancy.findPrincipalByHash('h1'), null);
    await tenancy.setPrice(ta.id, { country: 'DE', network: null, priceMicros: 1 });
    await tenancy.setPrice(ta.id, { country: 'DE', network: null, priceMicros: 2 });
    await tenancy.setPrice(ta.id, { country: null, network: null, priceMicros: 3 });
    const prices = await tenancy.prices(ta.id);
    assert.deepEqual(
      prices.sort((a, b) => a.priceMicros - b.priceMicros),
      [
        { country: 'DE', network: null, priceMicros: 2 },
        { country: null, network: null, priceMicros: 3 },
      ],
    );
  });
});
