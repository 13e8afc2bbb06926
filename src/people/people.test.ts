// Users, sign-in and sessions over the real stores, on both dialects: the password rule at
// creation, one email per platform, the same refusal for every failed sign-in, a session only
// a hash of whose token is stored, idle logout, and pausing or a password change ending
// sessions at once.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseForSuite, forEachDialect } from '../../test/dialects.ts';
import { SqlPeopleStore } from '../storage/people-repository.ts';
import { SqlAuditStore } from '../storage/audit-repository.ts';
import { SqlTenancyStore } from '../storage/tenancy-repository.ts';
import { IDLE_MS } from '../domain/idle-logout.ts';
import { Sessions, tokenHash } from './sessions.ts';
import { Users } from './users.ts';

forEachDialect('people: users, sign-in, sessions', (dialect) => {
  const suite = databaseForSuite(dialect);
  let users: Users;
  let sessions: Sessions;
  let store: SqlPeopleStore;
  let audit: SqlAuditStore;
  let accountId = 0;
  const T0 = Date.UTC(2026, 11, 4, 9, 0);
  /** The password step and the session, as the sign-in route does for a user without a second factor. */
  const signIn = async (email: string, password: string, address: string | null, now: number) => {
    const user = await sessions.checkPassword(email, password, address, now);
    return user ? sessions.open(user, address, now) : null;
  };

  before(async () => {
    store = new SqlPeopleStore(suite.db);
    audit = new SqlAuditStore(suite.db);
    users = new Users(store, audit);
    sessions = new Sessions(store, store, audit);
    accountId = await new SqlTenancyStore(suite.db).createAccount('acme', T0);
  });

  test('a user needs a valid email, a name and a good password; an email signs in one user only', async () => {
    const bad = [
      [{ email: 'not-an-email' }, 'email'],
      [{ name: '  ' }, 'name'],
      [{ password: 'password' }, 'password'],
    ] as const;
    for (const [change, field] of bad) {
      await assert.rejects(
        users.create({ accountId, email: 'ana@acme.example', name: 'Ana', role: 'administrator', password: 'Petrel1!', ...change }, T0),
        (e: { field?: string }) => e.field === field,
        field,
      );
    }
    const ana = await users.create({ accountId, email: ' Ana@Acme.example ', name: 'Ana', role: 'administrator', password: 'Petrel1!' }, T0);
    assert.deepEqual([ana.email, ana.status, ana.role, ana.operator], ['ana@acme.example', 'active', 'administrator', false]);
    await assert.rejects(users.create({ accountId, email: 'ANA@acme.example', name: 'Other', role: 'analyst', password: 'Petrel1!' }, T0), /exists/);
  });

  test('sign-in: the right password opens a session; a wrong one, an unknown email and a paused user get the same null', async () => {
    const bo = await users.create({ accountId, email: 'bo@acme.example', name: 'Bo', role: 'analyst', password: 'Sturm&Drang1' }, T0);
    const ok = await signIn('BO@acme.example', 'Sturm&Drang1', '127.0.0.1', T0);
    assert.ok(ok);
    assert.equal(ok.user.id, bo.id);
    assert.notEqual(ok.token, ok.csrfToken);
    assert.equal(await signIn('bo@acme.example', 'sturm&drang1', null, T0), null);
    assert.equal(await signIn('nobody@acme.example', 'Sturm&Drang1', null, T0), null);
    const rows = await suite.db.db.selectFrom('sessions').selectAll().where('user_id', '=', bo.id).execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.token_hash, ok.token, 'only a hash of the token is stored');
    assert.equal((await sessions.resolve(ok.token, T0 + 1000))?.user.email, 'bo@acme.example');
    assert.equal(await sessions.resolve(`${ok.token}x`, T0), null);
    await users.pause(bo.id, T0 + 2000);
    assert.equal((await suite.db.db.selectFrom('sessions').select('token_hash').where('user_id', '=', bo.id).execute()).length, 0, 'pausing deleted its sessions');
    assert.equal(await sessions.resolve(ok.token, T0 + 3000), null, 'pausing ended the open session');
    assert.equal(await signIn('bo@acme.example', 'Sturm&Drang1', null, T0 + 4000), null, 'and a paused user cannot sign in');
    await users.unpause(bo.id, T0 + 5000);
    assert.ok(await signIn('bo@acme.example', 'Sturm&Drang1', null, T0 + 6000));
  });

  test('a session ends after 30 minutes without a request; each request keeps it open', async () => {
    await users.create({ accountId, email: 'cy@acme.example', name: 'Cy', role: 'campaign_manager', password: 'Petrel1!' }, T0);
    const s = (await signIn('cy@acme.example', 'Petrel1!', null, T0))!;
    assert.ok(await sessions.resolve(s.token, T0 + IDLE_MS - 1000), 'used just before it would end');
    assert.ok(await sessions.resolve(s.token, T0 + 2 * IDLE_MS - 2000), 'that use kept it open');
    assert.equal(await sessions.resolve(s.token, T0 + 3 * IDLE_MS), null, '30 minutes idle: signed out');
    const idle = (await signIn('cy@acme.example', 'Petrel1!', null, T0))!;
    assert.ok((await sessions.sweep(T0 + IDLE_MS + 1)) >= 1);
    assert.equal(await sessions.resolve(idle.token, T0 + 1), null, 'swept');
    // The bell's polling (a background request) does not keep an unattended page signed in.
    const polled = (await signIn('cy@acme.example', 'Petrel1!', null, T0))!;
    for (let m = 5; m < 30; m += 5) assert.ok(await sessions.resolve(polled.token, T0 + m * 60_000, true), `polled at ${m} min`);
    assert.equal(await sessions.resolve(polled.token, T0 + IDLE_MS, true), null, 'polling alone: signed out at 30 minutes');
  });

  test('a password change needs the current password, follows the rule, and ends every other session', async () => {
    const dee = await users.create({ accountId, email: 'dee@acme.example', name: 'Dee', role: 'user_manager', password: 'Petrel1!' }, T0);
    const here = (await signIn('dee@acme.example', 'Petrel1!', null, T0))!;
    const elsewhere = (await signIn('dee@acme.example', 'Petrel1!', null, T0))!;
    await assert.rejects(users.changePassword(dee, 'wrong', 'Better2#', tokenHash(here.token), T0), (e: { field?: string }) => e.field === 'currentPassword');
    await assert.rejects(users.changePassword(dee, 'Petrel1!', 'short', tokenHash(here.token), T0), (e: { field?: string }) => e.field === 'newPassword');
    assert.ok(await sessions.resolve(elsewhere.token, T0 + 1), 'refused changes end nothing');
    await users.changePassword(dee, 'Petrel1!', 'Better2#', tokenHash(here.token), T0 + 10);
    assert.ok(await sessions.resolve(here.token, T0 + 20), 'the session that changed it stays');
    assert.equal(await sessions.resolve(elsewhere.token, T0 + 20), null, 'the others end');
    assert.equal(await signIn('dee@acme.example', 'Petrel1!', null, T0 + 30), null);
    assert.ok(await signIn('dee@acme.example', 'Better2#', null, T0 + 30));
    const log = (await audit.list(accountId, null, 100)).filter((e) => e.email === 'dee@acme.example').map((e) => e.action);
    assert.deepEqual(log.slice(0, 3), ['sign_in', 'sign_in_failed', 'password_changed'], 'newest first: the change is in the audit log');
  });
});
