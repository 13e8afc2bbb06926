// Issue #4's "done when", second part, with `petrel start` and its embedded simulator: a STOP
// from a handset blacklists its number, its forward reaches the traffic account's inbound URL
// signed and marked OPTOUT, the next message to the number is blocked and reported OPTOUT; a
// START lets messages through again. Long inbound messages arrive whole (UDH and SAR).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyCallback } from '../../src/domain/callback.ts';
import { forEachDialect, scratch, type Scratch } from '../dialects.ts';
import { spawnPetrel, type PetrelProcess } from '../process.ts';
import { startReceiver, type Receiver } from '../receiver.ts';

const KEY = 'two-way-key-0123456789';
const PHONE = '491725557777';

forEachDialect('petrel start: two-way, opt-out and blocked sends', (dialect) => {
  let s: Scratch;
  let p: PetrelProcess;
  let rx: Receiver;
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${p.url}${path}`, {
      method,
      headers: { 'x-mitto-api-key': KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, json: r.status === 204 ? null : ((await r.json()) as any) };
  };
  const until = async <T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 8000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const hitFor = (path: string, match: (body: any) => boolean) =>
    until(`a ${path} request`, async () =>
      rx.seen.find((h) => h.url.startsWith(path) && match(h.url.startsWith('/dlr') ? Object.fromEntries(new URL(h.url, 'http://x').searchParams) : JSON.parse(h.body))),
    );

  before(async () => {
    s = scratch(dialect);
    rx = await startReceiver();
    const hooks = rx.base;
    p = await spawnPetrel({ ...s.env, PETREL_BOOTSTRAP_API_KEY: KEY, PETREL_ALLOW_PRIVATE_CALLBACKS: 'true' });
    assert.equal((await api('POST', '/api/v1/numbers', { number: '4930123', trafficAccount: 'default' })).status, 201);
    const settings = await api('PATCH', '/api/v1/traffic-accounts/default', { inboundUrl: `${hooks}/mo`, callbackUrl: `${hooks}/dlr?id=~msgid~&status=~status~&to=~to~` });
    assert.equal(settings.status, 200);
  });
  after(async () => {
    p.child.kill('SIGTERM');
    await p.exited;
    rx.close();
    await s.dispose();
  });

  test('STOP blacklists the sender; the forward is signed and says OPTOUT; the next message is blocked and reported OPTOUT', async () => {
    const sent = await api('POST', '/api/v1/simulator/inbound', { from: `+${PHONE}`, to: '4930123', text: 'Stop' });
    assert.deepEqual([sent.status, sent.json.sent], [202, true]);
    const forward = await hitFor('/mo', (b) => b.text === 'Stop');
    const body = JSON.parse(forward.body);
    assert.deepEqual(
      { ...body, id: undefined, receivedAt: undefined },
      { id: undefined, from: PHONE, to: '4930123', text: 'Stop', encoding: 'GSM-7', parts: 1, status: 'OPTOUT', receivedAt: undefined, account: 'default' },
    );
    const secret = (await api('GET', '/api/v1/traffic-accounts/default')).json.callbackSecret;
    assert.ok(verifyCallback(secret, forward.body, forward.signature, Math.floor(Date.now() / 1000)), 'signed with the account secret');
    const entry = (await api('GET', '/api/v1/blacklist?source=keyword')).json.entries[0];
    assert.deepEqual([entry.number, entry.inboundId, entry.reason], [`+${PHONE}`, body.id, 'Stop']);
    const inbound = await until('the forward in the inbound timeline', async () => {
      const m = (await api('GET', `/api/v1/inbound/${body.id}`)).json;
      return m.forwards.length > 0 && m;
    });
    assert.deepEqual([inbound.status, inbound.forwards[0].statusCode], ['OPTOUT', 200]);

    const blocked = await api('POST', '/sms', { from: 'Petrel', to: PHONE, text: 'Our sale starts today' });
    assert.deepEqual([blocked.status, blocked.json.responseCode], [200, 0]);
    const report = await hitFor('/dlr', (q) => q.id === blocked.json.id);
    assert.deepEqual(Object.fromEntries(new URL(report.url, 'http://x').searchParams), { id: blocked.json.id, status: 'OPTOUT', to: PHONE });
    const m = (await api('GET', `/api/v1/messages/${blocked.json.id}`)).json;
    assert.deepEqual([m.state, m.category, m.price, m.delivery.sent], ['blocked', 'unsubscribed', null, []], 'never sent');
  });

  test('START takes the number off the blacklist; messages reach it again', async () => {
    await api('POST', '/api/v1/simulator/inbound', { from: `+${PHONE}`, to: '4930123', text: 'START' });
    await hitFor('/mo', (b) => b.text === 'START' && b.status === 'OPTIN');
    assert.deepEqual((await api('GET', '/api/v1/blacklist')).json.entries, []);
    const sms = await api('POST', '/sms', { from: 'Petrel', to: PHONE, text: 'Welcome back' });
    await hitFor('/dlr', (q) => q.id === sms.json.id && q.status === 'DELIVERED');
  });

  test('long inbound messages arrive whole, concatenated by UDH or by SAR', async () => {
    const long = 'This reply is long enough to need three parts. '.repeat(8).trim();
    for (const concat of ['udh', 'sar'] as const) {
      const r = await api('POST', '/api/v1/simulator/inbound', { from: '+491725558888', to: '4930123', text: `${concat}: ${long}`, concat });
      assert.equal(r.status, 202);
      const forward = JSON.parse((await hitFor('/mo', (b) => b.text.startsWith(`${concat}:`))).body);
      assert.deepEqual([forward.text, forward.parts, forward.status], [`${concat}: ${long}`, 3, 'RECEIVED']);
    }
    const listed = (await api('GET', '/api/v1/inbound?sender=491725558888')).json.messages;
    assert.deepEqual(
      listed.map((x: { parts: number }) => x.parts),
      [3, 3],
    );
  });
});
