import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outboundMessage } from '../../../test/factories.ts';
import { CONNECTOR_DEFAULTS } from '../../engine/ports.ts';
import { SmscSimulator } from '../../simulator/simulator.ts';
import type { LinkReceipt } from '../link.ts';
import { SmppLink } from './smpp-link.ts';

const message = outboundMessage();

const until = async (cond: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), 'condition not reached in time');
};

test('a receipt Petrel could not commit is refused (ESME_RX_T_APPN) and the SMSC delivers it again', async () => {
  const sim = new SmscSimulator({ systemId: 'petrel', password: 'pw', receiptDelayMs: 5 });
  const port = await sim.listen();
  const seen: LinkReceipt[] = [];
  let failNext = true;
  const link = new SmppLink(
    { ...CONNECTOR_DEFAULTS, name: 'sim', host: '127.0.0.1', port, systemId: 'petrel', password: 'pw' },
    {
      async receipt(r) {
        seen.push(r);
        if (failNext) {
          failNext = false;
          throw new Error('the database is unavailable');
        }
      },
      async inbound() {},
      changed() {},
    },
    { reconnect: { baseMs: 20, maxMs: 100 } },
  );
  link.start();
  try {
    await until(() => link.capacity() > 0);
    const [part] = link.prepare(message, Date.now());
    const result = await link.submit(part!);
    assert.equal(result.ok, true);
    // Refused once, the receipt comes back after the simulator's retry (200 ms).
    await until(() => seen.length >= 2);
    assert.equal(seen[0]!.smscId, seen[1]!.smscId);
    assert.equal(seen[1]!.stat, 'DELIVRD');
    assert.equal(sim.storedDeliveries, 0);
  } finally {
    await link.stop();
    await sim.close();
  }
});

test('a refused bind is reported as the last error, and the link keeps trying', async () => {
  const sim = new SmscSimulator({ systemId: 'petrel', password: 'pw', misbehaviour: { mode: 'refuse_bind' } });
  const port = await sim.listen();
  const link = new SmppLink(
    { ...CONNECTOR_DEFAULTS, name: 'sim', host: '127.0.0.1', port, systemId: 'petrel', password: 'pw' },
    { receipt: async () => {}, inbound: async () => {}, changed() {} },
    { reconnect: { baseMs: 20, maxMs: 40 } },
  );
  link.start();
  try {
    await until(() => link.status().reconnects >= 3);
    assert.match(link.status().lastError!, /bind failed/);
    assert.equal(link.status().bound, 0);
    const [part] = link.prepare(message, Date.now());
    assert.deepEqual(await link.submit(part!), { ok: false, kind: 'unsent', reason: 'no bound session' });
    sim.misbehave({ mode: 'none' });
    await until(() => link.status().bound === 1);
  } finally {
    await link.stop();
    await sim.close();
  }
});
