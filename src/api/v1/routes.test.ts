import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { serverForSuite } from '../../../test/server.ts';

const SMSC = { host: '127.0.0.1', port: 2775, systemId: 'petrel', password: 'secret' };

forEachDialect('management API v1: routes', (dialect) => {
  const p = serverForSuite(dialect);
  const send = (path: string, method: string, body?: unknown, key = p.key) =>
    fetch(`${p.url}${path}`, {
      method,
      headers: { 'x-mitto-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => ({ status: r.status, json: r.status === 204 ? null : ((await r.json()) as any) }));
  let a = 0;
  let b = 0;
  const connector = async (name: string) => (await p.post('/api/v1/connectors', { ...SMSC, name })).json.id as number;

  test('no routes: messages are unrouted, for the first enabled connector', async () => {
    a = await connector('carrier-a');
    b = await connector('carrier-b');
    const sms = await p.post('/sms', { from: 'Petrel', to: '491725551234', text: 'hi' });
    assert.equal(sms.status, 200, sms.text);
    const m = await p.get(`/api/v1/messages/${sms.json.id}`);
    assert.equal(m.json.state, 'queued');
    assert.deepEqual([m.json.delivery.routeId, m.json.delivery.connectorId], [null, null]);
  });

  test('create with defaults; list in the order routes are tried', async () => {
    const r = await p.post('/api/v1/routes', { name: 'germany', position: 10, filters: { countries: ['de'], prefixes: ['+49'] }, connectors: [{ connectorId: a }], buyPrice: '0.0125' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(
      { ...r.json, id: undefined, createdAt: undefined, updatedAt: undefined },
      {
        id: undefined,
        name: 'germany',
        position: 10,
        enabled: true,
        strategy: 'static',
        filters: { countries: ['DE'], prefixes: ['49'] },
        connectors: [{ connectorId: a, weight: 1 }],
        buyPrice: '0.012500',
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    const w = await p.post('/api/v1/routes', {
      name: 'rest',
      position: 20,
      strategy: 'weighted',
      connectors: [
        { connectorId: a, weight: 1 },
        { connectorId: b, weight: 3 },
      ],
    });
    assert.equal(w.status, 201, w.text);
    const list = await p.get('/api/v1/routes');
    assert.deepEqual(
      list.json.routes.map((x: { name: string }) => x.name),
      ['germany', 'rest'],
    );
  });

  test('intake records the route, its connector and the buy price per part', async () => {
    const long = 'x'.repeat(200); // two parts
    const sms = await p.post('/sms', { from: 'Petrel', to: '491725551234', text: long });
    const m = await p.get(`/api/v1/messages/${sms.json.id}`);
    const germany = (await p.get('/api/v1/routes')).json.routes[0];
    assert.deepEqual([m.json.state, m.json.delivery.routeId, m.json.delivery.connectorId], ['queued', germany.id, a]);
    const row = await p.petrel.database.db.selectFrom('messages').select('buy_price_micros').where('id', '=', sms.json.id).executeTakeFirstOrThrow();
    assert.equal(row.buy_price_micros, 2 * 12_500);
  });

  test('a weighted route spreads messages by weight', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await p.post('/sms', { from: 'Petrel', to: `4366412345${i}0`, text: 'hi' })).json.id);
    const got = await Promise.all(ids.map(async (id) => (await p.get(`/api/v1/messages/${id}`)).json.delivery.connectorId));
    assert.deepEqual([got.filter((c) => c === a).length, got.filter((c) => c === b).length], [2, 6]);
  });

  test('no matching route: accepted, failed with no_route, not charged', async () => {
    const rest = (await p.get('/api/v1/routes')).json.routes[1];
    assert.equal((await send(`/api/v1/routes/${rest.id}`, 'PATCH', { filters: { countries: ['AT'] } })).status, 200);
    const sms = await p.post('/sms', { from: 'Petrel', to: '33612345678', text: 'bonjour' });
    assert.equal(sms.status, 200, sms.text);
    assert.equal(sms.json.responseCode, 0);
    const m = await p.get(`/api/v1/messages/${sms.json.id}`);
    assert.equal(m.json.state, 'failed');
    assert.equal(m.json.category, 'permanent_error');
    assert.equal(m.json.price, null);
    assert.match(m.json.delivery.errorReason, /^no_route/);
    assert.ok(m.json.delivery.doneAt);
  });

  test('a failover route takes the first connector that is enabled and not paused', async () => {
    const f = await p.post('/api/v1/routes', { name: 'france', position: 5, strategy: 'failover', filters: { countries: ['FR'] }, connectors: [{ connectorId: a }, { connectorId: b }] });
    assert.equal(f.status, 201, f.text);
    assert.equal((await send(`/api/v1/connectors/${a}`, 'PATCH', { paused: true })).status, 200);
    const sms = await p.post('/sms', { from: 'Petrel', to: '33612345678', text: 'bonjour' });
    assert.equal((await p.get(`/api/v1/messages/${sms.json.id}`)).json.delivery.connectorId, b);
    await send(`/api/v1/connectors/${a}`, 'PATCH', { paused: false });
  });

  test('bad input names the field; unknown ids are 404; delete removes', async () => {
    const cases: Array<[object, string]> = [
      [{ name: 'x1', connectors: [{ connectorId: 9999 }] }, 'connectors'],
      [{ name: 'x2', connectors: [] }, 'connectors'],
      [{ name: 'x3', strategy: 'random', connectors: [{ connectorId: a }] }, 'strategy'],
      [{ name: 'x4', connectors: [{ connectorId: a }, { connectorId: a }] }, 'connectors'],
      [{ name: 'x5', strategy: 'weighted', connectors: [{ connectorId: a, weight: 0 }] }, 'connectors'],
      [{ name: 'x6', connectors: [{ connectorId: a }], buyPrice: '-1' }, 'buyPrice'],
      [{ name: 'x7', connectors: [{ connectorId: a }], colour: 'blue' }, 'colour'],
      [{ name: 'germany', connectors: [{ connectorId: a }] }, ''],
    ];
    for (const [body, field] of cases) {
      const r = await p.post('/api/v1/routes', body);
      if (field === '') {
        assert.equal(r.status, 409, 'a duplicate name');
        continue;
      }
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.field, field, r.text);
    }
    const bad = await p.post('/api/v1/routes', { name: 'x8', filters: { countries: ['DEU'] }, connectors: [{ connectorId: a }] });
    assert.equal(bad.status, 400);
    assert.match(bad.json.field, /^filters/);
    assert.equal((await p.get('/api/v1/routes/9999')).status, 404);
    const d = await p.post('/api/v1/routes', { name: 'doomed', connectors: [{ connectorId: a }] });
    assert.equal((await send(`/api/v1/routes/${d.json.id}`, 'DELETE')).status, 204);
    assert.equal((await p.get(`/api/v1/routes/${d.json.id}`)).status, 404);
    assert.equal((await send('/api/v1/routes/9999', 'PATCH', { enabled: false })).status, 404);
  });

  test('sender keys may not manage routes', async () => {
    const k = await p.tenancy.createKey({ accountName: 'default', role: 'sender' });
    assert.equal((await p.get('/api/v1/routes', { 'x-mitto-api-key': k.key })).status, 403);
    assert.equal((await send('/api/v1/routes', 'POST', { name: 'nope', connectors: [{ connectorId: a }] }, k.key)).status, 403);
  });
});
