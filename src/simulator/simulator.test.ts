import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { parseReceiptText } from '../domain/receipt.ts';
import { sameSmscId } from '../domain/smsc-id.ts';
import type { Pdu } from '../smpp/codec.ts';
import { bind } from '../smpp/client.ts';
import { Session } from '../smpp/session.ts';
import { ESME_RINVPASWD, SmppError } from '../smpp/status.ts';
import { SmscSimulator } from './simulator.ts';

let sim: SmscSimulator;
let port: number;

before(async () => {
  sim = new SmscSimulator({ systemId: 'petrel', password: 'secret', idFormat: 'hex', receiptDelayMs: 10, rules: [{ match: '4917000', stat: 'UNDELIV', err: 1 }] });
  port = await sim.listen();
});
after(() => sim.close());

const SUBMIT = (to: string) => ({
  service_type: '',
  source_addr_ton: 5,
  source_addr_npi: 0,
  source_addr: 'Petrel',
  dest_addr_ton: 1,
  dest_addr_npi: 1,
  destination_addr: to,
  esm_class: 0,
  registered_delivery: 1,
  data_coding: 0,
  short_message: Buffer.from('Hello'),
});

function nextDeliver(session: Awaited<ReturnType<typeof bind>>['session']): Promise<Pdu> {
  return new Promise((resolve) => {
    session.once('request', (pdu) => {
      session.respond(pdu, 0, { message_id: '' });
      resolve(pdu);
    });
  });
}

test('a wrong password is refused with its status', async () => {
  await assert.rejects(bind({ host: '127.0.0.1', port, systemId: 'petrel', password: 'nope' }), (e: unknown) => e instanceof SmppError && e.status === ESME_RINVPASWD);
});

test('submit_sm gets an id; the receipt follows with the id in text and TLV', async () => {
  const { session, smscSystemId } = await bind({ host: '127.0.0.1', port, systemId: 'petrel', password: 'secret', enquireLinkMs: 50 });
  assert.equal(smscSystemId, 'PETRELSIM');
  const receipt = nextDeliver(session);
  const resp = await session.request('submit_sm', SUBMIT('491725551234'));
  const id = resp.fields.message_id as string;
  assert.match(id, /^[0-9A-F]+$/);
  const r = await receipt;
  assert.equal(r.fields.esm_class, 0x04);
  assert.equal(r.fields.source_addr, '491725551234');
  const text = parseReceiptText((r.fields.short_message as Buffer).toString('latin1'), { strict: true });
  assert.equal(text.stat, 'DELIVRD');
  assert.ok(sameSmscId(text.id!, id));
  assert.equal(r.tlvs.find((t) => t.name === 'receipted_message_id')?.value, id);
  assert.equal(r.tlvs.find((t) => t.name === 'message_state')?.value, 2);
  await new Promise((res) => setTimeout(res, 120)); // enquire_link keeps the link up meanwhile
  assert.equal(session.closed, false);
  await session.unbind();
});

test('rules choose the outcome by destination', async () => {
  const { session } = await bind({ host: '127.0.0.1', port, systemId: 'petrel', password: 'secret' });
  const receipt = nextDeliver(session);
  await session.request('submit_sm', SUBMIT('4917000123456'));
  const text = parseReceiptText(((await receipt).fields.short_message as Buffer).toString('latin1'));
  assert.equal(text.stat, 'UNDELIV');
  assert.equal(text.errCode, 1);
  await session.unbind();
});

test('inbound messages reach a receiving bind, GSM or UCS-2', async () => {
  const { session } = await bind({ host: '127.0.0.1', port, systemId: 'petrel', password: 'secret', mode: 'transceiver' });
  const first = nextDeliver(session);
  assert.equal(sim.inject({ from: '+491725551234', to: '4930123', text: 'STOP @once' }), true);
  const mo = await first;
  assert.equal(mo.fields.esm_class, 0);
  assert.equal(mo.fields.data_coding, 0);
  assert.equal((mo.fields.short_message as Buffer).toString('hex'), `${Buffer.from('STOP ').toString('hex')}00${Buffer.from('once').toString('hex')}`);
  const second = nextDeliver(session);
  sim.inject({ from: '491725551234', to: '4930123', text: 'Привет' });
  assert.equal((await second).fields.data_coding, 8);
  await session.unbind();
});

test('a transmitter-only bind gets no deliveries; submits without a bind are refused', async () => {
  const { session } = await bind({ host: '127.0.0.1', port, systemId: 'petrel', password: 'secret', mode: 'transmitter' });
  assert.equal(sim.inject({ from: '491725551234', to: '4930123', text: 'x' }), false);
  await session.unbind();
  const raw = connect(port, '127.0.0.1');
  await once(raw, 'connect');
  const unbound = new Session(raw);
  await assert.rejects(unbound.request('submit_sm', SUBMIT('491725551234')), (e: unknown) => e instanceof SmppError && e.status === 0x04);
  unbound.close();
});
