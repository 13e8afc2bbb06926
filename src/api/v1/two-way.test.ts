// The management API for two-way, opt-out, credit and usage, on both dialects: blacklist and
// keywords (who may change them), blocked sends, credit limits refusing whole requests,
// traffic-account settings, numbers, inbound listing, usage with conversions, and margin.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { markSent } from '../../../test/factories.ts';
import { serverForSuite } from '../../../test/server.ts';
import { uuidv7 } from '../../domain/ids.ts';
import { SqlInboundStore } from '../../storage/inbound-repository.ts';

forEachDialect('management API v1: two-way, blacklist, credit, usage', (dialect) => {
  const p = serverForSuite(dialect);
  let senderKey = '';
  const call = (method: string, path: string, body?: unknown, key = p.key) =>
    fetch(`${p.url}${path}`, {
      method,
      headers: { 'x-mitto-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => {
      const text = await r.text();
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {}
      return { status: r.status, json, text, type: r.headers.get('content-type') ?? '' };
    });
  before(async () => {
    senderKey = (await p.tenancy.createKey({ accountName: 'default', role: 'sender' })).key;
  });

  test('blacklist: add (201, then 200 with the first entry), list by number with a cursor, filter by source', async () => {
    const a = await call('POST', '/api/v1/blacklist', { number: '491725550010', reason: 'asked by phone, "urgent"' }, senderKey);
    assert.equal(a.status, 201, a.text);
    assert.deepEqual({ ...a.json, createdAt: undefined }, { number: '+491725550010', source: 'api', reason: 'asked by phone, "urgent"', inboundId: null, createdAt: undefined });
    const again = await call('POST', '/api/v1/blacklist', { number: '+491725550010', reason: 'other' });
    assert.deepEqual([again.status, again.json.reason], [200, 'asked by phone, "urgent"']);
    for (const n of ['491725550011', '491725550012']) assert.equal((await call('POST', '/api/v1/blacklist', { number: n })).status, 201);
    const page1 = await call('GET', '/api/v1/blacklist?limit=2');
    assert.deepEqual(
      page1.json.entries.map((e: { number: string }) => e.number),
      ['+491725550010', '+491725550011'],
    );
    const page2 = await call('GET', `/api/v1/blacklist?limit=2&cursor=${encodeURIComponent(page1.json.nextCursor)}`);
    assert.deepEqual([page2.json.entries.map((e: { number: string }) => e.number), page2.json.nextCursor], [['+491725550012'], null]);
    assert.deepEqual((await call('GET', '/api/v1/blacklist?source=keyword')).json.entries, []);
    const bad = await call('POST', '/api/v1/blacklist', { number: '12' });
    assert.deepEqual([bad.status, bad.json.field], [400, 'number']);
  });

  test('blacklist: export as CSV; removal needs an admin key', async () => {
    const csv = await call('GET', '/api/v1/blacklist/export', undefined, senderKey);
    assert.equal(csv.status, 200);
    assert.match(csv.type, /^text\/csv/);
    const lines = csv.text.trim().split('\n');
    assert.equal(lines[0], 'number,source,reason,inbound_id,created_at');
    assert.match(lines[1]!, /^\+491725550010,api,"asked by phone, ""urgent""",,\d{4}-\d\d-\d\dT/);
    assert.equal(lines.length, 4);
    assert.equal((await call('DELETE', '/api/v1/blacklist/+491725550012', undefined, senderKey)).status, 403);
    assert.equal((await call('DELETE', '/api/v1/blacklist/491725550012')).status, 204);
    assert.equal((await call('DELETE', '/api/v1/blacklist/491725550012')).status, 404);
  });

  test('a message to a blacklisted number is accepted, stored blocked, unpriced, never sent', async () => {
    await p.tenancy.setPrice((await p.tenancy.findTrafficAccount(1, 'default'))!.id, { country: 'DE', network: null, priceMicros: 60_000 });
    const sms = await call('POST', '/sms', { from: 'Petrel', to: '491725550010', text: 'Sale!' });
    assert.deepEqual([sms.status, sms.json.responseCode], [200, 0]);
    const m = await call('GET', `/api/v1/messages/${sms.json.id}`);
    assert.deepEqual([m.json.state, m.json.category, m.json.price], ['blocked', 'unsubscribed', null]);
    const bulk = await call('POST', '/smsbulk', { from: 'Petrel', to: '491725550010,491725550099', text: 'Sale!' });
    const states = await Promise.all(bulk.json.messages.map(async (x: { id: string }) => (await call('GET', `/api/v1/messages/${x.id}`)).json.state));
    assert.deepEqual(states, ['blocked', 'queued']);
  });

  test('keywords: defaults, replaced by an admin, refused when a word is in both lists, reset', async () => {
    assert.deepEqual((await call('GET', '/api/v1/keywords', undefined, senderKey)).json.defaults, true);
    assert.equal((await call('PUT', '/api/v1/keywords', { optOut: ['STOPP'], optIn: ['START'] }, senderKey)).status, 403);
    const set = await call('PUT', '/api/v1/keywords', { optOut: ['STOPP', 'ABMELDEN'], optIn: ['START'] });
    assert.deepEqual(set.json, { optOut: ['STOPP', 'ABMELDEN'], optIn: ['START'], defaults: false });
    assert.deepEqual((await call('GET', '/api/v1/keywords')).json.optOut, ['STOPP', 'ABMELDEN']);
    const both = await call('PUT', '/api/v1/keywords', { optOut: ['STOP'], optIn: ['stop'] });
    assert.deepEqual([both.status, both.json.field], [400, 'optIn']);
    const reset = await call('DELETE', '/api/v1/keywords');
    assert.equal(reset.json.defaults, true);
    assert.ok(reset.json.optOut.includes('STOP'));
  });

  test('traffic accounts: listed without secrets; an admin reads the secret and changes callbacks, inbound URL and credit', async () => {
    const list = await call('GET', '/api/v1/traffic-accounts', undefined, senderKey);
    assert.equal(list.status, 200);
    assert.equal(list.json.trafficAccounts[0].callbackSecret, undefined);
    assert.equal((await call('GET', '/api/v1/traffic-accounts/default', undefined, senderKey)).status, 403);
    const one = await call('GET', '/api/v1/traffic-accounts/default');
    assert.match(one.json.callbackSecret, /^[0-9a-f]{64}$/);
    const changed = await call('PATCH', '/api/v1/traffic-accounts/default', {
      callbackUrl: 'https://hooks.example/dlr?id=~msgid~',
      callbackMethod: 'POST',
      inboundUrl: 'https://hooks.example/mo',
      creditLimit: '100',
    });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(
      [changed.json.callbackUrl, changed.json.callbackMethod, changed.json.inboundUrl, changed.json.creditLimit],
      ['https://hooks.example/dlr?id=~msgid~', 'POST', 'https://hooks.example/mo', '100.000000'],
    );
    for (const [body, field] of [
      [{ callbackUrl: 'ftp://x' }, 'callbackUrl'],
      [{ inboundUrl: 'nope' }, 'inboundUrl'],
      [{ callbackTemplate: '{"a": ~msgid~}' }, 'callbackTemplate'],
      [{ creditLimit: '-1' }, 'creditLimit'],
    ] as const) {
      const r = await call('PATCH', '/api/v1/traffic-accounts/default', body);
      assert.deepEqual([r.status, r.json.field], [400, field], JSON.stringify(body));
    }
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/nope', { resetCredit: true })).status, 404);
    const off = await call('PATCH', '/api/v1/traffic-accounts/default', { creditLimit: null, callbackUrl: null, inboundUrl: null });
    assert.deepEqual([off.json.creditLimit, off.json.callbackUrl, off.json.inboundUrl], [null, null, null]);
    const named = await call('PATCH', '/api/v1/traffic-accounts/default', { displayName: '  Marketing  ' });
    assert.deepEqual([named.status, named.json.displayName, named.json.name], [200, 'Marketing', 'default']);
    for (const displayName of ['', '   ', 'x'.repeat(65), { name: 'x' }]) {
      const r = await call('PATCH', '/api/v1/traffic-accounts/default', { displayName });
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.match(r.text, /displayName/);
    }
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/default', { displayName: 'Sales' }, senderKey)).status, 403);
  });

  test('a credit limit refuses the request that would pass it (402, nothing stored) until the credit is reset', async () => {
    const ta = await p.tenancy.createTrafficAccount('default', { name: 'prepaid' });
    await p.tenancy.setPrice(ta.id, { country: null, network: null, priceMicros: 30_000 });
    const key = (await p.tenancy.createKey({ accountName: 'default', trafficAccountName: 'prepaid', role: 'sender' })).key;
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/prepaid', { creditLimit: '0.10' })).status, 200);
    const ok = await call('POST', '/smsbulk', { from: 'Petrel', to: '491725550201,491725550202', text: 'x', reference: 'credit' }, key);
    assert.deepEqual([ok.status, ok.json.responseCode], [200, 0]);
    const refused = await call('POST', '/smsbulk', { from: 'Petrel', to: '491725550203,491725550204', text: 'x', reference: 'credit' }, key);
    assert.deepEqual([refused.status, refused.json.responseCode], [402, 9]);
    assert.match(refused.json.message, /0\.040000 EUR of its 0\.100000 EUR credit left; this request costs 0\.060000 EUR/);
    const xml = await call('POST', '/sms.xml', { from: 'Petrel', to: '491725550205', text: 'x', reference: 'credit' }, key);
    assert.equal(xml.status, 200, 'one more message still fits');
    assert.equal((await call('GET', '/api/v1/messages?reference=credit')).json.messages.length, 3);
    assert.equal((await call('GET', '/api/v1/traffic-accounts', undefined, key)).json.trafficAccounts.find((t: { name: string }) => t.name === 'prepaid').creditUsed, '0.090000');
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/prepaid', { resetCredit: true })).json.creditUsed, '0.000000');
    assert.equal((await call('POST', '/sms', { from: 'Petrel', to: '491725550206', text: 'x' }, key)).status, 200);
    assert.equal((await call('POST', '/sms', { from: 'Petrel', to: '491725550206', text: 'x', test: true }, key)).status, 200, 'a test message is never charged');
  });

  test('numbers: admins give a number to a traffic account; inbound messages to it are listed for that account', async () => {
    assert.equal((await call('POST', '/api/v1/numbers', { number: '4930123', trafficAccount: 'default' }, senderKey)).status, 403);
    const n = await call('POST', '/api/v1/numbers', { number: '4930123', trafficAccount: 'default' });
    assert.deepEqual([n.status, n.json.number, n.json.account, n.json.trafficAccount], [201, '4930123', 'default', 'default']);
    assert.equal((await call('POST', '/api/v1/numbers', { number: '4930123', trafficAccount: 'prepaid' })).status, 409);
    assert.equal((await call('POST', '/api/v1/numbers', { number: '4930124', trafficAccount: 'nope' })).json.field, 'trafficAccount');
    assert.deepEqual(
      (await call('GET', '/api/v1/numbers')).json.numbers.map((x: { number: string }) => x.number),
      ['4930123'],
    );
    const store = new SqlInboundStore(p.petrel.database);
    const part = (to: string, text: string) => ({ id: uuidv7(), connectorId: 0, from: '491725550300', to, text, encoding: 'GSM-7', concat: null, receivedAt: Date.now() });
    const mine = (await store.receive(part('4930123', 'STOP')))!;
    const stray = (await store.receive(part('55555', 'hello')))!;
    const list = await call('GET', '/api/v1/inbound', undefined, senderKey);
    assert.deepEqual(
      list.json.messages.map((m: { id: string; status: string; trafficAccount: string }) => [m.id, m.status, m.trafficAccount]),
      [[mine.id, 'OPTOUT', 'default']],
    );
    const one = await call('GET', `/api/v1/inbound/${mine.id}`, undefined, senderKey);
    assert.deepEqual([one.json.from, one.json.to, one.json.text, one.json.forwards], ['+491725550300', '4930123', 'STOP', []]);
    assert.equal((await call('GET', '/api/v1/inbound?unassigned=true', undefined, senderKey)).status, 403);
    assert.deepEqual(
      (await call('GET', '/api/v1/inbound?unassigned=true')).json.messages.map((m: { id: string }) => m.id),
      [stray.id],
    );
    assert.equal((await call('GET', `/api/v1/inbound/${stray.id}`)).status, 404, 'not the account’s');
    assert.equal((await call('GET', '/api/v1/blacklist?source=keyword')).json.entries[0].inboundId, mine.id);
    assert.equal((await call('DELETE', '/api/v1/numbers/4930123')).status, 204);
    assert.equal((await call('DELETE', '/api/v1/numbers/4930123')).status, 404);
    const catchAll = await call('POST', '/api/v1/numbers', { number: '*', trafficAccount: 'prepaid' });
    assert.deepEqual([catchAll.status, catchAll.json.number], [201, '*']);
    const prepaid = (await p.tenancy.findTrafficAccount(await p.tenancy.accountIdOf('default'), 'prepaid'))!;
    assert.equal((await store.receive(part('55556', 'hello')))!.trafficAccountId, prepaid.id, 'the catch-all takes it');
    assert.equal((await call('DELETE', '/api/v1/numbers/*')).status, 204);
    assert.equal((await call('POST', '/api/v1/numbers', { number: '**', trafficAccount: 'prepaid' })).json.field, 'number');
  });

  test('usage counts what was sent per traffic account, with deliveries and conversions; margin needs an admin key', async () => {
    const ta = await p.tenancy.createTrafficAccount('default', { name: 'reported', conversionTracking: true });
    await p.tenancy.setPrice(ta.id, { country: null, network: null, priceMicros: 50_000 });
    const key = (await p.tenancy.createKey({ accountName: 'default', trafficAccountName: 'reported', role: 'sender' })).key;
    const sent = await call('POST', '/smsbulk', { from: 'Petrel', to: '491725550401,491725550402,491725550403', text: 'y'.repeat(200) }, key);
    const ids = sent.json.messages.map((m: { id: string }) => m.id);
    await call('POST', '/sms', { from: 'Petrel', to: '491725550404', text: 'still queued' }, key);
    await markSent(p.petrel.database, ids.slice(0, 2), 'delivered');
    await markSent(p.petrel.database, ids.slice(2), 'undelivered');
    await p.petrel.database.db.updateTable('messages').set({ buy_price_micros: 30_000, connector_id: 7 }).where('id', 'in', ids).execute();
    assert.equal((await call('POST', '/sms/converted', { messageId: ids[0] }, key)).status, 200);
    assert.equal((await call('POST', '/sms/converted', { messageId: ids[2] }, key)).status, 400, 'undelivered messages do not convert');
    const today = new Date().toISOString().slice(0, 10);
    const usage = await call('GET', `/api/v1/usage?from=${today}&to=${today}`, undefined, key);
    assert.deepEqual(
      usage.json.usage.find((u: { trafficAccount: string }) => u.trafficAccount === 'reported'),
      {
        trafficAccount: 'reported',
        currency: 'EUR',
        messages: 3,
        parts: 6,
        delivered: 2,
        converted: 1,
        conversionRate: 0.5,
        cost: '0.300000',
      },
    );
    assert.equal((await call('GET', `/api/v1/usage?from=${today}&to=2000-01-01`, undefined, key)).json.field, 'to');
    assert.equal((await call('GET', `/api/v1/margin?from=${today}&to=${today}`, undefined, key)).status, 403);
    const byConnector = await call('GET', `/api/v1/margin?from=${today}&to=${today}`);
    assert.deepEqual(
      byConnector.json.margin.find((r: { connectorId: number }) => r.connectorId === 7),
      { connectorId: 7, currency: 'EUR', messages: 3, parts: 6, sell: '0.300000', buy: '0.090000', margin: '0.210000' },
    );
    const byAccount = await call('GET', `/api/v1/margin?from=${today}&to=${today}&by=trafficAccount`);
    assert.deepEqual(
      byAccount.json.margin.find((r: { trafficAccount: string }) => r.trafficAccount === 'reported'),
      { account: 'default', trafficAccount: 'reported', currency: 'EUR', messages: 3, parts: 6, sell: '0.300000', buy: '0.090000', margin: '0.210000' },
    );
  });
});
