// Templates over the API on both dialects: create, search, change, delete; each field's rule
// named; names unique per account in any case; another account's templates not found; the
// templates permission for people.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { client, makeUser } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';

forEachDialect('management API v1: templates', (dialect) => {
  const p = serverForSuite(dialect);
  const http = client(() => p.url);
  let other = '';
  const as = (key: string, body?: unknown) => ({ key, ...(body === undefined ? {} : { body }) });

  before(async () => {
    await p.tenancy.createAccount('elsewhere', { name: 'main', displayName: 'Elsewhere', type: 'api' });
    other = (await p.tenancy.createKey({ accountName: 'elsewhere', trafficAccountName: 'main', role: 'admin' })).key;
  });

  test('create, search on name or message, change, delete', async () => {
    const made = await http.call('POST', '/api/v1/templates', as(p.key, { name: ' Welcome ', text: 'Hello {first_name}, welcome to ACME!' }));
    assert.deepEqual([made.status, made.json.name, made.json.text], [201, 'Welcome', 'Hello {first_name}, welcome to ACME!']);
    await http.call('POST', '/api/v1/templates', as(p.key, { name: 'Привет', text: 'Здравствуйте, {first_name}!' }));
    assert.equal((await http.call('POST', '/api/v1/templates', as(p.key, { name: 'WELCOME', text: 'again' }))).status, 409);
    const found = await http.call('GET', '/api/v1/templates?search=%D0%97%D0%94%D0%A0%D0%90%D0%92', as(p.key));
    assert.deepEqual(
      found.json.templates.map((t: { name: string }) => t.name),
      ['Привет'],
      'part of the message, any case, any script',
    );
    assert.equal((await http.call('GET', '/api/v1/templates', as(p.key))).json.total, 2);
    const changed = await http.call('PATCH', `/api/v1/templates/${made.json.id}`, as(p.key, { text: 'Hi {first_name}!' }));
    assert.deepEqual([changed.status, changed.json.name, changed.json.text], [200, 'Welcome', 'Hi {first_name}!']);
    assert.equal((await http.call('DELETE', `/api/v1/templates/${made.json.id}`, as(p.key))).status, 204);
    assert.equal((await http.call('GET', `/api/v1/templates/${made.json.id}`, as(p.key))).status, 404);
  });

  test('each field’s rule, named; nothing half written', async () => {
    for (const [body, field] of [
      [{ name: '', text: 'x' }, 'name'],
      [{ name: 'x'.repeat(65), text: 'x' }, 'name'],
      [{ name: 'Empty', text: '   ' }, 'text'],
      [{ name: 'Long', text: 'x'.repeat(1601) }, 'text'],
      [{ name: 'Broken', text: 'a \ud800 b' }, 'text'],
      [{ name: 'Extra', text: 'x', sender: 'ACME' }, undefined],
      [{ name: ['array'], text: 'x' }, undefined],
    ] as Array<[unknown, string | undefined]>) {
      const r = await http.call('POST', '/api/v1/templates', as(p.key, body));
      assert.equal(r.status, 400, JSON.stringify(body));
      if (field) assert.equal(r.json.field, field, JSON.stringify(body));
    }
    const names = (await http.call('GET', '/api/v1/templates', as(p.key))).json.templates.map((t: { name: string }) => t.name);
    assert.ok(!names.some((n: string) => ['Empty', 'Long', 'Broken', 'Extra'].includes(n)));
  });

  test('another account’s template is not found; people need the templates permission', async () => {
    const mine = (await http.call('POST', '/api/v1/templates', as(p.key, { name: 'Mine', text: 'x' }))).json;
    for (const [method, body] of [['GET'], ['PATCH', { text: 'theirs' }], ['DELETE']] as Array<[string, unknown?]>) {
      assert.equal((await http.call(method, `/api/v1/templates/${mine.id}`, as(other, body))).status, 404, method);
    }
    assert.equal((await http.call('GET', '/api/v1/templates', as(other))).json.total, 0);
    const accountId = await p.tenancy.accountIdOf('default');
    const analyst = await makeUser(p.petrel.database, { accountId, email: 'an@templates.example', role: 'analyst' });
    const manager = await makeUser(p.petrel.database, { accountId, email: 'cm@templates.example', role: 'campaign_manager' });
    assert.equal((await http.call('GET', '/api/v1/templates', await http.signIn(analyst.email, analyst.password))).status, 403);
    const cm = await http.signIn(manager.email, manager.password);
    const made = await http.call('POST', '/api/v1/templates', { ...cm, body: { name: 'By the manager', text: 'x' } });
    assert.deepEqual([made.status, made.json.createdBy], [201, 'cm']);
  });
});
