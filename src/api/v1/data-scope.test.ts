// What a signed-in person reads of the account's messages (issue #12, DESIGN D13): an
// administrator every traffic account; anyone else only those they are a member of, active or
// not: a guessed id of another traffic account's message is a 404, lists and usage leave it out.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { client, makeUser, type Session } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';
import { SqlPeopleStore } from '../../storage/people-repository.ts';

forEachDialect('management API v1: people read the traffic accounts they belong to', (dialect) => {
  const p = serverForSuite(dialect);
  const { call, signIn } = client(() => p.url);
  const sent: Record<string, string> = {};
  let member: Session;
  let admin: Session;

  before(async () => {
    const accountId = await p.tenancy.accountIdOf('default');
    const shop = await p.tenancy.createTrafficAccount('default', { name: 'shop' });
    const shopKey = await p.tenancy.createKey({ accountName: 'default', trafficAccountName: 'shop', role: 'sender' });
    await p.tenancy.createTrafficAccount('default', { name: 'alerts' });
    const alertsKey = await p.tenancy.createKey({ accountName: 'default', trafficAccountName: 'alerts', role: 'sender' });
    for (const [name, key] of [
      ['shop', shopKey.key],
      ['alerts', alertsKey.key],
    ] as const) {
      const r = await p.post('/sms', { from: 'Petrel', to: '491725551234', text: `from ${name}`, reference: 'scope' }, { 'x-mitto-api-key': key });
      assert.equal(r.status, 200, r.text);
      sent[name] = r.json.id;
    }
    const cam = await makeUser(p.petrel.database, { accountId, email: 'cam@acme.example', role: 'campaign_manager' });
    await new SqlPeopleStore(p.petrel.database).setMemberships(cam.id, [shop.id]);
    member = await signIn(cam.email, cam.password);
    admin = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
  });

  test('a member reads the messages of their traffic account, not of another (404 by id, left out of lists)', async () => {
    const mine = await call('GET', `/api/v1/messages/${sent.shop}`, member);
    assert.deepEqual([mine.status, mine.json.trafficAccount], [200, 'shop']);
    const other = await call('GET', `/api/v1/messages/${sent.alerts}`, member);
    assert.deepEqual([other.status, other.json.message], [404, `no message ${JSON.stringify(sent.alerts)} in this account`]);
    const list = await call('GET', '/api/v1/messages?reference=scope', member);
    assert.deepEqual(
      list.json.messages.map((m: { trafficAccount: string }) => m.trafficAccount),
      ['shop'],
    );
    const named = await call('GET', '/api/v1/messages?trafficAccount=alerts', member);
    assert.deepEqual([named.status, named.json.field], [400, 'trafficAccount'], 'a traffic account outside the scope is not there to name');
    const everything = await call('GET', '/api/v1/messages?reference=scope', admin);
    assert.deepEqual(everything.json.messages.map((m: { trafficAccount: string }) => m.trafficAccount).sort(), ['alerts', 'shop'], 'the administrator reads all');
  });

  test('the traffic-account list and usage of a member hold their traffic accounts only', async () => {
    const list = await call('GET', '/api/v1/traffic-accounts', member);
    assert.deepEqual(
      list.json.trafficAccounts.map((t: { name: string }) => t.name),
      ['shop'],
    );
    const all = await call('GET', '/api/v1/traffic-accounts', admin);
    assert.deepEqual(all.json.trafficAccounts.map((t: { name: string }) => t.name).sort(), ['alerts', 'default', 'shop']);
    const usage = await call('GET', '/api/v1/usage?from=2026-01-01&to=2099-12-31', member);
    assert.equal(usage.status, 200, usage.text);
    assert.ok(
      usage.json.usage.every((u: { trafficAccount: string }) => u.trafficAccount === 'shop'),
      usage.text,
    );
    const inbound = await call('GET', '/api/v1/inbound', member);
    assert.equal(inbound.status, 200, inbound.text);
  });

  test('a member of no traffic account reads nothing; paused traffic accounts still count (reports need membership, active or not)', async () => {
    const accountId = await p.tenancy.accountIdOf('default');
    const loner = await makeUser(p.petrel.database, { accountId, email: 'ana@acme.example', role: 'analyst' });
    const s = await signIn(loner.email, loner.password);
    assert.deepEqual((await call('GET', '/api/v1/messages?reference=scope', s)).json.messages, []);
    assert.equal((await call('GET', `/api/v1/messages/${sent.shop}`, s)).status, 404);
    assert.deepEqual((await call('GET', '/api/v1/traffic-accounts', s)).json.trafficAccounts, []);
    // No API pauses a traffic account yet; the operator's CLI creates them inactive.
    await p.petrel.database.db.updateTable('traffic_accounts').set({ status: 'inactive' }).where('name', '=', 'shop').execute();
    assert.equal((await call('GET', `/api/v1/messages/${sent.shop}`, member)).status, 200);
  });
});
