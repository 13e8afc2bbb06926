// Entry point of an API thread: a composition root of its own (threads share no objects).
// It serves HTTP on the shared port and sends accepted messages to the writer in the main
// thread, grouped per event-loop turn, answering each request after the writer's commit.

import { parentPort, workerData } from 'node:worker_threads';
import { createMetrics } from '../api/metrics.ts';
import { GroupCommitter } from '../gateway/group-commit.ts';
import type { MessageRecord } from '../gateway/ports.ts';
import { createLogger } from '../logger.ts';
import { openDatabase } from '../storage/database.ts';
import { startApiRole } from './api-role.ts';
import type { ApiThreadData, FromWriter, ToWriter } from './protocol.ts';

const port = parentPort!;
const { config, port: listenPort } = workerData as ApiThreadData;
const logger = createLogger(config);
const send = (m: ToWriter) => port.postMessage(m);

let nextId = 1;
const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
function ask<T>(make: (id: number) => ToWriter): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send(make(id));
  });
}

const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  sqliteSynchronous: config.sqliteSynchronous,
  poolSize: 4,
  ...(config.pgSchema ? { pgSchema: config.pgSchema } : {}),
});
const metrics = createMetrics({ processMetrics: false });
// One message to the writer per event-loop turn instead of one per request.
const toWriter = new GroupCommitter<MessageRecord>((records) => ask<void>((id) => ({ t: 'commit', id, records })), {
  maxBatch: config.commitMaxBatch,
  maxDelayMs: 0,
});

const api = await startApiRole({
  config,
  database,
  logger,
  metrics,
  commit: (records) => toWriter.add(records),
  renderMetrics: () => ask<string>((id) => ({ t: 'metrics', id })),
  port: listenPort,
  reusePort: true,
});

port.on('message', async (m: FromWriter) => {
  switch (m.t) {
    case 'committed':
    case 'metrics': {
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.resolve(m.t === 'metrics' ? m.text : undefined);
      return;
    }
    case 'failed': {
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.reject(new Error(m.message));
      return;
    }
    case 'collect':
      return send({ t: 'collected', id: m.id, metrics: (await metrics.registry.getMetricsAsJSON()) as never });
    case 'close':
      await api.close();
      await toWriter.drain();
      await database.close();
      send({ t: 'closed' });
      port.close();
      return;
  }
});

send({ t: 'listening', url: api.url });
