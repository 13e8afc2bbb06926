// Links by mail over the real stores, on both dialects, with time given: a reset link lasts an
// hour, an invitation a week; a link works once; the mail is in the outbox, or delivered by a
// transport and then kept without its body; a failed delivery is retried and claimed once.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseForSuite, forEachDialect } from '../../test/dialects.ts';
import { SqlPeopleStore } from '../storage/people-repository.ts';
import { SqlAuditStore } from '../storage/audit-repository.ts';
import { SqlOutboxStore } from '../storage/outbox-repository.ts';
import { SqlTenancyStore } from '../storage/tenancy-repository.ts';
import { AccessLinks, INVITATION_DAYS, RESET_MS } from './links.ts';
import { MAX_ATTEMPTS, Outbox } from './mail.ts';
import type { MailTransport } from './ports.ts';
import { Users } from './users.ts';

const silent = { warn() {} };

forEachDialect('people: links by mail and the outbox', (dialect) => {
  const suite = databaseForSuite(dialect);
  let store: SqlPeopleStore;
  let outboxStore: SqlOutboxStore;
  let users: Users;
  let accountId = 0;
  const T0 = Date.UTC(2026, 11, 4, 9, 0);
  const linksWith = (transport: MailTransport | null) => {
    const outbox = new Outbox(outboxStore, transport, silent);
    return { outbox, links: new AccessLinks({ users: store, links: store, mailer: outbox, audit: new SqlAuditStore(suite.db), linkBase: () => 'https://sms.example/', product: () => 'Petrel' }) };
  };
  const tokenIn = (body: string) => /token=([A-Za-z0-9_-]+)/.exec(body)![1]!;
  const lastMailTo = async (to: string) => (await outboxStore.list(null, null, 100)).find((m) => m.to === to)!;

  before(async () => {
    store = new SqlPeopleStore(suite.db);
    outboxStore = new SqlOutboxStore(suite.db);
    users = new Users(store, new SqlAuditStore(suite.db));
    accountId = await new SqlTenancyStore(suite.db).createAccount('acme', T0);
  });

  test('a reset link works for an hour, once; an invitation for a week', async () => {
    const { links } = linksWith(null);
    await users.create({ accountId, email: 'rex@acme.example', name: 'Rex', role: 'analyst', password: 'Petrel1!x' }, T0);
    await links.requestReset('rex@acme.example', null, T0);
    const mail = await lastMailTo('rex@acme.example');
    assert.match(mail.body!, /^Someone asked to reset/);
    assert.match(mail.body!, /https:\/\/sms\.example\/reset-password\?token=/, 'no double slash after the base');
    const token = tokenIn(mail.body!);
    assert.equal(await links.pending(token, 'password_reset', T0 + RESET_MS), null, 'expired at the hour');
    assert.equal((await links.pending(token, 'password_reset', T0 + RESET_MS - 1))?.email, 'rex@acme.example');
    assert.equal(await links.pending(token, 'invitation', T0), null, 'a reset link is no invitation');
    await assert.rejects(links.redeem(token, 'password_reset', 'Rex-New-1!', null, T0 + RESET_MS), (e: { field?: string }) => e.field === 'token');
    await links.requestReset('rex@acme.example', null, T0);
    const fresh = tokenIn((await lastMailTo('rex@acme.example')).body!);
    assert.equal((await links.redeem(fresh, 'password_reset', 'Rex-New-1!', null, T0 + 1)).email, 'rex@acme.example');
    await assert.rejects(links.redeem(fresh, 'password_reset', 'Rex-New-2!', null, T0 + 2), (e: { field?: string }) => e.field === 'token');

    const invited = await users.invite({ key: 'test' }, links, { accountId, email: 'ivy@acme.example', name: 'Ivy', role: 'analyst', permissions: [], trafficAccountIds: [] }, T0);
    const inviteToken = tokenIn((await lastMailTo('ivy@acme.example')).body!);
    const week = INVITATION_DAYS * 86_400_000;
    assert.equal(await links.pending(inviteToken, 'invitation', T0 + week), null);
    assert.equal((await links.pending(inviteToken, 'invitation', T0 + week - 1))?.id, invited.id);
  });

  test('a paused user gets no reset mail; an unknown email none either', async () => {
    const { links } = linksWith(null);
    const paula = await users.create({ accountId, email: 'paula@acme.example', name: 'Paula', role: 'analyst', password: 'Petrel1!x' }, T0);
    await users.pause(paula.id, T0);
    const before = (await outboxStore.list(null, null, 100)).length;
    await links.requestReset('paula@acme.example', null, T0);
    await links.requestReset('ghost@acme.example', null, T0);
    assert.equal((await outboxStore.list(null, null, 100)).length, before);
  });

  test('delivered mail loses its body; a failed one is retried up to the limit, each attempt claimed once', async () => {
    const sent: string[] = [];
    let failing = true;
    const transport: MailTransport = {
      async deliver(m) {
        if (failing) throw new Error('421 try later');
        sent.push(m.to);
      },
    };
    const { outbox } = linksWith(transport);
    await outbox.send({ accountId, to: 'tim@acme.example', subject: 'Hello', body: 'link inside' }, T0);
    await outbox.settled();
    let m = await lastMailTo('tim@acme.example');
    assert.deepEqual([m.sentAt, m.attempts, m.error, m.body], [null, 1, '421 try later', 'link inside']);
    // Two senders that saw the same attempt count (two threads, say): one claims it.
    assert.deepEqual([await outboxStore.claim(m.id, 1), await outboxStore.claim(m.id, 1)], [true, false]);
    await outboxStore.failed(m.id, '421 try later');
    failing = false;
    await outbox.retry();
    m = await lastMailTo('tim@acme.example');
    assert.deepEqual([m.attempts, m.error, m.body, sent], [3, null, null, ['tim@acme.example']]);
    assert.ok(m.sentAt !== null);
    failing = true;
    await outbox.send({ accountId, to: 'tom@acme.example', subject: 'Hello', body: 'x' }, T0);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await outbox.settled();
      await outbox.retry();
    }
    assert.equal((await lastMailTo('tom@acme.example')).attempts, MAX_ATTEMPTS);
  });
});
