// The worker role: the delivery engine over this thread's database connection, and, when no
// connector is configured, an embedded SMSC simulator to send to (so a fresh install delivers
// end to end with no carrier account). PETREL_SIMULATOR=off turns the simulator off.

import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.ts';
import { SmppLink } from '../connectors/smpp/smpp-link.ts';
import { Engine, type ConnectorLive } from '../engine/engine.ts';
import { CONNECTOR_DEFAULTS, type Connector } from '../engine/ports.ts';
import { parseOutcomeRules } from '../simulator/rules.ts';
import { SmscSimulator } from '../simulator/simulator.ts';
import type { Database } from '../storage/database.ts';
import { SqlConnectorStore } from '../storage/connector-repository.ts';
import { SqlRouteStore } from '../storage/route-repository.ts';
import { dispatchStore } from '../storage/dispatch-repository.ts';
import { registerEngineMetrics } from './engine-metrics.ts';
import { SqlInboundStore } from '../storage/inbound-repository.ts';
import { startCallbacks, type CallbacksRole } from './callbacks-role.ts';
import { campaignJobs } from './campaigns.ts';
import { startRoleThread } from './role-thread.ts';
import type { WriteLock } from './write-lock.ts';

/** The embedded simulator's connector: id 0, never stored. */
export const SIMULATOR_CONNECTOR_ID = 0;

export interface WorkerRole {
  live(connectorId: number): ConnectorLive | null;
  /** The embedded simulator, when one runs. */
  simulator: SmscSimulator | null;
  close(): Promise<void>;
}

function simulatorConnector(config: Config, port: number): Connector {
  const now = Date.now();
  return {
    ...CONNECTOR_DEFAULTS,
    id: SIMULATOR_CONNECTOR_ID,
    name: 'embedded-simulator',
    host: '127.0.0.1',
    port,
    systemId: config.simulator.systemId,
    password: config.simulator.password,
    window: 100,
    enabled: true,
    paused: false,
    createdAt: now,
    updatedAt: now,
  };
}

async function embeddedSimulator(config: Config, logger: Logger): Promise<{ simulator: SmscSimulator; connector: Connector }> {
  const { systemId, password, idFormat, receiptDelayMs, receiptJitterMs, port, rules } = config.simulator;
  const simulator = new SmscSimulator({ systemId, password, idFormat, receiptDelayMs, receiptJitterMs, rules: parseOutcomeRules(rules) });
  const bound = await simulator.listen(port, '127.0.0.1');
  logger.warn(
    { port: bound },
    `no SMSC connector is configured: messages go to the built-in SMSC simulator on 127.0.0.1:${bound}, not to real phones. Add a connector (POST /api/v1/connectors or petrel connectors add) or set PETREL_SIMULATOR=off`,
  );
  return { simulator, connector: simulatorConnector(config, bound) };
}

/** The callback worker on a thread of its own, with its own connection (the write lock shared). */
function startCallbackThread(config: Config, o: { logger: Logger; lockMemory?: SharedArrayBuffer | undefined }): Promise<CallbacksRole> {
  return startRoleThread(new URL('./callback-thread.ts', import.meta.url), { config, lockMemory: o.lockMemory ?? null }, {}, { name: 'the callback thread', logger: o.logger });
}

export async function startWorkerRole(config: Config, o: { database: Database; logger: Logger; registry: Registry; writeLock?: WriteLock; lockMemory?: SharedArrayBuffer }): Promise<WorkerRole> {
  const connectors = new SqlConnectorStore(o.database);
  const routes = new SqlRouteStore(o.database);
  const embedded = config.simulator.embedded === 'auto' && (await connectors.list()).length === 0 ? await embeddedSimulator(config, o.logger) : null;
  const engine = new Engine({
    store: dispatchStore(o.database, o.writeLock ? { serialize: o.writeLock } : {}),
    inbound: new SqlInboundStore(o.database),
    connectors,
    openLink: (c, events) => new SmppLink(c, events, { logger: o.logger }),
    extra: embedded ? [embedded.connector] : [],
    lane: {
      workerId: config.engine.workerId,
      leaseMs: config.engine.leaseMs,
      claimBatch: 1000,
      pollMs: config.engine.pollMs,
      maxAttempts: 3,
      parkRetryMs: 2000,
      orphanAfterMs: config.engine.receiptParkMs,
    },
    reapEveryMs: config.engine.reapEveryMs,
    receiptGraceMs: config.engine.receiptGraceMs,
    refreshEveryMs: 2000,
    routes: () => routes.list(),
    failoverAfterMs: config.engine.failoverAfterMs,
    logger: o.logger,
  });
  await engine.start();
  registerEngineMetrics(o.registry, () => engine.snapshot());
  const callbacks = config.callbacks.thread ? await startCallbackThread(config, o) : startCallbacks(config, o);
  const jobs = campaignJobs(o.database, { owner: `${config.engine.workerId}/jobs`, pollMs: config.engine.pollMs, logger: o.logger });
  jobs.start();
  return {
    live: (id) => engine.status(id),
    simulator: embedded?.simulator ?? null,
    async close() {
      await jobs.stop();
      await engine.stop();
      await callbacks.close(); // after the engine: its last receipts may enqueue callbacks
      await embedded?.simulator.close();
    },
  };
}
