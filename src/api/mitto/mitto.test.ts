import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { serverForSuite, startTestPetrel } from '../../../test/server.ts';
import { markSent } from '../../../test/factories.ts';

const LONG_TEXT =
  "Due to the limitations of GSM/PDU standard, the body text of an SMS message cannot be longer than 160 characters (70 characters if the text is Unicode format). MITTO's SMS API overcomes this limitations by splitting larger messages into several smaller messages, each of which conforms to that standards. This operation is automatic and you don't have to do anything when making the API request the process is triggered automatically when the text entered in body of the SMS (the body parameter of the request) exceeds the limit.";

forEachDialect('Mitto-compatible API', (dialect) => {
  const p = serverForSuite(dialect);

  const count = async (reference: string) => (await p.get(`/api/v1/messages?reference=${encodeURIComponent(reference)}&limit=1000`)).json.messages.length;

  test('seed: a test call is validated, answered with test: true, stored as test', async () => {
    const r = await p.post('/sms', { from: 'MITTO SMS', to: '491725551234', text: 'Hello, World!', test: true });
    assert.equal(r.status, 200);
    assert.equal(r.json.responseCode, 0);
    assert.equal(r.json.responseText, 'SMS sent');
    assert.equal(r.json.textLength, 13);
    assert.equal(r.json.test, true);
    assert.equal(r.json.to, '491725551234');
    assert.match(r.json.id, /^[0-9a-f-]{36}$/);
    assert.ok(Math.abs(Date.parse(r.json.timestamp) - Date.now()) < 60_000);
    const m = await p.get(`/api/v1/messages/${r.json.id}`);
    assert.equal(m.json.state, 'test');
  });

  test('seed: send an SMS; stored queued with country, encoding and parts', async () => {
    const r = await p.post('/sms', { from: 'Mitto SMS', to: '41751231234', text: 'Hello, World!' });
    assert.equal(r.json.responseCode, 0);
    assert.equal(r.json.test, undefined);
    const m = (await p.get(`/api/v1/messages/${r.json.id}`)).json;
    assert.equal(m.state, 'queued');
    assert.equal(m.to, '+41751231234');
    assert.equal(m.country, 'CH');
    assert.equal(m.encoding, 'GSM-7');
    assert.equal(m.segments, 1);
    assert.equal(m.from, 'Mitto SMS');
    assert.equal(m.validityMinutes, 2880);
  });

  test("seed: a long SMS posted as JSON with curl's default form content type", async () => {
    const body = JSON.stringify({ from: 'MITTO SMS', to: '491725551234', text: LONG_TEXT, type: 'auto' });
    const r = await p.post('/sms.json', body, { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.textLength, 529);
    const m = (await p.get(`/api/v1/messages/${r.json.id}`)).json;
    assert.equal(m.segments, 4);
    assert.deepEqual(
      m.parts.map((x: { units: number }) => x.units),
      [153, 153, 153, 70],
    );
    assert.equal(m.parts.map((x: { text: string }) => x.text).join(''), LONG_TEXT);
  });

  test('seed: Russian text goes as UCS-2 with type auto', async () => {
    const r = await p.post('/sms.json', { from: 'MITTO SMS', to: '491725551234', text: 'Здравствуй, Мир!', type: 'auto' });
    assert.equal(r.json.textLength, 16);
    assert.equal((await p.get(`/api/v1/messages/${r.json.id}`)).json.encoding, 'UCS-2');
  });

  test('seed: reference metadata is stored', async () => {
    const reference = 'Campaign 2019-05, B-split message';
    const r = await p.post('/sms.json', { from: 'MITTO SMS', to: '491725551234', text: 'Еnjoy the stunning Spring 2019 visuals in our new gallery!', reference });
    assert.equal(r.json.responseCode, 0);
    assert.equal((await p.get(`/api/v1/messages/${r.json.id}`)).json.reference, reference);
  });

  test('seed: bulk to a comma-separated list; one id per recipient, in order', async () => {
    const r = await p.post('/smsbulk', { from: 'Mitto SMS', to: '491765410994,491765410995,491765410996', text: 'Hello, World 123!' });
    assert.equal(r.json.responseCode, 0);
    assert.deepEqual(
      r.json.messages.map((m: { to: string }) => m.to),
      ['491765410994', '491765410995', '491765410996'],
    );
    assert.equal(new Set(r.json.messages.map((m: { id: string }) => m.id)).size, 3);
    assert.ok(r.json.messages.every((m: { textLength: number }) => m.textLength === 17));
  });

  test('seed: bulk with a callback URL override', async () => {
    const r = await p.post('/smsbulk', { from: 'Mitto SMS', to: '491765410994,491765410995', text: 'Your appointment was scheduled.', callback: 'https://www.example.com' });
    const m = (await p.get(`/api/v1/messages/${r.json.messages[1].id}`)).json;
    assert.equal(m.callbackUrl, 'https://www.example.com');
  });

  test('bulk: arrays, duplicates once per occurrence', async () => {
    const r = await p.post('/smsbulk.json', { from: 'Petrel', to: ['+491765410994', '491765410994', '00491765410994'], text: 'dup', reference: 'dups' });
    assert.equal(r.json.messages.length, 3);
    assert.equal(await count('dups'), 3);
  });

  test('bulk: all or nothing; every invalid recipient is listed', async () => {
    const r = await p.post('/smsbulk', { from: 'Petrel', to: '491765410994,12,491765410995,abc', text: 'x', reference: 'bulk-bad' });
    assert.equal(r.status, 400);
    assert.equal(r.json.responseCode, 8);
    assert.equal(r.json.field, 'to');
    assert.deepEqual(
      r.json.invalid.map((i: { index: number; value: string }) => [i.index, i.value]),
      [
        [1, '12'],
        [3, 'abc'],
      ],
    );
    assert.equal(await count('bulk-bad'), 0);
  });

  test('bulk: no recipients is "empty receiver"; too many is refused', async () => {
    assert.equal((await p.post('/smsbulk', { from: 'Petrel', to: '', text: 'x' })).json.responseCode, 7);
    assert.equal((await p.post('/smsbulk', { from: 'Petrel', to: [], text: 'x' })).json.responseCode, 7);
    const many = Array.from({ length: 10_001 }, () => '491765410994');
    const r = await p.post('/smsbulk', { from: 'Petrel', to: many, text: 'x', reference: 'too-many' });
    assert.equal(r.status, 400);
    assert.equal(r.json.field, 'to');
    assert.match(r.json.message, /10000/);
    assert.equal(await count('too-many'), 0);
  });

  test("responseCodes 2–8 in Mitto's order, naming the field", async () => {
    const cases: Array<[object, number, string]> = [
      [{ from: 'Petrel', to: '491725551234', text: 'x', type: 'klingon' }, 2, 'type'],
      [{ from: 'Petrel', to: '491725551234', text: '' }, 3, 'text'],
      [{ from: 'Petrel', to: '491725551234' }, 3, 'text'],
      [{ from: 'Petrel', to: '491725551234', text: 'ç', type: 'gsm' }, 4, 'text'],
      [{ from: 'Petrel', to: '491725551234', text: 'x'.repeat(1601) }, 4, 'text'],
      [{ from: 'Petrel', to: '491725551234', text: 'a\u0000b' }, 4, 'text'],
      [{ to: '491725551234', text: 'x' }, 5, 'from'],
      [{ from: 'AB', to: '491725551234', text: 'x' }, 6, 'from'],
      [{ from: 'Petrel', text: 'x' }, 7, 'to'],
      [{ from: 'Petrel', to: '+49', text: 'x' }, 8, 'to'],
    ];
    for (const [body, code, field] of cases) {
      const r = await p.post('/sms', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.responseCode, code, JSON.stringify(body));
      assert.equal(r.json.field, field);
      assert.ok(r.json.message.length > 0);
    }
  });

  test('other invalid parameters: responseCode 9 naming the field', async () => {
    const cases: Array<[object, string]> = [
      [{ from: 'Petrel', to: '491725551234', text: 'x', validity: 0 }, 'validity'],
      [{ from: 'Petrel', to: '491725551234', text: 'x', validity: 'soon' }, 'validity'],
      [{ from: 'Petrel', to: '491725551234', text: 'x', pid: 300 }, 'pid'],
      [{ from: 'Petrel', to: '491725551234', text: 'x', udh: 'zz' }, 'udh'],
      [{ from: 'Petrel', to: '491725551234', text: 'x', udh: '0500030102' }, 'udh'],
      [{ from: 'Petrel', to: '491725551234', text: 'x', callback: 'ftp://x' }, 'callback'],
      [{ from: 'Petrel', to: '491725551234', text: 'x', test: 'maybe' }, 'test'],
      [{ from: 'Petrel', to: ['491725551234'], text: 'x' }, 'to'],
      [{ from: { a: 1 }, to: '491725551234', text: 'x' }, 'from'],
      [{ from: 'Petrel', to: '491725551234', text: 'x', reference: 'a\u0000b' }, 'reference'],
    ];
    for (const [body, field] of cases) {
      const r = await p.post('/sms', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.responseCode, 9, JSON.stringify(body));
      assert.equal(r.json.field, field, JSON.stringify(body));
    }
  });

  test('XML responses by suffix, errors included', async () => {
    const ok = await p.post('/sms.xml', { from: 'Petrel', to: '491725551234', text: 'Hi & bye <3' });
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type')!, /application\/xml/);
    assert.match(ok.text, /^<\?xml[^>]*\?><SmsResponse><id>[0-9a-f-]{36}<\/id>.*<responseCode>0<\/responseCode>/);
    const bulk = await p.post('/smsbulk.xml', { from: 'Petrel', to: '491725551234,41751231234', text: 'x' });
    assert.equal((bulk.text.match(/<message>/g) ?? []).length, 2);
    const bad = await p.post('/sms.xml', { from: 'Petrel', to: 'x', text: 'x' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<responseCode>8<\/responseCode>/);
  });

  test('XML, form and query-string requests', async () => {
    const xml = '<?xml version="1.0"?><sms><from>Petrel</from><to>491725551234</to><text>Fish &amp; chips</text><reference>xml-in</reference></sms>';
    const a = await p.post('/sms', xml, { 'content-type': 'application/xml' });
    assert.equal(a.status, 200, a.text);
    assert.equal((await p.get(`/api/v1/messages/${a.json.id}`)).json.text, 'Fish & chips');
    const bulkXml = '<sms><from>Petrel</from><to>491725551234</to><to>41751231234</to><text>x</text></sms>';
    assert.equal((await p.post('/smsbulk', bulkXml, { 'content-type': 'text/xml' })).json.messages.length, 2);
    const form = await p.post('/sms', 'from=Petrel&to=%2B491725551234&text=Hello+form&test=true', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(form.json.responseCode, 0, form.text);
    assert.equal(form.json.test, true);
    const query = await p.post('/sms?from=Petrel&to=491725551234&text=Hello%20query&validity=60', undefined);
    assert.equal(query.json.responseCode, 0, query.text);
    assert.equal((await p.get(`/api/v1/messages/${query.json.id}`)).json.validityMinutes, 60);
  });

  test('malformed bodies: JSON, XML, UTF-8, content type, size', async () => {
    const json = await p.post('/sms', '{"from": "Petrel", "to": ', { 'content-type': 'application/json' });
    assert.equal(json.status, 400);
    assert.equal(json.json.responseCode, 9);
    assert.match(json.json.message, /JSON/);
    const xml = await p.post('/sms', '<sms><from>Petrel</sms>', { 'content-type': 'application/xml' });
    assert.equal(xml.status, 400);
    assert.match(xml.json.message, /XML/);
    const utf8 = await p.post('/sms', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { 'content-type': 'application/json' });
    assert.equal(utf8.status, 400);
    assert.match(utf8.json.message, /UTF-8/);
    const type = await p.post('/sms', 'hello', { 'content-type': 'application/octet-stream' });
    assert.equal(type.status, 415);
    const big = await p.post('/sms', JSON.stringify({ from: 'Petrel', to: '491725551234', text: 'x'.repeat(1_100_000) }), { 'content-type': 'application/json' });
    assert.equal(big.status, 413);
    assert.equal(big.json.responseCode, 9);
    const arr = await p.post('/sms', '[1,2]', { 'content-type': 'application/json' });
    assert.equal(arr.status, 400);
  });

  test('authentication: missing, unknown and revoked keys; Bearer works', async () => {
    assert.equal((await p.post('/sms', { from: 'Petrel', to: '491725551234', text: 'x' }, { 'x-mitto-api-key': '' })).status, 401);
    const unknown = await p.post('/sms', { from: 'Petrel', to: '491725551234', text: 'x' }, { 'x-mitto-api-key': 'nope' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.responseCode, 9);
    const k = await p.tenancy.createKey({ accountName: 'default', role: 'sender' });
    const bearer = await p.post('/sms', { from: 'Petrel', to: '491725551234', text: 'x' }, { 'x-mitto-api-key': '', authorization: `Bearer ${k.key}` });
    assert.equal(bearer.status, 200);
    await p.tenancy.revokeKey(k.id);
    // The server caches keys for up to 5 s; a fresh server process sees the revocation at once.
    const fresh = await startTestPetrel(p.scratch);
    try {
      assert.equal((await fresh.post('/sms', { from: 'Petrel', to: '491725551234', text: 'x' }, { 'x-mitto-api-key': k.key })).status, 401);
    } finally {
      await fresh.close();
    }
  });

  test('an inactive traffic account gets 403; its default sender fills in "from"', async () => {
    const off = await p.tenancy.createTrafficAccount('default', { name: 'paused', status: 'inactive' });
    const offKey = await p.tenancy.createKey({ accountName: 'default', trafficAccountName: off.name, role: 'sender' });
    assert.equal((await p.post('/sms', { from: 'Petrel', to: '491725551234', text: 'x' }, { 'x-mitto-api-key': offKey.key })).status, 403);
    const on = await p.tenancy.createTrafficAccount('default', { name: 'with-sender', defaultSender: 'ACME' });
    const onKey = await p.tenancy.createKey({ accountName: 'default', trafficAccountName: on.name, role: 'sender' });
    const r = await p.post('/sms', { to: '491725551234', text: 'x' }, { 'x-mitto-api-key': onKey.key });
    assert.equal(r.json.responseCode, 0, r.text);
    assert.equal((await p.get(`/api/v1/messages/${r.json.id}`)).json.from, 'ACME');
  });

  test('usage by country: parts and exact cost, test messages excluded, alpha-3 codes', async () => {
    const ta = await p.tenancy.createTrafficAccount('default', { name: 'promo_account' });
    const key = (await p.tenancy.createKey({ accountName: 'default', trafficAccountName: ta.name, role: 'sender' })).key;
    await p.tenancy.setPrice(ta.id, { country: 'DE', network: null, priceMicros: 60_000 });
    await p.tenancy.setPrice(ta.id, { country: null, network: null, priceMicros: 100_000 });
    const h = { 'x-mitto-api-key': key };
    const bulk = await p.post('/smsbulk', { from: 'Petrel', to: '491725551234,491725551235', text: 'x'.repeat(200) }, h); // 2 × 2 parts
    const rs = await p.post('/sms', { from: 'Petrel', to: '381601234567', text: 'x' }, h);
    await p.post('/sms', { from: 'Petrel', to: '381601234567', text: 'x', test: true }, h);
    await p.post('/sms', { from: 'Petrel', to: '381601234568', text: 'not sent yet' }, h);
    // This server runs no engine: mark what it would have sent.
    await markSent(p.petrel.database, [...bulk.json.messages.map((m: { id: string }) => m.id), rs.json.id]);
    const today = new Date().toISOString().slice(0, 10);
    const r = await p.post('/usage/bycountry.json', { startDate: today, endDate: today, AccountName: 'promo_account' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.usagesByCountry, [
      { country: 'DEU', messagesCount: '4', cost: '0.240000' },
      { country: 'SRB', messagesCount: '1', cost: '0.100000' },
    ]);
    const none = await p.post('/usage/bycountry', { startDate: '2020-04-01', endDate: '2020-04-15', accountName: 'promo_account' });
    assert.deepEqual(none.json.usagesByCountry, []);
    assert.equal((await p.post('/usage/bycountry', { startDate: 'yesterday', endDate: today })).json.field, 'startDate');
    assert.equal((await p.post('/usage/bycountry', { startDate: today, endDate: today, accountName: 'nope' })).json.field, 'accountName');
    assert.equal((await p.post('/usage/bycountry', { startDate: today, endDate: today, accountName: '\u0000' })).json.field, 'accountName');
    const nulQuery = await p.get('/api/v1/messages?reference=%00');
    assert.equal(nulQuery.status, 400);
    assert.equal(nulQuery.json.field, 'query');
  });

  test('conversions: 400 when tracking is off, 404 for unknown or foreign ids, 400 before delivery, then recorded', async () => {
    const sent = await p.post('/sms', { from: 'Petrel', to: '491725551234', text: 'x' });
    const off = await p.post('/sms/converted.json', { messageId: sent.json.id });
    assert.equal(off.status, 400);
    const ta = await p.tenancy.createTrafficAccount('default', { name: 'tracked', conversionTracking: true });
    const h = { 'x-mitto-api-key': (await p.tenancy.createKey({ accountName: 'default', trafficAccountName: ta.name, role: 'sender' })).key };
    assert.equal((await p.post('/sms/converted', { messageId: 'd8d9505a-161b-4776-9efb-4939d5b02e990' }, h)).status, 404);
    await p.tenancy.createAccount('other', { conversionTracking: true });
    const otherKey = (await p.tenancy.createKey({ accountName: 'other', role: 'sender' })).key;
    assert.equal((await p.post('/sms/converted', { messageId: sent.json.id }, { 'x-mitto-api-key': otherKey })).status, 404);
    const early = await p.post('/sms/converted', { messageId: sent.json.id }, h);
    assert.deepEqual([early.status, early.json.responseCode, early.json.field], [400, 9, 'messageId']);
    await markSent(p.petrel.database, [sent.json.id]);
    const ok = await p.post('/sms/converted.json', { messageId: sent.json.id.replaceAll('-', '') }, h);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.responseCode, 0);
    assert.ok((await p.get(`/api/v1/messages/${sent.json.id}`)).json.convertedAt);
  });
});

forEachDialect('rate limit', (dialect) => {
  const p = serverForSuite(dialect, { PETREL_RATE_LIMIT: '3' });

  test('429 with Retry-After past the per-key rate', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await p.post('/sms', { from: 'Petrel', to: '491725551234', text: 'x', test: true }));
    const limited = statuses.filter((r) => r.status === 429);
    assert.ok(limited.length >= 2, statuses.map((r) => r.status).join());
    assert.ok(Number(limited[0]!.headers.get('retry-after')) >= 1);
    assert.equal(limited[0]!.json.responseCode, 9);
  });
});
