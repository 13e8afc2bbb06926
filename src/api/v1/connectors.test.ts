import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { serverForSuite } from '../../../test/server.ts';

const SMSC = { name: 'carrier-a', host: '127.0.0.1', port: 2775, systemId: 'petrel', password: 'secret' };

forEachDialect('management API v1: connectors', (dialect) => {
  const p = serverForSuite(dialect);

  test('create with defaults; the password is write-only', async () => {
    const r = await p.post('/api/v1/connectors', SMSC);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(
      { ...r.json, id: undefined, createdAt: undefined, updatedAt: undefined },
      {
        id: undefined,
        name: 'carrier-a',
        host: '127.0.0.1',
        port: 2775,
        systemId: 'petrel',
        systemType: '',
        bindMode: 'transceiver',
        sessions: 1,
        window: 10,
        throughput: 0,
        longMessageMethod: 'udh8',
        latin1: false,
        receiptIdFormat: 'auto',
        statusMap: {},
        sourceTon: null,
        sourceNpi: null,
        destTon: null,
        destNpi: null,
        resendUnconfirmed: false,
        anyPartDelivers: false,
        tls: false,
        tlsCa: null,
        responseTimeoutMs: 10000,
        passwordSet: true,
        enabled: true,
        paused: false,
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    assert.equal(r.text.includes('secret'), false);
    const one = await p.get(`/api/v1/connectors/${r.json.id}`);
    assert.equal(one.json.name, 'carrier-a');
    assert.equal(one.json.live, null, 'an API-only Petrel runs no lane');
    assert.equal((await p.get('/api/v1/connectors')).json.connectors.length, 1);
  });

  test('patch pauses and changes settings, keeping the rest; names stay unique', async () => {
    const b = await p.post('/api/v1/connectors', { ...SMSC, name: 'carrier-b', window: 50, throughput: 200 });
    const res = await fetch(`${p.url}/api/v1/connectors/${b.json.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-mitto-api-key': p.key },
      body: JSON.stringify({ paused: true, sessions: 2 }),
    });
    const c = (await res.json()) as Record<string, unknown>;
    assert.equal(res.status, 200);
    assert.deepEqual([c.paused, c.sessions, c.window, c.throughput, c.passwordSet], [true, 2, 50, 200, true]);
    const clash = await fetch(`${p.url}/api/v1/connectors/${b.json.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-mitto-api-key': p.key },
      body: JSON.stringify({ name: 'carrier-a' }),
    });
    assert.equal(clash.status, 409);
    assert.equal((await p.post('/api/v1/connectors', SMSC)).status, 409, 'a duplicate name on create');
    // null sets a TON back to "from the sender"; it must not be coerced into TON 0 (unknown).
    const ton = async (body: object) =>
      (await (
        await fetch(`${p.url}/api/v1/connectors/${b.json.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-mitto-api-key': p.key }, body: JSON.stringify(body) })
      ).json()) as Record<string, unknown>;
    assert.equal((await ton({ sourceTon: 5 })).sourceTon, 5);
    assert.equal((await ton({ sourceTon: null })).sourceTon, null);
  });

  test('bad input names the field; unknown ids are 404; delete removes', async () => {
    const cases: Array<[object, string]> = [
      [{ ...SMSC, name: 'x1', port: 0 }, 'port'],
      [{ ...SMSC, name: 'x2', systemId: 'a'.repeat(16) }, 'systemId'],
      [{ ...SMSC, name: 'x3', bindMode: 'sideways' }, 'bindMode'],
      [{ ...SMSC, name: 'bad name' }, 'name'],
      [{ ...SMSC, name: 'x4', colour: 'blue' }, 'colour'],
      [{ name: 'x5', host: 'h', port: 1, systemId: 's' }, 'password'],
    ];
    for (const [body, field] of cases) {
      const r = await p.post('/api/v1/connectors', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.field, field, r.text);
    }
    assert.equal((await p.get('/api/v1/connectors/9999')).status, 404);
    const d = await p.post('/api/v1/connectors', { ...SMSC, name: 'doomed' });
    const del = await fetch(`${p.url}/api/v1/connectors/${d.json.id}`, { method: 'DELETE', headers: { 'x-mitto-api-key': p.key } });
    assert.equal(del.status, 204);
    assert.equal((await p.get(`/api/v1/connectors/${d.json.id}`)).status, 404);
  });

  test('sender keys may not manage connectors', async () => {
    const k = await p.tenancy.createKey({ accountName: 'default', role: 'sender' });
    const h = { 'x-mitto-api-key': k.key };
    assert.equal((await p.get('/api/v1/connectors', h)).status, 403);
    assert.equal((await p.post('/api/v1/connectors', { ...SMSC, name: 'nope' }, h)).status, 403);
  });
});
