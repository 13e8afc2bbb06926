// Entry point of an extra API thread: a composition root of its own (threads share no
// objects). It runs the API role on the main thread's port (SO_REUSEPORT), committing through
// its own connection under the process's write lock.

import { parentPort, workerData } from 'node:worker_threads';
import { createMetrics } from '../api/metrics.ts';
import type { Config } from '../config/config.ts';
import { createLogger } from '../logger.ts';
import { startApiRole } from './api-role.ts';
import { openConfiguredDatabase } from './open-database.ts';
import { Rpc } from './rpc.ts';
import { startedFlag } from './started.ts';
import { writeLock } from './write-lock.ts';

const { config, lockMemory, startedMemory } = workerData as { config: Config; lockMemory: SharedArrayBuffer; startedMemory: SharedArrayBuffer };
const started = startedFlag(startedMemory);
const database = await openConfiguredDatabase(config);
const metrics = createMetrics({ processMetrics: false });
const main: Rpc = new Rpc(parentPort!, {
  collect: () => metrics.registry.getMetricsAsJSON(),
  async close() {
    await api.close(); // in-flight requests finish: they wait for their commits
    await database.close();
  },
});
const api = await startApiRole({
  config,
  database,
  logger: createLogger(config),
  metrics,
  renderMetrics: () => main.call<string>('metrics'),
  // The worker role runs in the main thread.
  engine: { live: (id) => main.call('live', id), inject: (m) => main.call('inject', m) },
  writeLock: writeLock(lockMemory, 'intake'),
  reusePort: true,
  started: () => started.up,
});
await main.call('ready');
