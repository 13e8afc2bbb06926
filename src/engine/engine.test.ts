import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { databaseForSuite, forEachDialect } from '../../test/dialects.ts';
import { countStates, FINAL, startRig, type EngineRig } from '../../test/engine.ts';
import { SqlConnectorStore } from '../storage/connector-repository.ts';
import { SmscSimulator } from '../simulator/simulator.ts';
import { SqlRouteStore } from '../storage/route-repository.ts';
import { SqlBlacklistStore } from '../storage/blacklist-repository.ts';
import { CONNECTOR_DEFAULTS } from './ports.ts';

forEachDialect('delivery engine against the simulator', (dialect) => {
  const suite = databaseForSuite(dialect);
  let rig: EngineRig;
  before(async () => {
    rig = await startRig(suite.db, {
      simulator: {
        rules: [
          { match: '4415', stat: 'UNDELIV', err: 1 },
          { match: '4416', stat: 'REJECTD', err: 11 },
        ],
      },
    });
    suite.closeFirst(() => rig.close());
  });

  test('messages reach their final state by the receipts, part by part', async () => {
    const recs = await rig.queue(30, (i) => (i % 3 === 1 ? { recipient: `+441555000${String(i).padStart(3, '0')}` } : i % 3 === 2 ? { recipient: '+441655000123' } : {}));
    const long = await rig.queue(1, { text: 'y'.repeat(400), segments: 3 });
    const unicode = await rig.queue(1, { text: 'Привет '.repeat(12), encoding: 'UCS-2', segments: 2 });
    const states = await rig.settle([...recs, ...long, ...unicode].map((r) => r.id));
    assert.deepEqual(countStates(states), { delivered: 12, undelivered: 10, rejected: 10 });
    const t = (await rig.store.timeline(long[0]!.id))!;
    assert.deepEqual(
      t.parts.map((p) => [p.seq, p.total, p.state, p.receiptStat]),
      [
        [1, 3, 'delivered', 'DELIVRD'],
        [2, 3, 'delivered', 'DELIVRD'],
        [3, 3, 'delivered', 'DELIVRD'],
      ],
    );
    assert.equal(new Set(t.parts.map((p) => p.smscId)).size, 3, 'each part has its own SMSC id');
    assert.equal((await rig.store.timeline(unicode[0]!.id))!.parts.length, 2);
    const failed = (await rig.store.timeline(recs[1]!.id))!;
    assert.equal(failed.errorCode, 1);
    assert.equal(failed.parts[0]!.receiptError, '001');
  });

  test('pausing the connector stops its lane; resuming sends what waited', async () => {
    const connectors = new SqlConnectorStore(suite.db);
    await connectors.update(rig.connector.id, { paused: true }, Date.now());
    await rig.engine.refresh();
    const before = rig.simulator.submitted;
    const recs = await rig.queue(5);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(rig.simulator.submitted, before, 'nothing sent while paused');
    assert.deepEqual(countStates(await rig.states(recs.map((r) => r.id))), { queued: 5 });
    assert.equal(rig.engine.status(rig.connector.id)!.held, 0, 'a paused lane holds no claims');
    await connectors.update(rig.connector.id, { paused: false }, Date.now());
    await rig.engine.refresh();
    assert.deepEqual(countStates(await rig.settle(recs.map((r) => r.id))), { delivered: 5 });
  });

  test('a message whose recipient opts out while it waits is blocked, never sent', async () => {
    const connectors = new SqlConnectorStore(suite.db);
    await connectors.update(rig.connector.id, { paused: true }, Date.now());
    await rig.engine.refresh();
    const [stopped, fine] = await rig.queue(2, (i) => ({ recipient: i === 0 ? '+491725550321' : '+491725550322' }));
    await new SqlBlacklistStore(suite.db).add(rig.ta.accountId, { number: '+491725550321', source: 'keyword', reason: 'STOP', inboundId: null, createdAt: Date.now() });
    const before = rig.simulator.submitted;
    await connectors.update(rig.connector.id, { paused: false }, Date.now());
    await rig.engine.refresh();
    const states = await rig.settle([stopped!.id, fine!.id], 15_000, [...FINAL, 'blocked']);
    assert.deepEqual([states.get(stopped!.id), states.get(fine!.id)], ['blocked', 'delivered']);
    assert.equal(rig.simulator.submitted - before, 1, 'only the other message went out');
  });

  test('a message past its validity expires without being sent', async () => {
    const beforeCount = rig.simulator.submitted;
    const [m] = await rig.queue(1, { expiresAt: Date.now() - 1 });
    assert.equal((await rig.settle([m!.id])).get(m!.id), 'expired');
    assert.equal(rig.simulator.submitted, beforeCount);
  });

  test('a message the connector cannot encode fails alone; the lane goes on', async () => {
    const [bad] = await rig.queue(1, { text: 'Привет', encoding: 'GSM-7' }); // cannot come through the API
    const [good] = await rig.queue(1);
    const states = await rig.settle([bad!.id, good!.id]);
    assert.deepEqual([states.get(bad!.id), states.get(good!.id)], ['failed', 'delivered']);
    assert.match((await rig.store.timeline(bad!.id))!.errorReason!, /cannot be encoded/);
  });

  test('inbound messages are stored, then acknowledged', async () => {
    assert.ok(rig.simulator.inject({ from: '+491725550000', to: '12345', text: 'STOP bitte {ok} €' }));
    const deadline = Date.now() + 5000;
    let rows: Array<{ sender: string; recipient: string; text: string; encoding: string }> = [];
    while (rows.length === 0 && Date.now() < deadline) {
      rows = await suite.db.db.selectFrom('inbound_messages').select(['sender', 'recipient', 'text', 'encoding']).execute();
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual(rows, [{ sender: '+491725550000', recipient: '12345', text: 'STOP bitte {ok} €', encoding: 'GSM-7' }]);
  });

  test('routed messages go to their connector; unrouted ones to the first enabled connector', async () => {
    const other = new SmscSimulator({ systemId: 'petrel', password: 'secret', receiptDelayMs: 5 });
    const port = await other.listen();
    const connectors = new SqlConnectorStore(suite.db);
    const second = await connectors.create(
      `second-${Date.now()}`,
      { ...CONNECTOR_DEFAULTS, host: '127.0.0.1', port, systemId: 'petrel', password: 'secret' },
      { enabled: true, paused: false },
      Date.now(),
    );
    await rig.engine.refresh();
    try {
      const first = rig.simulator.submitted;
      const routed = await rig.queue(6, { routeId: 1, connectorId: second.id });
      const unrouted = await rig.queue(4);
      assert.deepEqual(countStates(await rig.settle([...routed, ...unrouted].map((r) => r.id))), { delivered: 10 });
      assert.equal(other.submitted, 6, 'the routed ones went to their connector');
      assert.equal(rig.simulator.submitted - first, 4, 'the unrouted ones to the first');
      assert.equal((await rig.store.timeline(routed[0]!.id))!.connectorId, second.id);
      assert.equal(rig.engine.status(second.id)!.claims, false, 'the second connector takes no unrouted messages');
    } finally {
      await connectors.remove(second.id);
      await rig.engine.refresh();
      await other.close();
    }
  });

  test("failover: a connector down longer than failoverAfterMs hands its route's queue to the next one up", async () => {
    const backup = new SmscSimulator({ systemId: 'petrel', password: 'secret', receiptDelayMs: 5 });
    const connectors = new SqlConnectorStore(suite.db);
    const routes = new SqlRouteStore(suite.db);
    const b = await connectors.create(
      `backup-${Date.now()}`,
      { ...CONNECTOR_DEFAULTS, host: '127.0.0.1', port: await backup.listen(), systemId: 'petrel', password: 'secret' },
      { enabled: true, paused: false },
      Date.now(),
    );
    // The primary points at a port nobody listens on: it never binds.
    const dead = await connectors.create(
      `dead-${Date.now()}`,
      { ...CONNECTOR_DEFAULTS, host: '127.0.0.1', port: 9, systemId: 'petrel', password: 'secret' },
      { enabled: true, paused: false },
      Date.now(),
    );
    const route = await routes.create(
      {
        name: `fo-${Date.now()}`,
        position: 0,
        enabled: true,
        strategy: 'failover',
        filters: {},
        connectors: [
          { connectorId: dead.id, weight: 1 },
          { connectorId: b.id, weight: 1 },
        ],
        buyPriceMicros: null,
      },
      Date.now(),
    );
    await rig.engine.refresh();
    try {
      const recs = await rig.queue(5, { routeId: route.id, connectorId: dead.id });
      const t0 = Date.now();
      assert.deepEqual(
        countStates(
          await rig.settle(
            recs.map((r) => r.id),
            10_000,
          ),
        ),
        { delivered: 5 },
      );
      assert.ok(Date.now() - t0 >= 300, 'not before the connector was down for failoverAfterMs');
      assert.equal(backup.submitted, 5);
      assert.equal((await rig.store.timeline(recs[0]!.id))!.connectorId, b.id);
      // A route that is not failover keeps its messages on the dead connector.
      const fixed = await routes.create(
        {
          name: `st-${Date.now()}`,
          position: 1,
          enabled: true,
          strategy: 'static',
          filters: {},
          connectors: [
            { connectorId: dead.id, weight: 1 },
            { connectorId: b.id, weight: 1 },
          ],
          buyPriceMicros: null,
        },
        Date.now(),
      );
      const stuck = await rig.queue(2, { routeId: fixed.id, connectorId: dead.id });
      await new Promise((r) => setTimeout(r, 800));
      assert.deepEqual(countStates(await rig.states(stuck.map((r) => r.id))), { queued: 2 });
      await suite.db.db
        .deleteFrom('messages')
        .where(
          'id',
          'in',
          stuck.map((r) => r.id),
        )
        .execute();
      await routes.remove(fixed.id);
    } finally {
      await routes.remove(route.id);
      await connectors.remove(b.id);
      await connectors.remove(dead.id);
      await rig.engine.refresh();
      await backup.close();
    }
  });

  test('live status counts bound sessions and outcomes', () => {
    const live = rig.engine.status(rig.connector.id)!;
    assert.equal(live.bound, 1);
    assert.equal(live.sessions, 1);
    assert.ok(live.counters.submitted >= 32);
    assert.ok(live.counters.receipts >= 34);
    assert.equal(live.claims, true);
  });
});

forEachDialect('delivery engine: throughput, long-message methods, sessions', (dialect) => {
  const suite = databaseForSuite(dialect);

  test('the throttle is exact: no second sees more than `throughput` submits', async () => {
    // Timed where the engine hands parts to the link: the SMSC's own stamps add the socket's and
    // its event loop's jitter (a stalled reader stamps several arrivals at once).
    const sent: number[] = [];
    let received = 0;
    const rig = await startRig(suite.db, { connector: { throughput: 40, window: 50 }, simulator: { onSubmit: () => received++ }, onLinkSubmit: (at) => sent.push(at) });
    try {
      const recs = await rig.queue(100);
      await rig.settle(recs.map((r) => r.id));
      assert.deepEqual([sent.length, received], [100, 100]);
      for (const t of sent) {
        const inWindow = sent.filter((u) => u >= t && u < t + 999).length;
        assert.ok(inWindow <= 40, `${inWindow} submits within one second of ${t}`);
      }
      assert.ok(sent[80]! - sent[0]! >= 1998, 'the 81st submit goes no sooner than two seconds after the first');
    } finally {
      await rig.close();
    }
  });

  for (const method of ['udh16', 'sar', 'payload'] as const) {
    test(`long messages by ${method} are delivered`, async () => {
      const seen: Array<{ esm: number; tlvs: string[] }> = [];
      const rig = await startRig(suite.db, {
        connector: { longMessageMethod: method },
        simulator: { onSubmit: (p) => seen.push({ esm: Number(p.fields.esm_class), tlvs: p.tlvs.map((t) => t.name) }) },
      });
      try {
        const [m] = await rig.queue(1, { text: 'z'.repeat(300), segments: 2 });
        assert.equal((await rig.settle([m!.id])).get(m!.id), 'delivered');
        if (method === 'payload') assert.deepEqual(seen, [{ esm: 0, tlvs: ['message_payload'] }]);
        if (method === 'sar')
          assert.deepEqual(
            seen.map((x) => x.tlvs),
            [
              ['sar_msg_ref_num', 'sar_total_segments', 'sar_segment_seqnum'],
              ['sar_msg_ref_num', 'sar_total_segments', 'sar_segment_seqnum'],
            ],
          );
        if (method === 'udh16')
          assert.deepEqual(
            seen.map((x) => x.esm),
            [0x40, 0x40],
          );
      } finally {
        await rig.close();
      }
    });
  }

  test('several sessions, and transmitter + receiver binds, share the work', async () => {
    const rig = await startRig(suite.db, { connector: { sessions: 3, bindMode: 'transmitter_receiver' } });
    try {
      const recs = await rig.queue(60);
      assert.deepEqual(countStates(await rig.settle(recs.map((r) => r.id))), { delivered: 60 });
      const live = rig.engine.status(rig.connector.id)!;
      assert.deepEqual([live.sessions, live.bound], [4, 4]);
    } finally {
      await rig.close();
    }
  });

  test('SMPP over TLS: bound and delivered when the certificate checks out, refused when not', async () => {
    const pem = (f: string) => readFileSync(new URL(`../../test/fixtures/tls/${f}`, import.meta.url), 'utf8');
    const tls = { key: pem('key.pem'), cert: pem('cert.pem') };
    const trusted = await startRig(suite.db, { simulator: { tls }, connector: { tls: true, tlsCa: tls.cert } });
    try {
      const recs = await trusted.queue(3);
      assert.deepEqual(countStates(await trusted.settle(recs.map((r) => r.id))), { delivered: 3 });
    } finally {
      await trusted.close();
    }
    const untrusted = await startRig(suite.db, { simulator: { tls }, connector: { tls: true } });
    try {
      const deadline = Date.now() + 5000;
      while (!untrusted.engine.status(untrusted.connector.id)?.lastError && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const live = untrusted.engine.status(untrusted.connector.id)!;
      assert.equal(live.bound, 0);
      assert.match(live.lastError!, /self-signed|certificate/i);
    } finally {
      await untrusted.close();
    }
  });
});
