import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { serverForSuite } from '../../../test/server.ts';

forEachDialect('management API v1: messages', (dialect) => {
  const p = serverForSuite(dialect);

  test('preview: encoding, characters, units, parts and the characters that forced UCS-2', async () => {
    const r = await p.post('/api/v1/messages/preview', { text: `Grüße, ça va? ${'x'.repeat(60)}`, type: 'auto' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.encoding, 'UCS-2');
    assert.equal(r.json.characters, 74);
    assert.equal(r.json.units, 74);
    assert.equal(r.json.segments, 2);
    assert.deepEqual(
      r.json.parts.map((x: { units: number }) => x.units),
      [67, 7],
    );
    assert.deepEqual(r.json.nonGsmCharacters, ['ç']);
    const gsm = await p.post('/api/v1/messages/preview', { text: '{€}' });
    assert.deepEqual([gsm.json.encoding, gsm.json.units, gsm.json.segments], ['GSM-7', 6, 1]);
  });

  test('preview: bad input names the field', async () => {
    const noText = await p.post('/api/v1/messages/preview', { type: 'auto' });
    assert.equal(noText.status, 400);
    assert.equal(noText.json.field, 'text');
    const badType = await p.post('/api/v1/messages/preview', { text: 'x', type: 'morse' });
    assert.equal(badType.status, 400);
    assert.equal(badType.json.field, 'type');
    const gsm = await p.post('/api/v1/messages/preview', { text: 'ç', type: 'gsm' });
    assert.equal(gsm.status, 400);
    assert.equal(gsm.json.field, 'text');
    const notJson = await p.post('/api/v1/messages/preview', 'text=x', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(notJson.status, 415);
    const broken = await p.post('/api/v1/messages/preview', '{"text":', { 'content-type': 'application/json' });
    assert.equal(broken.status, 400);
    assert.equal(broken.json.statusCode, 400);
  });

  test('get: the timeline fields, camelCase; another account sees 404', async () => {
    const sent = await p.post('/sms', { from: 'Petrel', to: '491725551234', text: 'x'.repeat(161), reference: 'r1', pid: 0, flash: true });
    const m = await p.get(`/api/v1/messages/${sent.json.id}`);
    assert.equal(m.status, 200);
    assert.deepEqual(Object.keys(m.json).sort(), [
      'callbackUrl',
      'category',
      'characters',
      'convertedAt',
      'country',
      'createdAt',
      'currency',
      'delivery',
      'encoding',
      'expiresAt',
      'flash',
      'from',
      'id',
      'parts',
      'pid',
      'price',
      'reference',
      'segments',
      'state',
      'text',
      'to',
      'trafficAccount',
      'type',
      'udh',
      'units',
      'updatedAt',
      'validityMinutes',
    ]);
    assert.equal(m.json.segments, 2);
    assert.equal(m.json.category, 'pending');
    assert.deepEqual(m.json.delivery, { routeId: null, connectorId: null, submittedAt: null, doneAt: null, errorCode: null, errorReason: null, sent: [], callbacks: [] }, 'not sent yet');
    assert.equal(m.json.flash, true);
    assert.equal(m.json.pid, 0);
    assert.equal(m.json.trafficAccount, 'default');
    assert.equal(Date.parse(m.json.expiresAt) - Date.parse(m.json.createdAt), 2880 * 60_000);
    await p.tenancy.createAccount('stranger');
    const key = (await p.tenancy.createKey({ accountName: 'stranger', role: 'admin' })).key;
    assert.equal((await p.get(`/api/v1/messages/${sent.json.id}`, { 'x-mitto-api-key': key })).status, 404);
    assert.equal((await p.get('/api/v1/messages', { 'x-mitto-api-key': key })).json.messages.length, 0);
    assert.equal((await p.get('/api/v1/messages/not-a-uuid')).status, 404);
  });

  test('list: filters by recipient, state, reference and date; cursor pages cover everything once', async () => {
    const to = ['491725550001', '491725550002', '491725550003', '491725550004', '491725550005'];
    await p.post('/smsbulk', { from: 'Petrel', to: to.join(','), text: 'page', reference: 'paging' });
    await p.post('/sms', { from: 'Petrel', to: '491725550001', text: 'page', reference: 'paging', test: true });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { json: { messages: Array<{ id: string }>; nextCursor: string | null } } = await p.get(`/api/v1/messages?reference=paging&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.json.messages.map((m) => m.id));
      cursor = r.json.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen).size, 6);
    assert.equal(pages, 4, 'three full pages and an empty one');
    assert.deepEqual([...seen].sort().reverse(), seen, 'newest first');
    assert.equal((await p.get('/api/v1/messages?reference=paging&recipient=%2B491725550001')).json.messages.length, 2);
    assert.equal((await p.get('/api/v1/messages?reference=paging&state=test')).json.messages.length, 1);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await p.get(`/api/v1/messages?reference=paging&from=${today}&to=${today}`)).json.messages.length, 6);
    assert.equal((await p.get('/api/v1/messages?reference=paging&to=2020-01-01')).json.messages.length, 0);
  });

  test('list: bad filters name the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['state=sent', 'state'],
      ['limit=0', 'limit'],
      ['from=yesterday', 'from'],
      ['recipient=12', 'recipient'],
      ['cursor=abc', 'cursor'],
      ['trafficAccount=nope', 'trafficAccount'],
    ];
    for (const [q, field] of cases) {
      const r = await p.get(`/api/v1/messages?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.json.field, field, `${q}: ${r.text}`);
    }
  });

  test('health, readiness, metrics and docs', async () => {
    assert.equal((await p.get('/healthz')).json.status, 'ok');
    assert.equal((await p.get('/readyz')).json.status, 'ready');
    const metrics = await p.get('/metrics');
    assert.match(metrics.text, /petrel_messages_accepted_total\{state="queued"\} \d+/);
    assert.match(metrics.text, /petrel_commit_batch_messages_count \d+/);
    assert.match(metrics.text, /petrel_http_requests_total\{route="\/sms",status="200"\}/);
    const spec = await p.get('/docs/json');
    assert.equal(spec.status, 200);
    for (const path of ['/sms', '/sms.xml', '/smsbulk', '/usage/bycountry', '/sms/converted', '/api/v1/messages', '/api/v1/messages/{id}', '/api/v1/messages/preview']) {
      assert.ok(spec.json.paths[path], `OpenAPI documents ${path}`);
    }
    assert.equal((await p.get('/nowhere')).status, 404);
  });
});
