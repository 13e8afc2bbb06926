// Interop with an independent SMPP implementation, the npm `smpp` package (DESIGN.md D6: only
// as a peer in tests): our engine against its server, and its client against our simulator.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
// @ts-expect-error: the package ships no types
import smpp from 'smpp';
import { databaseForSuite, forEachDialect } from '../dialects.ts';
import { countStates, startRig } from '../engine.ts';
import { formatReceipt } from '../../src/domain/receipt.ts';
import { SmscSimulator } from '../../src/simulator/simulator.ts';

interface Received {
  destination: string;
  dataCoding: number;
  registeredDelivery: number;
  udh: boolean;
  message: string;
}

/** An SMSC built on the `smpp` package: accepts one account, answers with decimal ids, sends receipts. */
async function nodeSmppServer(received: Received[]) {
  let nextId = 1_000_000;
  const server = smpp.createServer((session: any) => {
    session.on('bind_transceiver', (pdu: any) => {
      const ok = pdu.system_id === 'petrel' && pdu.password === 'secret';
      session.send(pdu.response(ok ? {} : { command_status: smpp.ESME_RBINDFAIL }));
    });
    session.on('enquire_link', (pdu: any) => session.send(pdu.response()));
    session.on('unbind', (pdu: any) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: any) => {
      const id = String(nextId++);
      received.push({
        destination: pdu.destination_addr,
        dataCoding: pdu.data_coding,
        registeredDelivery: pdu.registered_delivery,
        udh: Boolean(pdu.short_message.udh),
        message: String(pdu.short_message.message),
      });
      session.send(pdu.response({ message_id: id }));
      // This SMSC writes receipt ids in hex: Petrel must match them to the decimal response.
      const hexId = Number(id).toString(16).toUpperCase();
      setTimeout(() => {
        session.deliver_sm({
          source_addr: pdu.destination_addr,
          destination_addr: pdu.source_addr,
          esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
          short_message: formatReceipt({ id: hexId, sub: 1, dlvrd: 1, submitDate: Date.now(), doneDate: Date.now(), stat: 'DELIVRD', err: 0, text: '' }),
        });
      }, 10);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

forEachDialect('interop: our engine against the smpp package server', (dialect) => {
  const suite = databaseForSuite(dialect);

  test('binds, submits single and long messages, and matches its hex receipts to decimal ids', async () => {
    const received: Received[] = [];
    const { server, port } = await nodeSmppServer(received);
    const rig = await startRig(suite.db, { smscPort: port, connector: { receiptIdFormat: 'hex' } });
    try {
      const short = await rig.queue(3, (i) => ({ recipient: `+4917000000${i}`, text: `Hello interop ${i}` }));
      const long = await rig.queue(1, { recipient: '+491700000099', text: 'Long message '.repeat(20), segments: 2 });
      const states = await rig.settle([...short, ...long].map((r) => r.id));
      assert.deepEqual(countStates(states), { delivered: 4 });
      assert.equal(received.length, 5);
      const singles = received.filter((r) => r.destination !== '491700000099').sort((a, b) => a.destination.localeCompare(b.destination));
      assert.deepEqual(
        singles.map((r) => [r.destination, r.dataCoding, r.registeredDelivery, r.udh, r.message]),
        [0, 1, 2].map((i) => [`4917000000${i}`, 0, 1, false, `Hello interop ${i}`]),
      );
      const parts = received.filter((r) => r.destination === '491700000099');
      assert.deepEqual(
        parts.map((r) => r.udh),
        [true, true],
        'long parts carry a UDH it can read',
      );
      assert.equal(parts.map((r) => r.message).join(''), 'Long message '.repeat(20));
    } finally {
      await rig.close();
      server.close();
    }
  });
});

test('interop: the smpp package client against our simulator', async () => {
  const sim = new SmscSimulator({ systemId: 'client', password: 'pw', receiptDelayMs: 10, idFormat: 'decimal' });
  const port = await sim.listen();
  const session = smpp.connect({ url: `smpp://127.0.0.1:${port}` });
  try {
    await once(session, 'connect');
    const call = (name: string, fields: object) => new Promise<any>((resolve) => session[name](fields, resolve));
    assert.equal((await call('bind_transceiver', { system_id: 'client', password: 'wrong' })).command_status, smpp.ESME_RINVPASWD);
    assert.equal((await call('bind_transceiver', { system_id: 'client', password: 'pw' })).command_status, 0);
    const receipt = new Promise<any>((resolve) =>
      session.on('deliver_sm', (pdu: any) => {
        session.send(pdu.response());
        resolve(pdu);
      }),
    );
    const resp = await call('submit_sm', { destination_addr: '491725551234', source_addr: 'Test', short_message: 'Hi from node-smpp', registered_delivery: 1 });
    assert.equal(resp.command_status, 0);
    assert.match(resp.message_id, /^\d+$/);
    const dr = await receipt;
    assert.equal(dr.esm_class & 0x04, 0x04);
    assert.match(String(dr.short_message.message), new RegExp(`^id:0*${resp.message_id} .*stat:DELIVRD`));
    assert.equal(dr.receipted_message_id, resp.message_id);
    assert.equal((await call('enquire_link', {})).command_status, 0);
    assert.equal((await call('unbind', {})).command_status, 0);
  } finally {
    session.close();
    await sim.close();
  }
});
