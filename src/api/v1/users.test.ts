// The Users API and the links by mail, on both dialects: invite → the mail in the outbox →
// accept with a password (signed in) → active; forgot password with the same answer either way;
// every permission boundary (403 for a missing permission, 404 for another account's user);
// nobody hands out what they do not have; bad bodies name the field. A second suite sends the
// mail through a real SMTP server on loopback and follows the links from what it received.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { client, makeUser } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';
import { linkIn, startSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { RESET_ANSWER, RESET_ANSWER_FLOOR_MS } from './links.ts';

const tokenOf = (body: string, path: string) => linkIn(body, path).searchParams.get('token')!;

forEachDialect('management API v1: users, invitations and password resets (mail kept in the outbox)', (dialect) => {
  const p = serverForSuite(dialect);
  const { call, signIn, sessionOf } = client(() => p.url);
  const outbox = async (to: string) => (await call('GET', '/api/v1/mail/outbox?limit=100', { key: p.key })).json.mails.filter((m: { to: string }) => m.to === to);
  let admin: { cookie: string; csrf: string };

  before(async () => {
    admin = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
  });

  test('invite → the mail waits in the outbox → accept with a password: signed in, active, the link used up', async () => {
    const invited = await call('POST', '/api/v1/users', { ...admin, body: { name: 'Ines Invited', email: 'Ines@Acme.example', role: 'campaign_manager', trafficAccounts: ['default'] } });
    assert.equal(invited.status, 201, invited.text);
    assert.deepEqual([invited.json.email, invited.json.status, invited.json.role, invited.json.trafficAccounts], ['ines@acme.example', 'pending', 'campaign_manager', ['default']]);
    assert.deepEqual(invited.json.permissions, ['contacts', 'templates', 'campaigns', 'quick_send', 'reports']);
    const [mail] = await outbox('ines@acme.example');
    assert.equal(mail.subject, 'You are invited to Petrel');
    assert.equal(mail.sentAt, null);
    assert.match(mail.body, /Administrator invited you to Petrel \(account default\)/);
    const token = tokenOf(mail.body, '/accept-invitation');
    assert.ok(mail.body.includes(`${p.url}/accept-invitation?token=`), 'the link points at this server');
    const who = await call('GET', `/api/v1/invitation?token=${token}`);
    assert.deepEqual(who.json, { email: 'ines@acme.example', name: 'Ines Invited', account: 'default' });
    assert.equal((await call('POST', '/api/v1/session', { body: { email: 'ines@acme.example', password: 'Whatever1!' } })).status, 401, 'no sign-in before the password is set');
    const weak = await call('POST', '/api/v1/invitation', { body: { token, password: 'short' } });
    assert.deepEqual([weak.status, weak.json.field], [400, 'password']);
    const accepted = await call('POST', '/api/v1/invitation', { body: { token, password: 'Ines-2026!' } });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.json.user.email, 'ines@acme.example');
    const me = await call('GET', '/api/v1/session', { cookie: sessionOf(accepted).cookie });
    assert.equal(me.json.user.role, 'campaign_manager');
    const again = await call('POST', '/api/v1/invitation', { body: { token, password: 'Ines-2027!' } });
    assert.deepEqual([again.status, again.json.field], [400, 'token']);
    assert.equal((await call('GET', `/api/v1/invitation?token=${token}`)).status, 404);
    const listed = await call('GET', '/api/v1/users?search=INES', admin);
    assert.deepEqual(
      listed.json.users.map((u: { email: string; status: string }) => `${u.email} ${u.status}`),
      ['ines@acme.example active'],
    );
  });

  test('a new invitation voids the old link; a joined user is not invited again', async () => {
    const u = (await call('POST', '/api/v1/users', { ...admin, body: { name: 'Otto Twice', email: 'otto@acme.example', role: 'analyst' } })).json;
    const first = tokenOf((await outbox('otto@acme.example'))[0].body, '/accept-invitation');
    assert.equal((await call('POST', `/api/v1/users/${u.id}/invitation`, admin)).status, 204);
    const mails = await outbox('otto@acme.example');
    assert.equal(mails.length, 2);
    const second = tokenOf(mails[0].body, '/accept-invitation');
    assert.equal((await call('GET', `/api/v1/invitation?token=${first}`)).status, 404);
    assert.equal((await call('POST', '/api/v1/invitation', { body: { token: second, password: 'Otto-2026!' } })).status, 200);
    const refused = await call('POST', `/api/v1/users/${u.id}/invitation`, admin);
    assert.deepEqual([refused.status, refused.json.field], [400, 'status']);
  });

  test('forgot password: the same answer for any email; the link sets a new password once and ends other sessions', async () => {
    const accountId = await p.tenancy.accountIdOf('default');
    const rita = await makeUser(p.petrel.database, { accountId, email: 'rita@acme.example', role: 'analyst' });
    const open = await signIn('rita@acme.example', rita.password);
    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await call('POST', '/api/v1/password-reset', { body: { email } });
      return { ...answer, ms: performance.now() - started };
    };
    const known = await timed('RITA@acme.example');
    const unknown = await timed('nobody@acme.example');
    // The clock must not tell a known email from an unknown one: both wait for the same floor.
    const floor = RESET_ANSWER_FLOOR_MS - 2; // a timer may fire a millisecond early of Date.now
    assert.ok(known.ms >= floor && unknown.ms >= floor, `${known.ms} ms, ${unknown.ms} ms`);
    assert.deepEqual([known.status, known.json], [202, { message: RESET_ANSWER }]);
    assert.deepEqual([unknown.status, unknown.json], [202, { message: RESET_ANSWER }]);
    assert.deepEqual(await outbox('nobody@acme.example'), []);
    const [mail] = await outbox('rita@acme.example');
    assert.equal(mail.subject, 'Reset your Petrel password');
    const token = tokenOf(mail.body, '/reset-password');
    assert.equal((await call('GET', `/api/v1/password-reset?token=${token}`)).json.email, 'rita@acme.example');
    assert.equal((await call('POST', '/api/v1/password-reset/complete', { body: { token, password: 'nope' } })).json.field, 'password');
    const done = await call('POST', '/api/v1/password-reset/complete', { body: { token, password: 'Rita-New-1!' } });
    assert.equal(done.status, 200, done.text);
    assert.equal((await call('GET', '/api/v1/session', { cookie: open.cookie })).status, 401, 'the session from before the reset ended');
    assert.equal((await call('POST', '/api/v1/session', { body: { email: 'rita@acme.example', password: rita.password } })).status, 401);
    await signIn('rita@acme.example', 'Rita-New-1!');
    assert.equal((await call('POST', '/api/v1/password-reset/complete', { body: { token, password: 'Rita-New-2!' } })).json.field, 'token');
    const audit = (await call('GET', '/api/v1/audit?limit=100', { key: p.key })).json.entries.map(
      (e: { action: string; email: string; detail: string | null }) => `${e.action} ${e.email} ${e.detail}`,
    );
    assert.ok(audit.includes('password_reset_requested nobody@acme.example no such user'), audit.join('\n'));
    assert.ok(audit.includes('password_reset rita@acme.example null'));
  });

  test('permission boundaries: 403 without the users permission, 404 for another account’s user', async () => {
    const accountId = await p.tenancy.accountIdOf('default');
    const analyst = await makeUser(p.petrel.database, { accountId, email: 'ana@acme.example', role: 'analyst' });
    const a = await signIn(analyst.email, analyst.password);
    for (const [method, path] of [
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users'],
      ['GET', '/api/v1/mail/outbox'],
      [`PATCH`, `/api/v1/users/${analyst.id}`],
      ['DELETE', `/api/v1/users/${analyst.id}`],
    ] as const) {
      const r = await call(method, path, { ...a, ...(method === 'GET' || method === 'DELETE' ? {} : { body: { name: 'x' } }) });
      assert.deepEqual([r.status, r.json.message], [403, `${method} ${path.replace(/\d+$/, ':id')} needs the users permission`]);
    }
    await p.tenancy.createAccount('globex', { name: 'main', displayName: 'Globex', type: 'campaign' });
    const globex = await p.tenancy.accountIdOf('globex');
    const theirAdmin = await makeUser(p.petrel.database, { accountId: globex, email: 'gia@globex.example', role: 'administrator' });
    const g = await signIn(theirAdmin.email, theirAdmin.password);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Hacked' }],
      ['DELETE', undefined],
    ] as const) {
      const r = await call(method, `/api/v1/users/${analyst.id}`, { ...g, ...(body ? { body } : {}) });
      assert.equal(r.status, 404, `${method}: ${r.text}`);
    }
    assert.equal((await call('POST', `/api/v1/users/${analyst.id}/invitation`, g)).status, 404);
    assert.deepEqual(
      (await call('GET', '/api/v1/users', g)).json.users.map((u: { email: string }) => u.email),
      ['gia@globex.example'],
    );
    assert.equal((await call('GET', '/api/v1/users?account=default', g)).status, 403);
    assert.deepEqual((await call('GET', '/api/v1/mail/outbox', g)).json.mails, [], 'another account’s mail is not theirs to read');
    const invited = await call('POST', '/api/v1/users', { ...g, body: { name: 'Gus', email: 'gus@globex.example', role: 'analyst', trafficAccounts: ['default'] } });
    assert.deepEqual([invited.status, invited.json.field], [400, 'trafficAccounts'], 'the default account’s traffic account is not Globex’s');
    // The operator reaches any account's user, and names an account to list it.
    assert.equal((await call('GET', `/api/v1/users/${theirAdmin.id}`, admin)).status, 200);
    assert.deepEqual(
      (await call('GET', '/api/v1/users?account=globex', admin)).json.users.map((u: { email: string }) => u.email),
      ['gia@globex.example'],
    );
  });

  test('nobody hands out what they do not have; nobody pauses or deletes themselves; the last administrator stays', async () => {
    const accountId = await p.tenancy.accountIdOf('default');
    const manager = await makeUser(p.petrel.database, { accountId, email: 'uma@acme.example', role: 'user_manager' });
    const m = await signIn(manager.email, manager.password);
    const asAdmin = await call('POST', '/api/v1/users', { ...m, body: { name: 'Eve', email: 'eve1@acme.example', role: 'administrator' } });
    assert.deepEqual([asAdmin.status, asAdmin.json.field], [400, 'role']);
    assert.match(asAdmin.json.message, /you cannot hand out what you do not have yourself: traffic_accounts/);
    assert.deepEqual(
      [asAdmin.json.code, asAdmin.json.params],
      ['grant_refused', { permissions: 'traffic_accounts, blacklist, contacts, templates, campaigns, quick_send, reports, full_numbers' }],
      'the code the web app words in German',
    );
    const asCampaign = await call('POST', '/api/v1/users', { ...m, body: { name: 'Eve', email: 'eve2@acme.example', role: 'custom', permissions: ['campaigns'] } });
    assert.deepEqual([asCampaign.status, asCampaign.json.field], [400, 'permissions']);
    const fine = await call('POST', '/api/v1/users', { ...m, body: { name: 'Ulf', email: 'ulf@acme.example', role: 'custom', permissions: ['users'] } });
    assert.equal(fine.status, 201, fine.text);
    assert.deepEqual(fine.json.permissions, ['users']);
    const adminUser = (await call('GET', '/api/v1/users?search=Administrator', admin)).json.users[0];
    const demote = await call('PATCH', `/api/v1/users/${adminUser.id}`, { ...m, body: { role: 'analyst' } });
    assert.equal(demote.status, 400, 'a user manager cannot demote an administrator');
    const self = await call('PATCH', `/api/v1/users/${manager.id}`, { ...m, body: { role: 'administrator' } });
    assert.deepEqual([self.status, self.json.field], [400, 'role']);
    const rename = await call('PATCH', `/api/v1/users/${manager.id}`, { ...m, body: { name: 'Uma Renamed', role: 'user_manager', permissions: [] } });
    assert.equal(rename.status, 200, `the panel sends the role back unchanged: ${rename.text}`);
    assert.equal((await call('PATCH', `/api/v1/users/${adminUser.id}`, { ...admin, body: { status: 'inactive' } })).json.field, 'id');
    assert.equal((await call('DELETE', `/api/v1/users/${adminUser.id}`, admin)).json.field, 'id');
    // Another administrator may not take the last one away either.
    const other = await makeUser(p.petrel.database, { accountId, email: 'ola@acme.example', role: 'administrator' });
    const o = await signIn(other.email, other.password);
    assert.equal((await call('PATCH', `/api/v1/users/${other.id}`, { ...admin, body: { status: 'inactive' } })).status, 200);
    const last = await call('DELETE', `/api/v1/users/${adminUser.id}`, { ...o });
    assert.equal(last.status, 401, 'the paused administrator’s session ended');
    const again = await signIn(other.email, other.password).catch(() => null);
    assert.equal(again, null, 'a paused administrator cannot sign in');
  });

  test('change, pause (the session ends at once), unpause and delete', async () => {
    const accountId = await p.tenancy.accountIdOf('default');
    const carl = await makeUser(p.petrel.database, { accountId, email: 'carl@acme.example', role: 'analyst' });
    const c = await signIn(carl.email, carl.password);
    const changed = await call('PATCH', `/api/v1/users/${carl.id}`, {
      ...admin,
      body: { name: ' Carl Changed ', role: 'custom', permissions: ['reports', 'blacklist'], trafficAccounts: ['default'] },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual([changed.json.name, changed.json.role, changed.json.permissions, changed.json.trafficAccounts], ['Carl Changed', 'custom', ['blacklist', 'reports'], ['default']]);
    assert.deepEqual((await call('GET', '/api/v1/session', c)).json.user.permissions, ['blacklist', 'reports'], 'the change holds for the open session');
    assert.equal((await call('PATCH', `/api/v1/users/${carl.id}`, { ...admin, body: { status: 'inactive' } })).json.status, 'inactive');
    assert.equal((await call('GET', '/api/v1/session', c)).status, 401);
    assert.equal((await call('PATCH', `/api/v1/users/${carl.id}`, { ...admin, body: { status: 'active' } })).json.status, 'active');
    assert.equal((await call('DELETE', `/api/v1/users/${carl.id}`, admin)).status, 204);
    assert.equal((await call('GET', `/api/v1/users/${carl.id}`, admin)).status, 404);
    assert.equal((await call('POST', '/api/v1/session', { body: { email: carl.email, password: carl.password } })).status, 401);
  });

  test('bad bodies name the field; hostile values are refused or kept as text, never a 500', async () => {
    const cases: Array<[unknown, string]> = [
      [{ email: 'x@acme.example', role: 'analyst' }, 'name'],
      [{ name: 'X', role: 'analyst' }, 'email'],
      [{ name: 'X', email: 'not an email', role: 'analyst' }, 'email'],
      [{ name: 'X', email: 'x@acme.example', role: 'root' }, 'role'],
      [{ name: 'X', email: 'x@acme.example', role: 'custom', permissions: ['everything'] }, 'permissions'],
      [{ name: 'x'.repeat(101), email: 'x@acme.example', role: 'analyst' }, 'name'],
      [{ name: '   ', email: 'x@acme.example', role: 'analyst' }, 'name'],
      [{ name: { first: 'X' }, email: 'x@acme.example', role: 'analyst' }, 'name'],
      [{ name: 'X', email: 'x@acme.example', role: 'analyst', trafficAccounts: 'default' }, 'trafficAccounts'],
      [{ name: 'X', email: 'x@acme.example', role: 'analyst', admin: true }, 'admin'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', '/api/v1/users', { ...admin, body });
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.match(JSON.stringify(r.json), new RegExp(field), JSON.stringify(body));
    }
    const hostile = await call('POST', '/api/v1/users', { ...admin, body: { name: "<script>alert(1)</script>'; DROP TABLE users; --", email: 'hostile@acme.example', role: 'analyst' } });
    assert.equal(hostile.status, 201);
    assert.equal(hostile.json.name, "<script>alert(1)</script>'; DROP TABLE users; --");
    const taken = await call('POST', '/api/v1/users', { ...admin, body: { name: 'Again', email: 'HOSTILE@acme.example', role: 'analyst' } });
    assert.deepEqual([taken.status, taken.json.code, taken.json.params], [409, 'email_taken', { email: 'hostile@acme.example' }]);
    const long = await call('POST', '/api/v1/users', { ...admin, body: { name: 'x'.repeat(101), email: 'x@acme.example', role: 'analyst' } });
    assert.deepEqual([long.json.field, long.json.code, long.json.params], ['name', 'field_too_long', { field: 'name', limit: 100 }]);
    const missing = await call('POST', '/api/v1/users', { ...admin, body: { name: 'X', role: 'analyst' } });
    assert.deepEqual([missing.json.code, missing.json.params], ['field_required', { field: 'email' }]);
    for (const path of ['/api/v1/users/abc', '/api/v1/users/0', '/api/v1/users/99999999999999999999']) assert.equal((await call('GET', path, admin)).status, 400, path);
    assert.equal((await call('GET', '/api/v1/invitation?token=', {})).status, 400);
    assert.equal((await call('POST', '/api/v1/password-reset', { body: { email: {} } })).status, 400);
  });
});

forEachDialect('invitations and resets through a real SMTP server', (dialect) => {
  let smtp: TestSmtp;
  before(async () => {
    smtp = await startSmtp(['bounce@acme.example']);
  });
  // Read when the server starts, after the SMTP server above is up.
  const p = serverForSuite(dialect, {
    get PETREL_SMTP_URL() {
      return smtp.url;
    },
    PETREL_MAIL_FROM: 'Petrel <noreply@petrel.example>',
  } as unknown as Record<string, string>);
  after(() => smtp.close());
  const { call, signIn } = client(() => p.url);

  test('the invitation arrives by SMTP; its link sets the password; the outbox keeps no body once sent', async () => {
    const admin = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
    assert.equal((await call('POST', '/api/v1/users', { ...admin, body: { name: 'Sam Smtp', email: 'sam@acme.example', role: 'analyst' } })).status, 201);
    const mail = await smtp.waitFor('sam@acme.example');
    assert.match(mail.raw, /^From: Petrel <noreply@petrel\.example>/m);
    assert.match(mail.raw, /^Subject: You are invited to Petrel/m);
    const link = linkIn(mail.text, '/accept-invitation');
    assert.equal(link.origin, p.url);
    const token = link.searchParams.get('token')!;
    assert.equal((await call('POST', '/api/v1/invitation', { body: { token, password: 'Sam-2026!x' } })).status, 200);
    await signIn('sam@acme.example', 'Sam-2026!x');
    const box = (await call('GET', '/api/v1/mail/outbox', { key: p.key })).json;
    assert.equal(box.delivery, 'smtp');
    const sent = box.mails.find((m: { to: string }) => m.to === 'sam@acme.example');
    assert.ok(sent.sentAt !== null && sent.body === null, JSON.stringify(sent));
  });

  test('a mail the server refuses stays in the outbox with the reason', async () => {
    const admin = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
    assert.equal((await call('POST', '/api/v1/users', { ...admin, body: { name: 'Bo Bounce', email: 'bounce@acme.example', role: 'analyst' } })).status, 201);
    let entry: { sentAt: string | null; error: string | null; attempts: number; body: string | null } | undefined;
    for (let i = 0; i < 100 && !entry?.error; i++) {
      entry = (await call('GET', '/api/v1/mail/outbox', { key: p.key })).json.mails.find((m: { to: string }) => m.to === 'bounce@acme.example');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(entry!.sentAt, null);
    assert.equal(entry!.attempts, 1);
    assert.match(entry!.error!, /550/);
    assert.match(entry!.body!, /accept-invitation\?token=/, 'kept to be sent again, or passed on by hand');
  });
});
