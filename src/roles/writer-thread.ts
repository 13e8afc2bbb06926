// Entry point of the writer thread: the process's single database writer. Every API thread
// (the main one included) sends it accepted messages over its own port; it commits them in
// group transactions and answers each batch after its commit. Off the HTTP threads, the
// synchronous SQLite commit (and its fsync) no longer stalls request handling.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createMetrics } from '../api/metrics.ts';
import type { Config } from '../config/config.ts';
import type { MessageRecord } from '../gateway/ports.ts';
import { openConfiguredDatabase } from './open-database.ts';
import { SqlMessageStore } from '../storage/message-repository.ts';
import { createMessageCommitter } from './committer.ts';
import { Rpc } from './rpc.ts';

const { config } = workerData as { config: Config };
const database = await openConfiguredDatabase(config);
const store = new SqlMessageStore(database);
const metrics = createMetrics({ processMetrics: false });
const committer = createMessageCommitter(store, config, metrics);

const clients: MessagePort[] = [];
new Rpc(parentPort!, {
  /** A port for one API thread: its commits arrive there. */
  connect(port: MessagePort) {
    clients.push(port);
    new Rpc(port, { commit: (records: MessageRecord[]) => committer.add(records) });
  },
  collect: () => metrics.registry.getMetricsAsJSON(),
  async close() {
    await committer.drain();
    await database.close();
    for (const c of clients) c.close();
  },
});
