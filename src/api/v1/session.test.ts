// Sign-in over HTTP on both dialects: the first administrator made at first start signs in and
// gets an HttpOnly SameSite cookie; the cookie shows who is signed in; signing out needs the
// CSRF token; bad bodies name the field; failed sign-ins are limited; pausing the user ends
// the open session at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { serverForSuite } from '../../../test/server.ts';
import { client } from '../../../test/people.ts';
import { SqlPeopleStore } from '../../storage/people-repository.ts';
import { SqlAuditStore } from '../../storage/audit-repository.ts';
import { Users } from '../../people/users.ts';
import { PER_EMAIL } from '../../people/sign-in-limit.ts';
import { PERMISSIONS } from '../../domain/permissions.ts';

forEachDialect('management API v1: sign-in and sessions', (dialect) => {
  const p = serverForSuite(dialect);
  const { call, sessionOf } = client(() => p.url);
  const signIn = async (email: string, password: string) => {
    const r = await call('POST', '/api/v1/session', { body: { email, password } });
    return { ...r, cookie: sessionOf(r).cookie };
  };

  test('the first administrator, printed at first start, signs in; the cookie is HttpOnly and SameSite', async () => {
    const admin = p.petrel.bootstrapAdmin!;
    assert.equal(admin.email, 'admin@petrel.local');
    const r = await signIn('Admin@Petrel.local', admin.password);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.user, {
      email: 'admin@petrel.local',
      name: 'Administrator',
      role: 'administrator',
      operator: true,
      permissions: [...PERMISSIONS],
      account: 'default',
      language: null,
      timeZone: null,
    });
    assert.match(r.setCookie!, /^petrel_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await call('GET', '/api/v1/session', { cookie: r.cookie });
    assert.deepEqual([me.status, me.json.user.email, me.json.csrfToken], [200, 'admin@petrel.local', r.json.csrfToken]);
    assert.equal((await call('GET', '/api/v1/session')).status, 401);
    assert.equal((await call('GET', '/api/v1/session', { cookie: 'petrel_session=forged' })).status, 401);
  });

  test('signing out needs the CSRF token, and ends the session', async () => {
    const r = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
    const refused = await call('DELETE', '/api/v1/session', { cookie: r.cookie });
    assert.deepEqual([refused.status, refused.json.message], [403, 'the X-CSRF-Token header is missing or not this session’s']);
    assert.equal((await call('DELETE', '/api/v1/session', { cookie: r.cookie, csrf: 'guess' })).status, 403);
    const out = await call('DELETE', '/api/v1/session', { cookie: r.cookie, csrf: r.json.csrfToken });
    assert.equal(out.status, 204);
    assert.match(out.setCookie!, /^petrel_session=; .*Max-Age=0/);
    assert.equal((await call('GET', '/api/v1/session', { cookie: r.cookie })).status, 401);
  });

  test('bad bodies name the field; never a 500', async () => {
    const cases: Array<[unknown, string]> = [
      [{ password: 'x' }, 'email'],
      [{ email: 'a@b.example' }, 'password'],
      [{ email: { name: 'x' }, password: 'x' }, 'email'],
      [{ email: 'a@b.example', password: 'x'.repeat(1025) }, 'password'],
      [{ email: 'a@b.example', password: 'x', admin: true }, 'admin'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', '/api/v1/session', { body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(JSON.stringify(r.json), new RegExp(field), JSON.stringify(r.json));
    }
    assert.equal((await call('POST', '/api/v1/session', { body: '{"email":' })).status, 400);
    const hostile = await signIn("' OR 1=1 --", '<script>alert(1)</script>');
    assert.deepEqual([hostile.status, hostile.json.message], [401, 'the email or the password is not right']);
  });

  test('ten failed sign-ins for an email: the next waits, with a clear message, even with the right password', async () => {
    const users = new Users(new SqlPeopleStore(p.petrel.database), new SqlAuditStore(p.petrel.database));
    await users.create({ accountId: await p.tenancy.accountIdOf('default'), email: 'eve@acme.example', name: 'Eve', role: 'analyst', password: 'Right1pass!' }, Date.now());
    for (let i = 0; i < PER_EMAIL; i++) assert.equal((await signIn('eve@acme.example', `wrong${i}`)).status, 401);
    const limited = await signIn('eve@acme.example', 'Right1pass!');
    assert.equal(limited.status, 429);
    assert.match(limited.json.message, /^too many failed sign-ins; try again in 1[45] minutes$/);
  });

  test('pausing a user ends their open session at once', async () => {
    const users = new Users(new SqlPeopleStore(p.petrel.database), new SqlAuditStore(p.petrel.database));
    const fay = await users.create({ accountId: await p.tenancy.accountIdOf('default'), email: 'fay@acme.example', name: 'Fay', role: 'campaign_manager', password: 'Petrel1!x' }, Date.now());
    const r = await signIn('fay@acme.example', 'Petrel1!x');
    assert.equal((await call('GET', '/api/v1/session', { cookie: r.cookie })).status, 200);
    await users.pause(fay.id, Date.now());
    const after = await call('GET', '/api/v1/session', { cookie: r.cookie });
    assert.equal(after.status, 401);
    assert.match(after.json.message, /the session ended/);
  });

  test('the audit log holds every sign-in, failure, sign-out and pause; each account reads its own', async () => {
    const audit = async (key: string, query = '') => {
      const r = await fetch(`${p.url}/api/v1/audit${query}`, { headers: { 'x-mitto-api-key': key } });
      return { status: r.status, json: (await r.json()) as any };
    };
    const all = await audit(p.key);
    assert.equal(all.status, 200);
    const actions = all.json.entries.map((e: { action: string; email: string }) => `${e.action} ${e.email}`);
    for (const expected of ['sign_in admin@petrel.local', 'sign_out admin@petrel.local', 'sign_in_failed eve@acme.example', 'user_paused fay@acme.example', 'user_created fay@acme.example']) {
      assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
    }
    const failed = all.json.entries.find((e: { action: string; email: string }) => e.action === 'sign_in_failed' && e.email === 'eve@acme.example');
    assert.deepEqual([failed.detail, failed.account, failed.address], ['wrong password', 'default', '127.0.0.1']);
    const unknown = all.json.entries.find((e: { email: string }) => e.email === 'nobody-here@acme.example');
    assert.equal(unknown, undefined);
    await signIn('nobody-here@acme.example', 'x');
    const withUnknown = await audit(p.key, '?limit=1');
    assert.deepEqual([withUnknown.json.entries[0].email, withUnknown.json.entries[0].account, withUnknown.json.entries[0].detail], ['nobody-here@acme.example', null, 'no such user']);
    assert.equal(withUnknown.json.nextCursor, withUnknown.json.entries[0].id);
    const older = await audit(p.key, `?limit=100&cursor=${withUnknown.json.nextCursor}`);
    assert.ok(older.json.entries.every((e: { id: number }) => e.id < withUnknown.json.nextCursor));
    // Another account's admin reads only its own account's entries, and cannot name this one.
    await p.tenancy.createAccount('initech', { name: 'main', displayName: 'Initech', type: 'api' });
    const theirs = (await p.tenancy.createKey({ accountName: 'initech', trafficAccountName: 'main', role: 'admin' })).key;
    assert.deepEqual((await audit(theirs)).json.entries, []);
    assert.equal((await audit(theirs, '?account=default')).status, 403);
    assert.ok((await audit(p.key, '?account=default')).json.entries.every((e: { account: string }) => e.account === 'default'));
  });
});

forEachDialect('management API v1: a session works where a key does', (dialect) => {
  const p = serverForSuite(dialect);
  const { call, signIn } = client(() => p.url);

  test('the operator’s administrator reads operator routes; writes need the CSRF token', async () => {
    const s = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
    const connectors = await call('GET', '/api/v1/connectors', s);
    assert.equal(connectors.status, 200, JSON.stringify(connectors.json));
    assert.ok(Array.isArray(connectors.json.connectors));
    const noCsrf = await call('POST', '/api/v1/blacklist', { cookie: s.cookie, body: { number: '+4917612345678' } });
    assert.deepEqual([noCsrf.status, noCsrf.json.message], [403, 'the X-CSRF-Token header is missing or not this session’s']);
    const added = await call('POST', '/api/v1/blacklist', { ...s, body: { number: '+4917612345678' } });
    assert.ok(added.status < 300, JSON.stringify(added.json));
    const listed = await call('GET', '/api/v1/blacklist', s);
    assert.ok(
      listed.json.entries.some((e: { number: string }) => e.number === '+4917612345678'),
      JSON.stringify(listed.json),
    );
  });

  test('a person’s role decides: an analyst reads messages, not the blacklist’s writes or connectors; another account sees its own', async () => {
    const users = new Users(new SqlPeopleStore(p.petrel.database), new SqlAuditStore(p.petrel.database));
    await p.tenancy.createAccount('globex', { name: 'main', displayName: 'Globex', type: 'api' });
    const globex = await p.tenancy.accountIdOf('globex');
    await users.create({ accountId: globex, email: 'ann@globex.example', name: 'Ann', role: 'analyst', password: 'Petrel1!x' }, Date.now());
    await users.create({ accountId: globex, email: 'ada@globex.example', name: 'Ada', role: 'administrator', password: 'Petrel1!x' }, Date.now());
    const analyst = await signIn('ann@globex.example', 'Petrel1!x');
    assert.equal((await call('GET', '/api/v1/messages', analyst)).status, 200);
    const refused = await call('POST', '/api/v1/blacklist', { ...analyst, body: { number: '+4917612345679' } });
    assert.deepEqual([refused.status, refused.json.message], [403, 'POST /api/v1/blacklist needs the blacklist permission']);
    const admin = await signIn('ada@globex.example', 'Petrel1!x');
    const connector = await call('GET', '/api/v1/connectors', admin);
    assert.deepEqual([connector.status, connector.json.message], [403, "GET /api/v1/connectors needs the platform operator's administrator"]);
    // The default account's blacklist entry of the test above is not Globex's.
    const theirs = await call('GET', '/api/v1/blacklist', admin);
    assert.equal(theirs.status, 200);
    assert.ok(theirs.json.entries.every((e: { number: string }) => e.number !== '+4917612345678'));
    assert.equal((await call('GET', '/api/v1/audit?account=default', admin)).status, 403);
  });

  test('the Mitto paths take no session: a cookie cannot send', async () => {
    const s = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
    const r = await call('POST', '/sms', { ...s, body: { from: 'Petrel', to: '+4917612345678', text: 'hi' } });
    assert.equal(r.status, 401);
  });
});

forEachDialect('management API v1: the named permissions on the gateway’s own routes', (dialect) => {
  const p = serverForSuite(dialect);
  const { call, signIn } = client(() => p.url);

  test('blacklist, traffic accounts and reports follow the person’s permissions, not only their role', async () => {
    const accountId = await p.tenancy.accountIdOf('default');
    const users = new Users(new SqlPeopleStore(p.petrel.database), new SqlAuditStore(p.petrel.database));
    const keeper = await users.create({ accountId, email: 'kim@acme.example', name: 'Kim', role: 'custom', password: 'Petrel1!x' }, Date.now());
    await new SqlPeopleStore(p.petrel.database).updateUser(keeper.id, { permissions: ['blacklist'] }, Date.now());
    await users.create({ accountId, email: 'cam@acme.example', name: 'Cam', role: 'campaign_manager', password: 'Petrel1!x' }, Date.now());
    const k = await signIn('kim@acme.example', 'Petrel1!x');
    assert.equal((await call('POST', '/api/v1/blacklist', { ...k, body: { number: '+4917612345670' } })).status, 201, 'a custom user with blacklist adds');
    assert.equal((await call('DELETE', '/api/v1/blacklist/%2B4917612345670', k)).status, 204, 'and removes, as an admin key would');
    assert.equal((await call('GET', '/api/v1/messages', k)).json.message, 'GET /api/v1/messages needs the reports permission');
    assert.equal(
      (await call('PATCH', '/api/v1/traffic-accounts/default', { ...k, body: { displayName: 'X' } })).json.message,
      'PATCH /api/v1/traffic-accounts/:name needs the traffic accounts permission',
    );
    const c = await signIn('cam@acme.example', 'Petrel1!x');
    assert.equal((await call('GET', '/api/v1/messages', c)).status, 200, 'a campaign manager reads reports');
    assert.equal((await call('GET', '/api/v1/usage?from=2026-01-01&to=2026-12-31', c)).status, 200);
    assert.equal((await call('GET', '/api/v1/blacklist', c)).status, 403);
  });
});
