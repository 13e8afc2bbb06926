// Entry point of an extra API thread: a composition root of its own (threads share no
// objects). It serves HTTP on the main thread's port (SO_REUSEPORT), reads through its own
// database connection, and sends accepted messages to the writer thread.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createMetrics } from '../api/metrics.ts';
import type { Config } from '../config/config.ts';
import { createLogger } from '../logger.ts';
import { openConfiguredDatabase } from './open-database.ts';
import { startApiRole } from './api-role.ts';
import { Rpc } from './rpc.ts';
import { connectWriter } from './writer-client.ts';

const { config, writerPort } = workerData as { config: Config; writerPort: MessagePort };
const database = await openConfiguredDatabase(config, { poolSize: 4 }); // reads only: a small pool
const metrics = createMetrics({ processMetrics: false });
const writer = connectWriter(writerPort, config.commitMaxBatch);
const main: Rpc = new Rpc(parentPort!, {
  collect: () => metrics.registry.getMetricsAsJSON(),
  async close() {
    await api.close(); // in-flight requests finish: they wait for their commits
    await writer.drain();
    await database.close();
    writerPort.close();
  },
});
const api = await startApiRole({
  config,
  database,
  logger: createLogger(config),
  metrics,
  commit: (records) => writer.commit(records),
  renderMetrics: () => main.call<string>('metrics'),
  reusePort: true,
});
await main.call('listening', api.url);
