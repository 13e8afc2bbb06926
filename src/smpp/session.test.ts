import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { decodePdu } from './codec.ts';
import { ConnectionClosed, ResponseTimeout, Session } from './session.ts';
import { ESME_RTHROTTLED, SmppError } from './status.ts';

// A peer on a real loopback socket: answers binds and submits; `behaviour` steers it per test.
let server: Server;
let port: number;
const serverSessions: Session[] = [];
let inFlightAtServer = 0;
let maxInFlightAtServer = 0;
let behaviour: 'normal' | 'slow' | 'throttle' | 'silent' = 'normal';

before(async () => {
  server = createServer((socket) => {
    const s = new Session(socket);
    serverSessions.push(s);
    s.on('request', (pdu) => {
      if (pdu.command === 'bind_transceiver') return s.respond(pdu, pdu.fields.password === 'secret' ? 0 : 0x0e, { system_id: 'SIM' });
      if (behaviour === 'silent') return;
      if (behaviour === 'throttle') return s.respond(pdu, ESME_RTHROTTLED, { message_id: '' });
      inFlightAtServer++;
      maxInFlightAtServer = Math.max(maxInFlightAtServer, inFlightAtServer);
      const answer = () => {
        inFlightAtServer--;
        s.respond(pdu, 0, { message_id: `id${pdu.sequence_number}` });
      };
      if (behaviour === 'slow') setTimeout(answer, 5);
      else answer();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
});

after(async () => {
  for (const s of serverSessions) s.close();
  server.close();
});

async function client(opts = {}): Promise<Session> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return new Session(socket, opts);
}

const BIND = { system_id: 'petrel', password: 'secret', system_type: '', interface_version: 0x34, addr_ton: 0, addr_npi: 0, address_range: '' };
const SUBMIT = { source_addr: 'Petrel', destination_addr: '491725551234', short_message: Buffer.from('hi') };

test('bind, submit, enquire_link and unbind over a real socket', async () => {
  behaviour = 'normal';
  const c = await client();
  const bound = await c.request('bind_transceiver', BIND);
  assert.equal(bound.fields.system_id, 'SIM');
  const resp = await c.request('submit_sm', SUBMIT);
  assert.equal(resp.fields.message_id, `id${resp.sequence_number}`);
  await c.request('enquire_link');
  const closed = once(c, 'close');
  await c.unbind();
  await closed;
  assert.equal(c.closed, true);
});

test('a refused bind and an error status reject with the status', async () => {
  const c = await client();
  await assert.rejects(c.request('bind_transceiver', { ...BIND, password: 'wrong' }), (e: unknown) => e instanceof SmppError && e.status === 0x0e);
  behaviour = 'throttle';
  await assert.rejects(c.request('submit_sm', SUBMIT), (e: unknown) => e instanceof SmppError && e.status === ESME_RTHROTTLED);
  c.close();
});

test('the window bounds requests in flight; every response reaches its request', async () => {
  behaviour = 'slow';
  maxInFlightAtServer = 0;
  const c = await client({ window: 5 });
  const answers = await Promise.all(Array.from({ length: 50 }, () => c.request('submit_sm', SUBMIT)));
  assert.equal(new Set(answers.map((a) => a.fields.message_id)).size, 50);
  assert.ok(answers.every((a) => a.fields.message_id === `id${a.sequence_number}`));
  assert.ok(maxInFlightAtServer <= 5, `at most 5 in flight, saw ${maxInFlightAtServer}`);
  assert.ok(maxInFlightAtServer >= 2, 'the window was used');
  c.close();
});

test('no response within the timeout rejects; a closing peer rejects what is outstanding', async () => {
  behaviour = 'silent';
  const c = await client({ responseTimeoutMs: 100 });
  await assert.rejects(c.request('submit_sm', SUBMIT), ResponseTimeout);
  const pending = c.request('submit_sm', SUBMIT);
  await new Promise((r) => setTimeout(r, 20));
  serverSessions.at(-1)!.socket.destroy();
  await assert.rejects(pending, ConnectionClosed);
});

test('an unknown command is answered with generic_nack and its sequence number; the session goes on', async () => {
  behaviour = 'normal';
  const raw: Socket = connect(port, '127.0.0.1');
  await once(raw, 'connect');
  raw.write(Buffer.from('0000001000000110000000000a342ee7', 'hex'));
  const [chunk] = (await once(raw, 'data')) as [Buffer];
  const nack = decodePdu(chunk.subarray(0, chunk.readUInt32BE(0)));
  assert.equal(nack.command, 'generic_nack');
  assert.equal(nack.command_status, 0x03);
  assert.equal(nack.sequence_number, 0x0a342ee7);
  raw.write(Buffer.from('00000010000000150000000000000007', 'hex')); // enquire_link #7
  const [next] = (await once(raw, 'data')) as [Buffer];
  assert.equal(decodePdu(next).command, 'enquire_link_resp');
  raw.destroy();
});

test('a command_length no peer could mean closes the connection', async () => {
  const raw = connect(port, '127.0.0.1');
  await once(raw, 'connect');
  raw.write(Buffer.from('f000001100000110000000000a342ee7', 'hex'));
  await once(raw, 'close');
});
