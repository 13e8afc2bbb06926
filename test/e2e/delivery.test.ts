// The "done when": `petrel start` on a fresh database, a POST /sms, and the message is
// delivered by the embedded simulator within a second; inbound messages come in; with
// PETREL_SIMULATOR=off nothing is sent anywhere.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forEachDialect, scratch, type Scratch } from '../dialects.ts';
import { spawnPetrel, type PetrelProcess } from '../process.ts';

const KEY = 'delivery-key-0123456789';

async function api(p: PetrelProcess, method: string, path: string, body?: unknown) {
  const res = await fetch(p.url + path, {
    method,
    headers: { 'x-mitto-api-key': KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as any };
}

async function stateAfter(p: PetrelProcess, id: string, want: string, ms: number): Promise<{ state: string; elapsed: number; message: any }> {
  const started = Date.now();
  for (;;) {
    const m = await api(p, 'GET', `/api/v1/messages/${id}`);
    if (m.json.state === want || Date.now() - started > ms) return { state: m.json.state, elapsed: Date.now() - started, message: m.json };
    await new Promise((r) => setTimeout(r, 10));
  }
}

forEachDialect('petrel start delivers through the embedded simulator', (dialect) => {
  let s: Scratch;
  let p: PetrelProcess;
  before(async () => {
    s = scratch(dialect);
    p = await spawnPetrel({ ...s.env, PETREL_BOOTSTRAP_API_KEY: KEY, LOG_LEVEL: 'info', PETREL_SIMULATOR_RULES: '4916=UNDELIV:1' });
  });
  after(async () => {
    p.child.kill('SIGTERM');
    await p.exited;
    await s.dispose();
  });

  test('it says clearly that messages go to a simulator', async () => {
    const warning = /no SMSC connector is configured: messages go to the built-in SMSC simulator/;
    // pino writes asynchronously: give the line a moment to arrive.
    for (let i = 0; i < 100 && !warning.test(p.logs.stdout); i++) await new Promise((r) => setTimeout(r, 20));
    assert.match(p.logs.stdout, warning);
  });

  test('POST /sms, then the message is delivered within a second, with its timeline', async () => {
    for (const text of ['Hello from Petrel', 'Long '.repeat(50), 'Grüße aus Köln — ☀️']) {
      const sent = await api(p, 'POST', '/sms', { from: 'Petrel', to: '+491725551234', text });
      assert.equal(sent.json.responseCode, 0);
      const r = await stateAfter(p, sent.json.id, 'delivered', 1000);
      assert.equal(r.state, 'delivered', `${JSON.stringify(text.slice(0, 10))}: ${r.state} after ${r.elapsed} ms`);
      const d = r.message.delivery;
      assert.equal(d.connectorId, 0);
      assert.equal(d.sent.length, r.message.segments);
      for (const part of d.sent) {
        assert.equal(part.state, 'delivered');
        assert.equal(part.receiptStat, 'DELIVRD');
        assert.match(part.smscId, /^[0-9a-f]+$/);
      }
    }
  });

  test("the simulator's outcome rules (PETREL_SIMULATOR_RULES) decide the receipt", async () => {
    const sent = await api(p, 'POST', '/sms', { from: 'Petrel', to: '+491605551234', text: 'to a number that fails' });
    const r = await stateAfter(p, sent.json.id, 'undelivered', 3000);
    assert.equal(r.state, 'undelivered');
    assert.equal(r.message.delivery.errorCode, 1);
    assert.equal(r.message.delivery.sent[0].receiptStat, 'UNDELIV');
  });

  test('/metrics counts the engine per connector', async () => {
    const text = await (await fetch(`${p.url}/metrics`, { headers: { 'x-mitto-api-key': KEY } })).text();
    assert.ok(Number(/petrel_engine_submitted_total\{connector="embedded-simulator"\} (\d+)/.exec(text)?.[1]) >= 3, text.slice(0, 300));
    assert.ok(Number(/petrel_engine_receipts_total\{connector="embedded-simulator"\} (\d+)/.exec(text)?.[1]) >= 3);
    assert.match(text, /petrel_engine_sessions_bound\{connector="embedded-simulator"\} 1/);
  });

  test('a connector added while the simulator runs takes the traffic', async () => {
    const { SmscSimulator } = await import('../../src/simulator/simulator.ts');
    const carrier = new SmscSimulator({ systemId: 'carrier', password: 'pw', receiptDelayMs: 5 });
    const port = await carrier.listen();
    try {
      const added = await api(p, 'POST', '/api/v1/connectors', { name: 'carrier', host: '127.0.0.1', port, systemId: 'carrier', password: 'pw' });
      assert.equal(added.status, 201);
      const deadline = Date.now() + 5000;
      while ((await api(p, 'GET', `/api/v1/connectors/${added.json.id}`)).json.live?.bound !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const sent = await api(p, 'POST', '/sms', { from: 'Petrel', to: '+491725551234', text: 'via the carrier' });
      const r = await stateAfter(p, sent.json.id, 'delivered', 3000);
      assert.equal(r.state, 'delivered');
      assert.equal(r.message.delivery.connectorId, added.json.id);
      assert.equal(carrier.submitted, 1);
      assert.equal((await api(p, 'DELETE', `/api/v1/connectors/${added.json.id}`)).status, 204);
    } finally {
      await carrier.close();
    }
  });

  test('an inbound message from the simulator is stored', async () => {
    const r = await api(p, 'POST', '/api/v1/simulator/inbound', { from: '+491725559999', to: '4930123', text: 'STOP' });
    assert.equal(r.status, 202);
    assert.equal(r.json.sent, true);
    const db = await s.open();
    const deadline = Date.now() + 3000;
    let rows: Array<{ sender: string; text: string }> = [];
    while (rows.length === 0 && Date.now() < deadline) {
      rows = await db.db.selectFrom('inbound_messages').select(['sender', 'text']).execute();
      await new Promise((res) => setTimeout(res, 20));
    }
    assert.deepEqual(rows, [{ sender: '+491725559999', text: 'STOP' }]);
    const bad = await api(p, 'POST', '/api/v1/simulator/inbound', { from: '+49', to: '1', text: '' });
    assert.equal(bad.status, 400);
    // The same from the command line.
    const bin = fileURLToPath(new URL('../../bin/petrel.mjs', import.meta.url));
    const cli = spawnSync(process.execPath, [bin, 'inbound', '--url', p.url, '--key', KEY, '--from', '+491725558888', '--to', '4930123', '--text', 'JA'], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /Sent to Petrel/);
    const noKey = spawnSync(process.execPath, [bin, 'inbound', '--url', p.url, '--from', '1', '--to', '2', '--text', 'x'], { encoding: 'utf8', env: { ...process.env, PETREL_API_KEY: '' } });
    assert.equal(noKey.status, 2);
  });
});

forEachDialect('PETREL_SIMULATOR=off', (dialect) => {
  let s: Scratch;
  before(() => {
    s = scratch(dialect);
  });
  after(() => s.dispose());

  test('no simulator: messages wait queued, the inbound endpoint says so', async () => {
    const p = await spawnPetrel({ ...s.env, PETREL_BOOTSTRAP_API_KEY: KEY, PETREL_SIMULATOR: 'off' });
    try {
      const sent = await api(p, 'POST', '/sms', { from: 'Petrel', to: '+491725551234', text: 'Hi' });
      assert.equal((await stateAfter(p, sent.json.id, 'delivered', 300)).state, 'queued');
      assert.equal((await api(p, 'POST', '/api/v1/simulator/inbound', { from: '+491725559999', to: '4930123', text: 'x' })).status, 404);
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  });
});
