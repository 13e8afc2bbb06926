// The simulator's misbehaviour modes, each observed from a client over a real socket.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { parseReceiptText } from '../domain/receipt.ts';
import { sameSmscId } from '../domain/smsc-id.ts';
import { concatUdh } from '../domain/udh.ts';
import type { Pdu } from '../smpp/codec.ts';
import { bind } from '../smpp/client.ts';
import { ConnectionClosed, ResponseTimeout, type Session } from '../smpp/session.ts';
import { ESME_RBINDFAIL, ESME_RTHROTTLED, SmppError } from '../smpp/status.ts';
import { SmscSimulator } from './simulator.ts';

let sim: SmscSimulator;
let port: number;

before(async () => {
  sim = new SmscSimulator({ systemId: 'petrel', password: 'secret', receiptDelayMs: 5 });
  port = await sim.listen();
});
after(() => sim.close());

const open = (opts = {}) => bind({ host: '127.0.0.1', port, systemId: 'petrel', password: 'secret', ...opts }).then((b) => b.session);
const submit = (s: Session, sm: Buffer = Buffer.from('Hello'), esmClass = 0) =>
  s.request('submit_sm', { source_addr: 'Petrel', destination_addr: '491725551234', esm_class: esmClass, registered_delivery: 1, short_message: sm });

/** Collects the receipts a session receives, answering each. */
function receipts(s: Session): Pdu[] {
  const got: Pdu[] = [];
  s.on('request', (pdu) => {
    s.respond(pdu, 0, { message_id: '' });
    got.push(pdu);
  });
  return got;
}
const idIn = (p: Pdu) => parseReceiptText((p.fields.short_message as Buffer).toString('latin1')).id!;
/** Receipts for these ids only: an SMSC delivers a closed session's receipts to any bound receiver. */
const forIds = (got: Pdu[], ids: string[]) => got.filter((p) => ids.some((id) => sameSmscId(idIn(p), id)));
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

test('throttle: submits beyond N per second get ESME_RTHROTTLED', async () => {
  sim.misbehave({ mode: 'throttle', perSecond: 3 });
  const s = await open();
  const results = await Promise.allSettled(Array.from({ length: 6 }, () => submit(s)));
  const throttled = results.filter((r) => r.status === 'rejected' && r.reason instanceof SmppError && r.reason.status === ESME_RTHROTTLED);
  assert.ok(throttled.length >= 3, `${throttled.length} throttled`);
  assert.ok(results.some((r) => r.status === 'fulfilled'));
  await s.unbind();
});

test('no response: the request times out', async () => {
  sim.misbehave({ mode: 'no_response' });
  const s = await open({ responseTimeoutMs: 100 });
  await assert.rejects(submit(s), ResponseTimeout);
  await s.unbind();
});

test('unbind on submit: the SMSC unbinds and the request fails with the connection', async () => {
  sim.misbehave({ mode: 'unbind_on_submit' });
  const s = await open();
  await assert.rejects(submit(s), ConnectionClosed);
  assert.equal(s.closed, true);
});

test('refused bind', async () => {
  sim.misbehave({ mode: 'refuse_bind' });
  await assert.rejects(open(), (e: unknown) => e instanceof SmppError && e.status === ESME_RBINDFAIL);
});

test('receipt before response: the receipt carries an id the client has not seen yet', async () => {
  sim.misbehave({ mode: 'receipt_before_response', responseDelayMs: 80 });
  const s = await open();
  const got = receipts(s);
  const resp = submit(s);
  await settle(40);
  const early = got.length;
  const id = (await resp).fields.message_id as string;
  assert.equal(forIds(got.slice(0, early), [id]).length, 1, 'the receipt came before the response');
  await s.unbind();
});

test('disconnect every N submits: the Nth is never answered', async () => {
  sim.misbehave({ mode: 'none' });
  const before = sim.submitted;
  sim.misbehave({ mode: 'disconnect_every', submits: before + 3 });
  const s = await open();
  await submit(s);
  await submit(s);
  await assert.rejects(submit(s), ConnectionClosed);
});

test('a receipt for only the first or only the last part of a long message', async () => {
  for (const part of ['first', 'last'] as const) {
    sim.misbehave({ mode: 'receipt_for_part', part });
    const s = await open();
    const got = receipts(s);
    const ids: string[] = [];
    for (let seq = 1; seq <= 3; seq++) {
      const sm = Buffer.concat([concatUdh(9, 3, seq), Buffer.from(`part ${seq}`)]);
      ids.push((await submit(s, sm, 0x40)).fields.message_id as string);
    }
    await settle();
    const mine = forIds(got, ids);
    assert.equal(mine.length, 1, `one receipt (${part})`);
    assert.ok(sameSmscId(idIn(mine[0]!), ids[part === 'first' ? 0 : 2]!));
    await s.unbind();
  }
});

test('receipt ids in another case, base or padding than the response', async () => {
  for (const form of ['lowercase', 'decimal', 'zero_padded'] as const) {
    sim.misbehave({ mode: 'receipt_id_form', form });
    const s = await open();
    const got = receipts(s);
    const id = (await submit(s)).fields.message_id as string;
    await settle();
    const mine = forIds(got, [id]);
    assert.equal(mine.length, 1);
    const written = idIn(mine[0]!);
    assert.notEqual(written, id, `${form}: written differently`);
    assert.ok(sameSmscId(written, id), `${form}: still the same message (${written} vs ${id})`);
    await s.unbind();
  }
  sim.misbehave({ mode: 'none' });
});

test('back to normal after misbehaving', async () => {
  sim.misbehave({ mode: 'none' });
  const s = await open();
  const closed = once(s, 'close');
  assert.ok((await submit(s)).fields.message_id);
  await s.unbind();
  await closed;
});
