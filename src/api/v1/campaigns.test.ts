// Campaign drafts over the API on both dialects: each field's rule, the traffic account a
// campaign may send on, lists of the account only, the preview per recipient, clone, search and
// status filter, a draft only changing while it is one (409 with the status), a list held by a
// campaign past Draft not deleted, and another account's campaigns not found.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { client, makeUser } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';

forEachDialect('management API v1: campaigns', (dialect) => {
  const p = serverForSuite(dialect);
  const http = client(() => p.url);
  const as = (body?: unknown, key = p.key) => ({ key, ...(body === undefined ? {} : { body }) });
  let promo = 0;
  let apiTa = 0;
  let listId = 0;
  let other = '';

  before(async () => {
    promo = (await p.tenancy.createTrafficAccount('default', { name: 'promo', displayName: 'Promotions', type: 'campaign' })).id;
    apiTa = (await p.tenancy.findTrafficAccount(await p.tenancy.accountIdOf('default'), 'default'))!.id;
    await p.tenancy.createAccount('rival', { name: 'main', displayName: 'Rival', type: 'campaign' });
    other = (await p.tenancy.createKey({ accountName: 'rival', trafficAccountName: 'main', role: 'admin' })).key;
    listId = (await http.call('POST', '/api/v1/lists', as({ name: 'Campaign list' }))).json.id;
    for (const [phone, name] of [
      ['+4917612345678', 'Anna'],
      ['+79123456789', 'Иван'],
      ['+33612345678', ''],
    ]) {
      assert.equal((await http.call('POST', `/api/v1/lists/${listId}/contacts`, as({ phone, fields: { first_name: name, city: 'X' } }))).status, 201);
    }
  });

  test('a draft in two steps; each field checked and named', async () => {
    const made = await http.call('POST', '/api/v1/campaigns', as({ name: 'June sale', sender: 'ACME', listIds: [listId] }));
    assert.deepEqual([made.status, made.json.status, made.json.sender, made.json.listIds], [201, 'draft', 'ACME', [listId]]);
    const id = made.json.id;
    const step2 = await http.call(
      'PATCH',
      `/api/v1/campaigns/${id}`,
      as({
        text: 'Hi {name}, 20 % off in {city}!',
        personalization: { columns: { name: 'first_name' }, fallbacks: { name: 'friend' } },
        trafficAccountId: promo,
        scheduleAt: '2026-12-24T08:00:00+01:00',
        timeZone: 'Europe/Berlin',
      }),
    );
    assert.equal(step2.status, 200, step2.text);
    assert.deepEqual([step2.json.scheduleAt, step2.json.timeZone, step2.json.trafficAccountId], ['2026-12-24T07:00:00.000Z', 'Europe/Berlin', promo]);

    for (const [body, field] of [
      [{ name: 'ab' }, 'name'],
      [{ name: 'x'.repeat(51) }, 'name'],
      [{ sender: 'This sender is far too long' }, 'sender'],
      [{ text: 'x'.repeat(1601) }, 'text'],
      [{ trafficAccountId: apiTa }, 'trafficAccountId'],
      [{ trafficAccountId: 999999 }, 'trafficAccountId'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ scheduleAt: 'next tuesday' }, 'scheduleAt'],
      [{ personalization: { columns: { '1st': 'first_name' }, fallbacks: {} } }, 'personalization/columns/1st'],
    ] as Array<[object, string]>) {
      const r = await http.call('PATCH', `/api/v1/campaigns/${id}`, as(body));
      assert.deepEqual([r.status, r.json.field], [400, field], JSON.stringify(body));
    }
    assert.equal((await http.call('PATCH', `/api/v1/campaigns/${id}`, as({ listIds: [999999] }))).status, 404);
    assert.equal((await http.call('PATCH', `/api/v1/campaigns/${id}`, as({ color: 'red' }))).status, 400);
    const kept = (await http.call('GET', `/api/v1/campaigns/${id}`, as())).json;
    assert.deepEqual([kept.name, kept.sender, kept.trafficAccountId], ['June sale', 'ACME', promo], 'refused changes change nothing');
  });

  test('the preview renders each recipient as the server will; the message being written too', async () => {
    const id = (await http.call('POST', '/api/v1/campaigns', as({ name: 'Preview me', text: 'Hi {name}!', personalization: { columns: { name: 'first_name' }, fallbacks: {} }, listIds: [listId] })))
      .json.id;
    const first = (await http.call('GET', `/api/v1/campaigns/${id}/preview`, as())).json;
    assert.deepEqual(first, { total: 3, index: 0, phone: '+4917612345678', text: 'Hi Anna!', missing: [] });
    assert.deepEqual((await http.call('GET', `/api/v1/campaigns/${id}/preview?recipient=1`, as())).json.text, 'Hi Иван!');
    const third = (await http.call('GET', `/api/v1/campaigns/${id}/preview?recipient=2`, as())).json;
    assert.deepEqual([third.text, third.missing], ['Hi !', ['name']], 'a missing field is shown');
    assert.equal((await http.call('GET', `/api/v1/campaigns/${id}/preview?recipient=99`, as())).json.index, 2, 'past the end: the last');
    const written = await http.call('POST', `/api/v1/campaigns/${id}/preview?recipient=1`, as({ text: '{city}: {phone}' }));
    assert.equal(written.json.text, 'X: +79123456789');
  });

  test('the estimated cost: recipients by country times the price per part of the message', async () => {
    await p.tenancy.setPrice(promo, { country: 'DE', network: null, priceMicros: 50_000 });
    await p.tenancy.setPrice(promo, { country: 'RU', network: null, priceMicros: 80_000 });
    const id = (await http.call('POST', '/api/v1/campaigns', as({ name: 'Priced', text: 'Hi', listIds: [listId] }))).json.id;
    const unassigned = (await http.call('POST', `/api/v1/campaigns/${id}/estimate`, as({}))).json;
    assert.deepEqual(unassigned, { recipients: 3, parts: 1, cost: null, currency: null, unpriced: 3 }, 'no traffic account: no price');
    await http.call('PATCH', `/api/v1/campaigns/${id}`, as({ trafficAccountId: promo }));
    assert.deepEqual((await http.call('POST', `/api/v1/campaigns/${id}/estimate`, as({}))).json, { recipients: 3, parts: 1, cost: '0.130000', currency: 'EUR', unpriced: 1 });
    const long = (await http.call('POST', `/api/v1/campaigns/${id}/estimate`, as({ text: 'x'.repeat(161) }))).json;
    assert.deepEqual([long.parts, long.cost], [2, '0.260000'], 'two parts each');
    const unicode = (await http.call('POST', `/api/v1/campaigns/${id}/estimate`, as({ text: 'Привет' }))).json;
    assert.equal(unicode.parts, 1);
    assert.equal((await http.call('POST', `/api/v1/campaigns/${id}/estimate`, as({ trafficAccountId: null }))).json.cost, null, 'the traffic account being chosen');
  });

  test('content rules: the operator keeps them, each checked; an account admin may not; a message is checked against them', async () => {
    const bad = await http.call('PUT', '/api/v1/content-rules', as({ rules: ['loan', '/(unclosed/'] }));
    assert.deepEqual([bad.status, bad.json.field], [400, 'rules/1']);
    const set = await http.call('PUT', '/api/v1/content-rules', as({ rules: [' loan ', 'LOAN', 'free money', '/win\\s+\\d+/i'] }));
    assert.deepEqual(set.json.rules, ['LOAN', 'free money', '/win\\s+\\d+/i'], 'trimmed, duplicates in any case once');
    assert.equal((await http.call('PUT', '/api/v1/content-rules', as({ rules: ['x'] }, other))).status, 403, 'an account admin');
    assert.equal((await http.call('GET', '/api/v1/content-rules', as(undefined, other))).status, 403);
    assert.deepEqual((await http.call('POST', '/api/v1/content-rules/check', as({ text: 'Get a loan now' }))).json, { rule: 'LOAN' });
    assert.deepEqual((await http.call('POST', '/api/v1/content-rules/check', as({ text: 'You WIN 100 euros' }))).json, { rule: '/win\\s+\\d+/i' });
    assert.deepEqual((await http.call('POST', '/api/v1/content-rules/check', as({ text: 'Your loaner is ready' }))).json, { rule: null });
    await http.call('PUT', '/api/v1/content-rules', as({ rules: [] }));
  });

  test('clone under a new name; search and status filter; a draft only changes while it is one', async () => {
    const original = (await http.call('POST', '/api/v1/campaigns', as({ name: 'Black Friday', text: 'Deals', trafficAccountId: promo, listIds: [listId], scheduleAt: '2026-11-27T08:00:00Z' }))).json;
    const copy = await http.call('POST', `/api/v1/campaigns/${original.id}/clone`, as({ name: 'Black Friday 2' }));
    assert.deepEqual([copy.status, copy.json.status, copy.json.text, copy.json.listIds, copy.json.scheduleAt], [201, 'draft', 'Deals', [listId], null]);
    assert.equal((await http.call('POST', `/api/v1/campaigns/${original.id}/clone`, as({ name: 'BF' }))).json.field, 'name');
    const found = (await http.call('GET', '/api/v1/campaigns?search=black%20FRIDAY', as())).json;
    assert.deepEqual(
      found.campaigns.map((c: { name: string }) => c.name),
      ['Black Friday 2', 'Black Friday'],
    );

    // Moved on (as a launch will move it): no change, no delete, and the list it holds stays.
    await p.petrel.database.db.updateTable('campaigns').set({ status: 'sending' }).where('id', '=', original.id).execute();
    const refused = await http.call('PATCH', `/api/v1/campaigns/${original.id}`, as({ text: 'Changed' }));
    assert.deepEqual([refused.status, refused.json.code, refused.json.params], [409, 'campaign_state', { status: 'sending' }]);
    assert.equal((await http.call('DELETE', `/api/v1/campaigns/${original.id}`, as())).status, 409);
    const del = await http.call('DELETE', `/api/v1/lists/${listId}`, as());
    assert.equal(del.status, 409);
    assert.match(del.json.message, /used by the campaign "Black Friday", which is sending/);
    assert.deepEqual(
      (await http.call('GET', '/api/v1/campaigns?status=sending,paused', as())).json.campaigns.map((c: { id: number }) => c.id),
      [original.id],
    );
    assert.equal((await http.call('DELETE', `/api/v1/campaigns/${copy.json.id}`, as())).status, 204, 'a draft is deleted');
  });

  test('another account’s campaigns are not found, its lists not usable; people need the campaigns permission', async () => {
    const mine = (await http.call('POST', '/api/v1/campaigns', as({ name: 'Mine only' }))).json;
    for (const [method, path, body] of [
      ['GET', `/api/v1/campaigns/${mine.id}`],
      ['PATCH', `/api/v1/campaigns/${mine.id}`, { text: 'theirs' }],
      ['DELETE', `/api/v1/campaigns/${mine.id}`],
      ['POST', `/api/v1/campaigns/${mine.id}/clone`, { name: 'Stolen copy' }],
      ['GET', `/api/v1/campaigns/${mine.id}/preview`],
    ] as Array<[string, string, unknown?]>) {
      assert.equal((await http.call(method, path, as(body, other))).status, 404, `${method} ${path}`);
    }
    assert.equal((await http.call('POST', '/api/v1/campaigns', as({ name: 'Their list', listIds: [listId] }, other))).status, 404);
    assert.equal((await http.call('POST', '/api/v1/campaigns', as({ name: 'Their TA', trafficAccountId: promo }, other))).json.field, 'trafficAccountId');

    const accountId = await p.tenancy.accountIdOf('default');
    const analyst = await makeUser(p.petrel.database, { accountId, email: 'an@campaigns.example', role: 'analyst' });
    assert.equal((await http.call('GET', '/api/v1/campaigns', await http.signIn(analyst.email, analyst.password))).status, 403);
    // A campaign manager sends only on the traffic accounts they belong to.
    const manager = await makeUser(p.petrel.database, { accountId, email: 'cm@campaigns.example', role: 'campaign_manager' });
    const cm = await http.signIn(manager.email, manager.password);
    const outside = await http.call('POST', '/api/v1/campaigns', { ...cm, body: { name: 'Not my TA', trafficAccountId: promo } });
    assert.deepEqual([outside.status, outside.json.field], [400, 'trafficAccountId']);
  });
});
