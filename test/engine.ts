// Runs the delivery engine over a scratch database against an SMSC simulator on loopback, as
// the worker role does, for engine and catalogue tests.

import { createLogger } from '../src/logger.ts';
import { SmppLink } from '../src/connectors/smpp/smpp-link.ts';
import { Engine } from '../src/engine/engine.ts';
import { CONNECTOR_DEFAULTS, type Connector, type ConnectorSettings, type DispatchStore } from '../src/engine/ports.ts';
import type { MessageRecord, TrafficAccount } from '../src/gateway/ports.ts';
import { SmscSimulator, type SimulatorOptions } from '../src/simulator/simulator.ts';
import { SqlConnectorStore } from '../src/storage/connector-repository.ts';
import type { Database } from '../src/storage/database.ts';
import { dispatchStore } from '../src/storage/dispatch-repository.ts';
import { SqlInboundStore } from '../src/storage/inbound-repository.ts';
import { SqlMessageStore } from '../src/storage/message-repository.ts';
import { SqlRouteStore } from '../src/storage/route-repository.ts';
import { SqlTenancyStore } from '../src/storage/tenancy-repository.ts';
import { asSubmission, messageRecord } from './factories.ts';

export interface EngineRig {
  simulator: SmscSimulator;
  engine: Engine;
  store: DispatchStore;
  messages: SqlMessageStore;
  connector: Connector;
  ta: TrafficAccount;
  /** Queues `count` messages (overridable), oldest first. */
  queue(count: number, over?: Partial<MessageRecord> | ((i: number) => Partial<MessageRecord>)): Promise<MessageRecord[]>;
  states(ids: readonly string[]): Promise<Map<string, string>>;
  /** Waits until every message is in one of `final` states, or fails after `ms`. */
  settle(ids: readonly string[], ms?: number, final?: readonly string[]): Promise<Map<string, string>>;
  close(): Promise<void>;
}

export const FINAL = ['delivered', 'undelivered', 'expired', 'rejected', 'unknown', 'failed'] as const;

let accounts = 0;

export async function startRig(
  db: Database,
  o: {
    simulator?: Partial<SimulatorOptions>;
    /** Send to this SMSC instead of the rig's simulator (interop with other implementations). */
    smscPort?: number;
    connector?: Partial<ConnectorSettings>;
    leaseMs?: number;
    maxAttempts?: number;
    receiptGraceMs?: number;
    failoverAfterMs?: number;
    /** Called as the engine hands each part to the link (performance.now()): what the throttle lets through. */
    onLinkSubmit?: (at: number) => void;
  } = {},
): Promise<EngineRig> {
  const simulator = new SmscSimulator({ systemId: 'petrel', password: 'secret', receiptDelayMs: 10, ...o.simulator });
  const port = o.smscPort ?? (await simulator.listen());
  const connectors = new SqlConnectorStore(db);
  const connector = await connectors.create(
    `sim-${++accounts}-${Date.now()}`,
    { ...CONNECTOR_DEFAULTS, host: '127.0.0.1', port, systemId: 'petrel', password: 'secret', responseTimeoutMs: 1000, ...o.connector },
    { enabled: true, paused: false },
    Date.now(),
  );
  const tenancy = new SqlTenancyStore(db);
  const accountId = await tenancy.createAccount(`acct-${accounts}-${Date.now()}`, Date.now());
  const ta = await tenancy.createTrafficAccount({ accountId, name: 'engine', currency: 'EUR', conversionTracking: false }, Date.now());
  const store = dispatchStore(db);
  const messages = new SqlMessageStore(db);
  const logger = createLogger({ logLevel: process.env.PETREL_TEST_LOG === '1' ? 'debug' : 'silent' });
  const engine = new Engine({
    store,
    inbound: new SqlInboundStore(db),
    connectors,
    openLink: (c, events) => {
      const link = new SmppLink(c, events, { reconnect: { baseMs: 50, maxMs: 400 }, logger });
      const submit = link.submit.bind(link);
      if (o.onLinkSubmit) link.submit = (part) => (o.onLinkSubmit!(performance.now()), submit(part));
      return link;
    },
    lane: { workerId: 'test', leaseMs: o.leaseMs ?? 30_000, claimBatch: 500, pollMs: 10, maxAttempts: o.maxAttempts ?? 3, parkRetryMs: 100, orphanAfterMs: 60_000 },
    reapEveryMs: 200,
    receiptGraceMs: o.receiptGraceMs ?? 3_600_000,
    refreshEveryMs: 100,
    routes: () => new SqlRouteStore(db).list(),
    failoverAfterMs: o.failoverAfterMs ?? 300,
    logger,
  });
  await engine.start();
  const states = async (ids: readonly string[]) => {
    const rows = await db.db
      .selectFrom('messages')
      .select(['id', 'state'])
      .where('id', 'in', [...ids])
      .execute();
    const found = new Map(rows.map((r) => [r.id, r.state]));
    return new Map(ids.map((id) => [id, found.get(id)!]));
  };
  return {
    simulator,
    engine,
    store,
    messages,
    connector,
    ta,
    async queue(count, over = {}) {
      const base = Date.now();
      const recs = Array.from({ length: count }, (_, i) => messageRecord(ta, { createdAt: base + i, ...(typeof over === 'function' ? over(i) : over) }));
      await messages.insert(asSubmission(recs));
      return recs;
    },
    states,
    async settle(ids, ms = 15_000, final = FINAL) {
      const deadline = Date.now() + ms;
      for (;;) {
        const s = await states(ids);
        const open = [...s.values()].filter((v) => !final.includes(v));
        if (open.length === 0) return s;
        if (Date.now() > deadline) throw new Error(`${open.length} of ${ids.length} messages not final after ${ms} ms: ${JSON.stringify(countStates(s))}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await engine.stop();
      if (o.smscPort === undefined) await simulator.close();
      await connectors.remove(connector.id); // the next rig on this database must be the first connector
    },
  };
}

export function countStates(states: Map<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of states.values()) out[v] = (out[v] ?? 0) + 1;
  return out;
}
