import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { bind } from './client.ts';
import { decodePdu, encodePdu, type Pdu } from './codec.ts';

test('a deliver_sm in the same packet as the bind_resp reaches onRequest', async () => {
  // An SMSC with stored receipts sends them right behind its bind_resp, in one write.
  const server = createServer((socket) => {
    socket.once('data', (chunk) => {
      const bindReq = decodePdu(chunk);
      const resp = encodePdu({ command: 'bind_transceiver_resp', command_status: 0, sequence_number: bindReq.sequence_number, fields: { system_id: 'SMSC' }, tlvs: [] });
      const dr = encodePdu({
        command: 'deliver_sm',
        command_status: 0,
        sequence_number: 1,
        fields: { source_addr: '491725551234', esm_class: 4, short_message: Buffer.from('id:1 stat:DELIVRD') },
        tlvs: [],
      });
      socket.write(Buffer.concat([resp, dr]));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const got: Pdu[] = [];
  const { session } = await bind({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, systemId: 'x', password: 'y', onRequest: (_s, pdu) => got.push(pdu) });
  try {
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      got.map((p) => p.command),
      ['deliver_sm'],
    );
  } finally {
    session.socket.destroy();
    server.close();
  }
});
