// An operator's administrator opens a customer's campaign manager to help (issue #15), on both
// dialects: the session then works in that account (its users, messages, traffic accounts),
// the customer's audit log says who came and left, and nobody else can leave their account.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { client, makeUser, type Session } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';

forEachDialect('management API v1: the operator opens another account', (dialect) => {
  const p = serverForSuite(dialect);
  const { call, signIn } = client(() => p.url);
  let operator: Session;
  let customer: Session;
  let messageId: string;

  before(async () => {
    await p.tenancy.createAccount('acme', { name: 'shop' });
    const key = await p.tenancy.createKey({ accountName: 'acme', trafficAccountName: 'shop', role: 'sender' });
    messageId = (await p.post('/sms', { from: 'Acme', to: '491725551234', text: 'acme sends' }, { 'x-mitto-api-key': key.key })).json.id;
    const acme = await makeUser(p.petrel.database, { accountId: await p.tenancy.accountIdOf('acme'), email: 'boss@acme.example', role: 'administrator' });
    customer = await signIn(acme.email, acme.password);
    operator = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
  });

  test('the operator lists the accounts and opens one: users, messages and traffic accounts are its', async () => {
    const accounts = await call('GET', '/api/v1/accounts', operator);
    assert.deepEqual(
      accounts.json.accounts.map((a: { name: string; users: number; trafficAccounts: number }) => [a.name, a.users, a.trafficAccounts]),
      [
        ['acme', 1, 1],
        ['default', 1, 1],
      ],
    );
    const opened = await call('PUT', '/api/v1/session/account', { ...operator, body: { account: 'acme' } });
    assert.equal(opened.status, 200, opened.text);
    assert.deepEqual([opened.json.openedAccount, opened.json.user.account], ['acme', 'default']);
    assert.equal((await call('GET', '/api/v1/session', operator)).json.openedAccount, 'acme');
    assert.deepEqual(
      (await call('GET', '/api/v1/users', operator)).json.users.map((u: { email: string }) => u.email),
      ['boss@acme.example'],
    );
    assert.deepEqual(
      (await call('GET', '/api/v1/traffic-accounts', operator)).json.trafficAccounts.map((t: { name: string }) => t.name),
      ['shop'],
    );
    assert.equal((await call('GET', `/api/v1/messages/${messageId}`, operator)).json.text, 'acme sends');
    const invited = await call('POST', '/api/v1/users', { ...operator, body: { name: 'Helped In', email: 'new@acme.example', role: 'analyst' } });
    assert.equal(invited.status, 201, invited.text);
    assert.deepEqual((await call('GET', '/api/v1/users', customer)).json.users.map((u: { email: string }) => u.email).sort(), ['boss@acme.example', 'new@acme.example'], 'the invitation is in acme');
  });

  test("the customer's audit log says who came and left; returning puts the session back in its own account", async () => {
    await call('PUT', '/api/v1/session/account', { ...operator, body: { account: 'acme' } });
    const back = await call('DELETE', '/api/v1/session/account', operator);
    assert.deepEqual([back.status, back.json.openedAccount], [200, null]);
    assert.deepEqual(
      (await call('GET', '/api/v1/users', operator)).json.users.map((u: { email: string }) => u.email),
      ['admin@petrel.local'],
    );
    assert.equal((await call('GET', `/api/v1/messages/${messageId}`, operator)).status, 404, 'acme’s message is not the operator’s own account’s');
    const log = (await call('GET', '/api/v1/audit', customer)).json.entries.filter((e: { action: string }) => e.action.startsWith('account_'));
    assert.deepEqual(
      log.map((e: { action: string; email: string }) => `${e.action} ${e.email}`),
      ['account_left admin@petrel.local', 'account_opened admin@petrel.local'],
    );
    assert.equal(log[1].detail, 'by the platform operator (default)');
    assert.equal((await call('PUT', '/api/v1/session/account', { ...operator, body: { account: 'default' } })).json.openedAccount, null, 'opening one’s own is returning');
  });

  test("an account's administrator cannot leave their account; bad requests name the problem", async () => {
    const refused = await call('PUT', '/api/v1/session/account', { ...customer, body: { account: 'default' } });
    assert.equal(refused.status, 403);
    assert.match(refused.json.message, /platform operator's administrator/);
    assert.equal((await call('GET', '/api/v1/accounts', customer)).status, 403);
    assert.equal((await call('PUT', '/api/v1/session/account', { cookie: operator.cookie, body: { account: 'acme' } })).status, 403, 'no CSRF token');
    assert.equal((await call('PUT', '/api/v1/session/account', { ...operator, body: { account: 'nowhere' } })).status, 404);
    const empty = await call('PUT', '/api/v1/session/account', { ...operator, body: { account: '' } });
    assert.deepEqual([empty.status, empty.json.field], [400, 'account']);
    assert.equal((await call('PUT', '/api/v1/session/account', { body: { account: 'acme' } })).status, 401);
    assert.equal((await call('GET', '/api/v1/accounts', { key: p.key })).status, 200, "the operator's key lists them too");
  });
});
