// Sign-in over HTTP on both dialects: the first administrator made at first start signs in and
// gets an HttpOnly SameSite cookie; the cookie shows who is signed in; signing out needs the
// CSRF token; bad bodies name the field; failed sign-ins are limited; pausing the user ends
// the open session at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { serverForSuite } from '../../../test/server.ts';
import { SqlPeopleStore } from '../../storage/people-repository.ts';
import { Users } from '../../people/users.ts';
import { PER_EMAIL } from '../../people/sign-in-limit.ts';

forEachDialect('management API v1: sign-in and sessions', (dialect) => {
  const p = serverForSuite(dialect);
  const call = async (method: string, path: string, o: { body?: unknown; cookie?: string; csrf?: string } = {}) => {
    const r = await fetch(`${p.url}${path}`, {
      method,
      headers: {
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(o.cookie ? { cookie: o.cookie } : {}),
        ...(o.csrf ? { 'x-csrf-token': o.csrf } : {}),
      },
      ...(o.body === undefined ? {} : { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) }),
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null, setCookie: r.headers.get('set-cookie') };
  };
  const signIn = async (email: string, password: string) => {
    const r = await call('POST', '/api/v1/session', { body: { email, password } });
    return { ...r, cookie: r.setCookie?.split(';')[0] ?? '' };
  };

  test('the first administrator, printed at first start, signs in; the cookie is HttpOnly and SameSite', async () => {
    const admin = p.petrel.bootstrapAdmin!;
    assert.equal(admin.email, 'admin@petrel.local');
    const r = await signIn('Admin@Petrel.local', admin.password);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.user, { email: 'admin@petrel.local', name: 'Administrator', role: 'administrator', operator: true, account: 'default' });
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
    const users = new Users(new SqlPeopleStore(p.petrel.database));
    await users.create({ accountId: (await p.tenancy.accountIdOf('default')), email: 'eve@acme.example', name: 'Eve', role: 'analyst', password: 'Right1pass!' }, Date.now());
    for (let i = 0; i < PER_EMAIL; i++) assert.equal((await signIn('eve@acme.example', `wrong${i}`)).status, 401);
    const limited = await signIn('eve@acme.example', 'Right1pass!');
    assert.equal(limited.status, 429);
    assert.match(limited.json.message, /^too many failed sign-ins; try again in 1[45] minutes$/);
  });

  test('pausing a user ends their open session at once', async () => {
    const store = new SqlPeopleStore(p.petrel.database);
    const users = new Users(store);
    const fay = await users.create({ accountId: await p.tenancy.accountIdOf('default'), email: 'fay@acme.example', name: 'Fay', role: 'campaign_manager', password: 'Petrel1!x' }, Date.now());
    const r = await signIn('fay@acme.example', 'Petrel1!x');
    assert.equal((await call('GET', '/api/v1/session', { cookie: r.cookie })).status, 200);
    await users.pause(fay.id, Date.now());
    const after = await call('GET', '/api/v1/session', { cookie: r.cookie });
    assert.equal(after.status, 401);
    assert.match(after.json.message, /the session ended/);
  });
});
