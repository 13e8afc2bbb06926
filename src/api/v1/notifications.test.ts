// Notifications over HTTP on both dialects: the bell's count and latest three, search and
// filters and pages, marking read, unread and archived — each person only their own — and the
// budget alerts: crossing 80 % and 100 % of a traffic account's credit tells its members once,
// and again after the credit is reset.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { client, makeUser, type Session } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';
import { SqlNotificationStore } from '../../storage/notification-repository.ts';
import { SqlPeopleStore } from '../../storage/people-repository.ts';
import { Notifications } from '../../people/notifications.ts';

forEachDialect('management API v1: notifications and budget alerts', (dialect) => {
  // The budget check runs when the test says (a long interval keeps the timer out of the way).
  const p = serverForSuite(dialect, { PETREL_BUDGET_CHECK_MS: '3600000' });
  const { call, signIn } = client(() => p.url);
  let store: SqlNotificationStore;
  let accountId = 0;
  let ann: Session;
  let annId = 0;
  let bobId = 0;
  before(async () => {
    store = new SqlNotificationStore(p.petrel.database);
    accountId = await p.tenancy.accountIdOf('default');
    const a = await makeUser(p.petrel.database, { accountId, email: 'ann@acme.example', role: 'analyst' });
    const b = await makeUser(p.petrel.database, { accountId, email: 'bob@acme.example', role: 'analyst' });
    [annId, bobId] = [a.id, b.id];
    ann = await signIn(a.email, a.password);
  });

  test('the bell counts the unread and shows the latest three; the page searches, filters and pages', async () => {
    const t0 = Date.now();
    for (let i = 1; i <= 20; i++) await store.add([annId], { type: i % 2 ? 'success' : 'error', tag: i % 3 ? 'campaign' : 'distribution_list', content: `Campaign number ${i} finished` }, t0 + i);
    await store.add([bobId], { type: 'info', tag: 'email_confirm', content: 'only for Bob' }, t0);
    const bell = await call('GET', '/api/v1/notifications/summary', ann);
    assert.equal(bell.json.unread, 20);
    assert.deepEqual(
      bell.json.latest.map((n: { content: string }) => n.content),
      ['Campaign number 20 finished', 'Campaign number 19 finished', 'Campaign number 18 finished'],
    );
    const page1 = await call('GET', '/api/v1/notifications?perPage=15', ann);
    assert.deepEqual([page1.json.total, page1.json.notifications.length, page1.json.unread], [20, 15, 20]);
    const page2 = await call('GET', '/api/v1/notifications?perPage=15&page=2', ann);
    assert.equal(page2.json.notifications.length, 5);
    assert.equal((await call('GET', '/api/v1/notifications?search=NUMBER%201', ann)).json.total, 11, '1 and 10–19');
    assert.equal((await call('GET', '/api/v1/notifications?type=error', ann)).json.total, 10);
    assert.equal((await call('GET', '/api/v1/notifications?type=error&tag=distribution_list', ann)).json.total, 3, '6, 12, 18');
    assert.equal((await call('GET', '/api/v1/notifications?search=Bob', ann)).json.total, 0, 'Bob’s is not Ann’s');
    assert.equal((await call('GET', '/api/v1/notifications?search=100%25', ann)).json.total, 0, 'LIKE characters are literal');
  });

  test('mark read, unread and archived: only one’s own; all at once', async () => {
    const ids = (await call('GET', '/api/v1/notifications?perPage=100', ann)).json.notifications.map((n: { id: number }) => n.id);
    const bobs = (await store.list(bobId, {}, 0, 10)).rows.map((n) => n.id);
    assert.deepEqual((await call('POST', '/api/v1/notifications/mark', { ...ann, body: { ids: [ids[0], ids[1], ...bobs], as: 'read' } })).json, { changed: 2 });
    assert.equal((await store.unread(bobId, 0)).count, 1, 'Bob’s stays unread');
    assert.equal((await call('GET', '/api/v1/notifications?status=read', ann)).json.total, 2);
    assert.equal((await call('POST', '/api/v1/notifications/mark', { ...ann, body: { ids: [ids[0]], as: 'unread' } })).json.changed, 1);
    assert.equal((await call('POST', '/api/v1/notifications/mark', { ...ann, body: { ids: [ids[2]], as: 'archived' } })).json.changed, 1);
    assert.equal((await call('GET', '/api/v1/notifications', ann)).json.total, 19, 'archived ones leave the default view');
    assert.equal((await call('GET', '/api/v1/notifications?status=archived', ann)).json.total, 1);
    assert.equal((await call('POST', '/api/v1/notifications/mark', { ...ann, body: { all: true, as: 'read' } })).json.changed, 20);
    assert.equal((await call('GET', '/api/v1/notifications/summary', ann)).json.unread, 0);
    for (const body of [{ as: 'read' }, { ids: [], as: 'read' }, { ids: [1], as: 'deleted' }, { ids: ['x'], as: 'read' }, { ids: [1], as: 'read', extra: 1 }]) {
      assert.equal((await call('POST', '/api/v1/notifications/mark', { ...ann, body })).status, 400, JSON.stringify(body));
    }
    for (const q of ['status=gone', 'type=bad', 'perPage=7', 'page=0', 'tag=campaign,,budget']) assert.equal((await call('GET', `/api/v1/notifications?${q}`, ann)).status, 400, q);
    assert.equal((await call('GET', '/api/v1/notifications', { key: p.key })).status, 403, 'a key has no notifications');
  });

  test('budget: 80 % and 100 % of the credit tell the traffic account’s members once each; a reset lets the next crossing be told', async () => {
    const ta = await p.tenancy.createTrafficAccount('default', { name: 'budgeted', displayName: 'Budgeted' });
    await p.tenancy.setPrice(ta.id, { country: null, network: null, priceMicros: 100_000 });
    await new SqlPeopleStore(p.petrel.database).setMemberships(bobId, [ta.id]);
    const key = (await p.tenancy.createKey({ accountName: 'default', trafficAccountName: 'budgeted', role: 'sender' })).key;
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/budgeted', { key: p.key, body: { creditLimit: '1.00' } })).status, 200);
    const notifications = new Notifications({ store, audience: store, mailer: { send: async () => {} }, mails: false });
    const send = async (n: number) => {
      const r = await call('POST', '/smsbulk', { key, body: { from: 'Petrel', to: Array.from({ length: n }, (_, i) => `4917255502${String(i).padStart(2, '0')}`).join(','), text: 'x' } });
      assert.equal(r.status, 200, r.text);
    };
    const budget = async (userId: number) => (await store.list(userId, { tags: ['budget'] }, 0, 10)).rows.map((n) => `${n.type}: ${n.content}`);
    assert.deepEqual(await budget(bobId), []);
    await send(7);
    assert.equal(await notifications.checkCredit(Date.now()), 0, '70 %: nothing yet');
    await send(1);
    assert.equal(await notifications.checkCredit(Date.now()), 1);
    assert.equal(await notifications.checkCredit(Date.now()), 0, 'told once');
    assert.deepEqual(await budget(bobId), ['warning: Traffic account Budgeted (budgeted) has used 80 % of its credit (0.80 of 1.00 EUR).']);
    assert.deepEqual(await budget(annId), [], 'Ann is not a member of it');
    await send(2);
    await notifications.checkCredit(Date.now());
    assert.match((await budget(bobId))[0]!, /^error: Traffic account Budgeted \(budgeted\) has used its whole credit \(1\.00 of 1\.00 EUR\)/);
    assert.equal((await call('PATCH', '/api/v1/traffic-accounts/budgeted', { key: p.key, body: { resetCredit: true } })).status, 200);
    assert.equal(await notifications.checkCredit(Date.now()), 0, 'the reset lowers the level quietly');
    await send(8);
    assert.equal(await notifications.checkCredit(Date.now()), 1, 'and the next crossing is told');
    // A traffic account without members tells the account's administrators.
    const lone = await p.tenancy.createTrafficAccount('default', { name: 'lonely', displayName: 'Lonely' });
    const admins = await store.audience(accountId, lone.id);
    assert.deepEqual(
      admins.map((u) => u.email),
      ['admin@petrel.local'],
    );
  });
});
