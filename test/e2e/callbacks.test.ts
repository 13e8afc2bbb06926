// Issue #4's "done when", first part: with `petrel start` (embedded simulator), a message sent
// with a callback URL produces a signed callback with the right status and placeholders, and
// the attempt shows in the message's timeline.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyCallback } from '../../src/domain/callback.ts';
import { forEachDialect, scratch, type Scratch } from '../dialects.ts';
import { spawnPetrel, type PetrelProcess } from '../process.ts';
import { startReceiver, type Receiver } from '../receiver.ts';

const KEY = 'callbacks-key-0123456789';

forEachDialect('petrel start sends delivery-report callbacks', (dialect) => {
  let s: Scratch;
  let p: PetrelProcess;
  let rx: Receiver;
  before(async () => {
    s = scratch(dialect);
    rx = await startReceiver();
    p = await spawnPetrel({ ...s.env, PETREL_BOOTSTRAP_API_KEY: KEY, PETREL_ALLOW_PRIVATE_CALLBACKS: 'true', PETREL_SIMULATOR_RULES: '4916=UNDELIV:1' });
  });
  after(async () => {
    p.child.kill('SIGTERM');
    await p.exited;
    rx.close();
    await s.dispose();
  });

  test('a signed GET with the status and placeholders filled in, for delivered and undelivered', async () => {
    const callback = `${rx.base}/dlr?id=~msgid~&status=~status~&err=<errorCode>&to=$to&ref=~reference~&parts=~parts~`;
    const post = (to: string) =>
      fetch(`${p.url}/sms`, {
        method: 'POST',
        headers: { 'x-mitto-api-key': KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'Petrel', to, text: 'Hello', reference: 'order 42', callback }),
      }).then((r) => r.json() as Promise<{ id: string }>);
    const ok = await post('491725551234');
    const bad = await post('491625551234');
    const deadline = Date.now() + 5000;
    while (rx.seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const byId = new Map(rx.seen.map((x) => [new URL(x.url, 'http://x').searchParams.get('id'), x]));
    assert.equal(byId.get(ok.id)?.url, `/dlr?id=${ok.id}&status=DELIVERED&err=0&to=491725551234&ref=order%2042&parts=1`);
    assert.equal(byId.get(bad.id)?.url, `/dlr?id=${bad.id}&status=UNDELIVERED&err=1&to=491625551234&ref=order%2042&parts=1`);
    // The secret the account signs with (created on first use), read where Petrel keeps it.
    const db = await s.open();
    const secret = (await db.db.selectFrom('traffic_accounts').select('callback_secret').where('callback_secret', 'is not', null).executeTakeFirstOrThrow()).callback_secret!;
    await db.close();
    const full = `${rx.base}${byId.get(ok.id)!.url}`;
    assert.ok(verifyCallback(secret, full, byId.get(ok.id)!.signature, Math.floor(Date.now() / 1000)), 'signed over the URL it requested');
    const m = await fetch(`${p.url}/api/v1/messages/${ok.id}`, { headers: { 'x-mitto-api-key': KEY } }).then((r) => r.json() as Promise<any>);
    let attempts = m.delivery.callbacks;
    for (let i = 0; i < 50 && attempts.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      attempts = (await fetch(`${p.url}/api/v1/messages/${ok.id}`, { headers: { 'x-mitto-api-key': KEY } }).then((r) => r.json() as Promise<any>)).delivery.callbacks;
    }
    assert.deepEqual(
      attempts.map((a: { statusCode: number; url: string }) => [a.statusCode, a.url]),
      [[200, full]],
    );
  });
});
