// Who may call what (issue #15), on both dialects: every route of the APIs with its scope, as
// the OpenAPI document states it, against the table below (a new route without a row fails);
// for every route, a sender key is refused what needs an admin, an account's admin what needs
// the operator, and the operator gets through; an account's admin never reaches another
// account's objects (404) nor another account by name (403), and never sees the operator's
// routing or credit controls.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { forEachDialect } from '../../../test/dialects.ts';
import { serverForSuite } from '../../../test/server.ts';
import { requireScopes } from '../scopes.ts';
import type { Scope } from '../../domain/scopes.ts';

/** Every route of the Mitto API and the management API, and the least role it needs. */
const SCOPES: Record<string, Scope | 'session' | 'public' | 'own'> = {
  'POST /sms': 'sender',
  'POST /smsbulk': 'sender',
  'POST /sms.json': 'sender',
  'POST /sms.xml': 'sender',
  'POST /smsbulk.json': 'sender',
  'POST /smsbulk.xml': 'sender',
  'POST /usage/bycountry': 'sender',
  'POST /usage/bycountry.json': 'sender',
  'POST /usage/bycountry.xml': 'sender',
  'POST /sms/converted': 'sender',
  'POST /sms/converted.json': 'sender',
  'POST /sms/converted.xml': 'sender',
  'POST /api/v1/messages/preview': 'sender',
  'GET /api/v1/messages': 'sender',
  'GET /api/v1/messages/{id}': 'sender',
  'GET /api/v1/usage': 'sender',
  'GET /api/v1/traffic-accounts': 'sender',
  'GET /api/v1/traffic-accounts/{name}': 'admin',
  'PATCH /api/v1/traffic-accounts/{name}': 'admin',
  'GET /api/v1/blacklist': 'sender',
  'GET /api/v1/blacklist/export': 'sender',
  'POST /api/v1/blacklist': 'sender',
  'DELETE /api/v1/blacklist/{number}': 'admin',
  'GET /api/v1/keywords': 'sender',
  'PUT /api/v1/keywords': 'admin',
  'DELETE /api/v1/keywords': 'admin',
  'GET /api/v1/inbound': 'sender',
  'GET /api/v1/inbound/{id}': 'sender',
  'GET /api/v1/numbers': 'operator',
  'POST /api/v1/numbers': 'operator',
  'DELETE /api/v1/numbers/{number}': 'operator',
  'GET /api/v1/margin': 'operator',
  'GET /api/v1/accounts': 'operator',
  'POST /api/v1/connectors': 'operator',
  'GET /api/v1/connectors': 'operator',
  'GET /api/v1/connectors/{id}': 'operator',
  'PATCH /api/v1/connectors/{id}': 'operator',
  'DELETE /api/v1/connectors/{id}': 'operator',
  'POST /api/v1/routes': 'operator',
  'GET /api/v1/routes': 'operator',
  'GET /api/v1/routes/{id}': 'operator',
  'PATCH /api/v1/routes/{id}': 'operator',
  'DELETE /api/v1/routes/{id}': 'operator',
  'POST /api/v1/simulator/inbound': 'operator',
  'GET /api/v1/audit': 'admin',
  'POST /api/v1/session': 'session',
  'GET /api/v1/session': 'session',
  'DELETE /api/v1/session': 'session',
  'PUT /api/v1/session/account': 'session',
  'DELETE /api/v1/session/account': 'session',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'GET /api/v1/users/{id}': 'admin',
  'PATCH /api/v1/users/{id}': 'admin',
  'DELETE /api/v1/users/{id}': 'admin',
  'POST /api/v1/users/{id}/invitation': 'admin',
  'GET /api/v1/mail/outbox': 'admin',
  'POST /api/v1/session/second-factor': 'session',
  'GET /api/v1/me': 'own',
  'PUT /api/v1/me/avatar': 'own',
  'DELETE /api/v1/me/avatar': 'own',
  'GET /api/v1/me/avatar': 'own',
  'PATCH /api/v1/me': 'own',
  'POST /api/v1/me/password': 'own',
  'POST /api/v1/me/phone': 'own',
  'POST /api/v1/me/phone/verify': 'own',
  'POST /api/v1/me/second-factor/totp': 'own',
  'POST /api/v1/me/second-factor': 'own',
  'POST /api/v1/me/second-factor/disable': 'own',
  'GET /api/v1/notifications/summary': 'own',
  'GET /api/v1/notifications': 'own',
  'POST /api/v1/notifications/mark': 'own',
  'GET /api/v1/account': 'admin',
  'PATCH /api/v1/account': 'admin',
  'GET /api/v1/branding': 'public',
  'GET /api/v1/branding/logo': 'public',
  'PATCH /api/v1/branding': 'operator',
  'GET /api/v1/invitation': 'public',
  'POST /api/v1/invitation': 'public',
  'GET /api/v1/password-reset': 'public',
  'POST /api/v1/password-reset': 'public',
  'POST /api/v1/password-reset/complete': 'public',
  'GET /api/v1/campaigns': 'sender',
  'POST /api/v1/campaigns': 'sender',
  'GET /api/v1/campaigns/{id}': 'sender',
  'PATCH /api/v1/campaigns/{id}': 'sender',
  'DELETE /api/v1/campaigns/{id}': 'sender',
  'POST /api/v1/campaigns/{id}/clone': 'sender',
  'GET /api/v1/campaigns/{id}/preview': 'sender',
  'POST /api/v1/campaigns/{id}/preview': 'sender',
  'POST /api/v1/campaigns/{id}/estimate': 'sender',
  'GET /api/v1/content-rules': 'operator',
  'PUT /api/v1/content-rules': 'operator',
  'POST /api/v1/content-rules/check': 'sender',
  'GET /api/v1/templates': 'sender',
  'POST /api/v1/templates': 'sender',
  'GET /api/v1/templates/{id}': 'sender',
  'PATCH /api/v1/templates/{id}': 'sender',
  'DELETE /api/v1/templates/{id}': 'sender',
  'GET /api/v1/lists': 'sender',
  'POST /api/v1/lists': 'sender',
  'GET /api/v1/lists/sample': 'sender',
  'GET /api/v1/lists/{id}': 'sender',
  'PATCH /api/v1/lists/{id}': 'sender',
  'DELETE /api/v1/lists/{id}': 'sender',
  'GET /api/v1/lists/{id}/contacts': 'sender',
  'POST /api/v1/lists/{id}/contacts': 'sender',
  'DELETE /api/v1/lists/{id}/contacts/{contactId}': 'sender',
  'POST /api/v1/lists/{id}/imports/text': 'sender',
  'POST /api/v1/lists/{id}/imports': 'sender',
  'GET /api/v1/lists/{id}/imports': 'sender',
  'GET /api/v1/lists/{id}/imports/{importId}': 'sender',
  'GET /api/v1/lists/{id}/imports/{importId}/preview': 'sender',
  'POST /api/v1/lists/{id}/imports/{importId}/start': 'sender',
  'GET /api/v1/lists/{id}/imports/{importId}/rejects': 'sender',
};

/** A concrete path for a documented one: ids and names that exist nowhere. */
const concrete = (path: string) => path.replace('{id}', '999999').replace('{importId}', '999999').replace('{contactId}', '999999').replace('{name}', 'nowhere').replace('{number}', '%2B491725559999');

test('a route of an API that declares no scope stops the server from starting', async () => {
  const app = Fastify();
  requireScopes(app);
  assert.throws(() => app.get('/api/v1/forgotten', { config: { api: 'v1' } }, async () => 'open to all'), /GET \/api\/v1\/forgotten declares no scope/);
  app.get('/healthz', async () => 'ok'); // not an API route: no scope needed
  await app.ready();
  await app.close();
});

forEachDialect('scopes: operator, account admin, sender', (dialect) => {
  const p = serverForSuite(dialect);
  const keys = { operator: '', admin: '', sender: '', otherAdmin: '' };
  const call = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${p.url}${path}`, {
      method,
      headers: { 'x-mitto-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => ({ status: r.status, text: await r.text() }));

  before(async () => {
    keys.operator = p.key; // the bootstrap key
    await p.tenancy.createAccount('acme', { name: 'shop', displayName: 'Acme shop', type: 'api' });
    keys.admin = (await p.tenancy.createKey({ accountName: 'acme', trafficAccountName: 'shop', role: 'admin' })).key;
    keys.sender = (await p.tenancy.createKey({ accountName: 'acme', trafficAccountName: 'shop', role: 'sender' })).key;
    await p.tenancy.createAccount('globex', { name: 'outlet', displayName: 'Globex', type: 'api' });
    keys.otherAdmin = (await p.tenancy.createKey({ accountName: 'globex', trafficAccountName: 'outlet', role: 'admin' })).key;
  });

  test('the OpenAPI document lists every route with its scope, and every route has a row in the table', async () => {
    const doc = JSON.parse((await call('GET', '/docs/json', keys.sender)).text) as { paths: Record<string, Record<string, { description?: string }>> };
    const documented: Record<string, string> = {};
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const d = op.description ?? '';
        documented[`${method.toUpperCase()} ${path}`] = /session cookie\.$/.test(d)
          ? 'session'
          : /token is the proof\.$/.test(d)
            ? 'public'
            : /own settings\.$/.test(d)
              ? 'own'
              : (/\((operator|admin|sender)\)\.$/.exec(d)?.[1] ?? 'none');
      }
    }
    assert.deepEqual(documented, SCOPES);
  });

  test('each route: a sender is refused above sender, an account admin above admin, the operator gets through', async () => {
    for (const [route, needs] of Object.entries(SCOPES)) {
      if (needs === 'session' || needs === 'public' || needs === 'own') continue; // sign-in, links, own settings: session, users and me tests
      const [method, path] = route.split(' ') as [string, string];
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const as = async (key: string) => (await call(method, concrete(path), key, body)).status;
      const [sender, admin, operator] = [await as(keys.sender), await as(keys.admin), await as(keys.operator)];
      assert.equal(sender === 403, needs !== 'sender', `${route} with a sender key: ${sender}`);
      assert.equal(admin === 403, needs === 'operator', `${route} with an account admin's key: ${admin}`);
      assert.ok(operator !== 401 && operator !== 403 && operator < 500, `${route} with the operator's key: ${operator}`);
    }
  });

  test("operator keys are only the operator's account's", async () => {
    await assert.rejects(p.tenancy.createKey({ accountName: 'acme', role: 'operator' }), /operator keys belong to the operator's account/);
    const extra = await p.tenancy.createKey({ accountName: 'default', role: 'operator', name: 'second operator' });
    assert.equal((await call('GET', '/api/v1/connectors', extra.key)).status, 200);
  });

  test('a refusal names the key that is needed, and nothing of the resource', async () => {
    const r = await call('GET', '/api/v1/connectors/1', keys.admin);
    assert.equal(r.status, 403);
    assert.deepEqual(JSON.parse(r.text), { statusCode: 403, error: 'Forbidden', message: "GET /api/v1/connectors/:id needs the operator's key", code: 'not_allowed' });
  });

  test("an account's admin reaches its own account's objects, never another's", async () => {
    const sent = await call('POST', '/sms', keys.sender, { from: 'Acme', to: '491725550501', text: 'hello' });
    assert.equal(sent.status, 200, sent.text);
    const id = JSON.parse(sent.text).id as string;
    const own = await call('GET', `/api/v1/messages/${id}`, keys.admin);
    assert.equal(own.status, 200, `${id}: ${own.text}`);
    assert.equal((await call('GET', `/api/v1/messages/${id}`, keys.otherAdmin)).status, 404);
    assert.equal((await call('GET', '/api/v1/traffic-accounts/shop', keys.admin)).status, 200);
    assert.equal((await call('GET', '/api/v1/traffic-accounts/shop', keys.otherAdmin)).status, 404);
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/shop', keys.otherAdmin, { inboundUrl: null })).status, 404);
    assert.equal((await call('POST', '/api/v1/blacklist', keys.admin, { number: '491725550502' })).status, 201);
    assert.equal((await call('DELETE', '/api/v1/blacklist/491725550502', keys.otherAdmin)).status, 404);
    const theirs = JSON.parse((await call('GET', '/api/v1/blacklist', keys.otherAdmin)).text);
    assert.deepEqual(theirs.entries, []);
    const listed = JSON.parse((await call('GET', '/api/v1/messages', keys.otherAdmin)).text);
    assert.deepEqual(listed.messages, []);
    // Naming another account is the operator's.
    assert.equal((await call('GET', '/api/v1/traffic-accounts?account=acme', keys.otherAdmin)).status, 403);
    const op = await call('GET', '/api/v1/traffic-accounts?account=acme', keys.operator);
    assert.deepEqual(
      JSON.parse(op.text).trafficAccounts.map((t: { name: string }) => t.name),
      ['shop'],
    );
    assert.equal((await call('GET', '/api/v1/traffic-accounts?account=nobody', keys.operator)).status, 404);
  });

  test('credit is granted by the operator: an account admin sees it and cannot change it', async () => {
    const refused = await call('PATCH', '/api/v1/traffic-accounts/shop', keys.admin, { creditLimit: '1000.00' });
    assert.deepEqual([refused.status, JSON.parse(refused.text).message], [403, "creditLimit is changed with the operator's key"]);
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/shop', keys.admin, { resetCredit: true })).status, 403);
    const granted = await call('PATCH', '/api/v1/traffic-accounts/shop?account=acme', keys.operator, { creditLimit: '50.00' });
    assert.equal(granted.status, 200, granted.text);
    assert.equal(JSON.parse((await call('GET', '/api/v1/traffic-accounts/shop', keys.admin)).text).creditLimit, '50.000000');
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/shop', keys.admin, { inboundUrl: 'https://acme.example/mo' })).status, 200, 'its own settings, yes');
  });

  test("a message's route and connector are shown to the operator only", async () => {
    const connector = JSON.parse(
      (await call('POST', '/api/v1/connectors', keys.operator, { name: 'carrier', host: '127.0.0.1', port: 2775, systemId: 'petrel', password: 'secret', enabled: false })).text,
    );
    const route = await call('POST', '/api/v1/routes', keys.operator, { name: 'all', connectors: [{ connectorId: connector.id }] });
    assert.equal(route.status, 201, route.text);
    const send = async (key: string) => {
      const r = await call('POST', '/sms', key, { from: 'Acme', to: '491725550503', text: 'hi' });
      assert.equal(r.status, 200, r.text);
      return JSON.parse(r.text).id as string;
    };
    const seenBy = async (key: string, id: string) => {
      const r = await call('GET', `/api/v1/messages/${id}`, key);
      assert.equal(r.status, 200, r.text);
      return JSON.parse(r.text).delivery;
    };
    const [ours, theirs] = [await send(keys.operator), await send(keys.sender)];
    const operator = await seenBy(keys.operator, ours);
    assert.deepEqual([operator.routeId, operator.connectorId], [JSON.parse(route.text).id, connector.id], 'the operator sees how it is routed');
    const admin = await seenBy(keys.admin, theirs);
    assert.deepEqual([admin.routeId, admin.connectorId], [null, null], 'a customer does not');
    const body = JSON.stringify(admin);
    assert.ok(!body.includes('secret') && !body.includes('2775'), 'nor anything of the connector');
  });
});
