// The API role on every core: the main thread and threads-1 API threads serve HTTP on one port
// (SO_REUSEPORT). Each thread group-commits what it accepted through its own connection; with
// SQLite a lock shared by the threads lets one of them at a time write, so SQLite never sees
// two writers. Measured against a dedicated writer thread in bench/RESULTS.md.

import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import type { EngineView } from '../api/deps.ts';
import type { Metrics } from '../api/metrics.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../storage/database.ts';
import { startApiRole, type ApiRole } from './api-role.ts';
import { Rpc } from './rpc.ts';
import { writeLock } from './write-lock.ts';

type MetricsJson = Awaited<ReturnType<Metrics['registry']['getMetricsAsJSON']>>;

interface Thread {
  worker: Worker;
  rpc: Rpc;
}

function startThread(workerData: object, handlers: Record<string, (b: any) => unknown>, onCrash: (e: Error) => void): Thread {
  const worker = new Worker(new URL('./api-thread.ts', import.meta.url), { workerData });
  worker.on('error', onCrash);
  worker.on('exit', (code) => onCrash(new Error(`an API thread exited with code ${code}`)));
  return { worker, rpc: new Rpc(worker, handlers) };
}

export async function startThreadedApi(
  config: Config,
  threads: number,
  o: { database: Database; logger: Logger; metrics: Metrics; engine: EngineView; lockMemory: SharedArrayBuffer },
): Promise<ApiRole> {
  // A dead thread would leave its callers waiting forever: exit instead, so a supervisor
  // restarts Petrel. Nothing acknowledged is lost: answers go out only after commits.
  let closing = false;
  const onCrash = (err: Error) => {
    if (closing) return;
    o.logger.fatal({ err }, 'a Petrel thread died; exiting');
    process.exit(1);
  };
  const { lockMemory } = o;
  const helpers: Thread[] = [];
  const renderMetrics = async () => {
    const parts = await Promise.all([o.metrics.registry.getMetricsAsJSON(), ...helpers.map((t) => t.rpc.call<MetricsJson>('collect'))]);
    return AggregatorRegistry.aggregate(parts).metrics();
  };

  const local = await startApiRole({ config, ...o, renderMetrics, writeLock: writeLock(lockMemory), reusePort: true });
  const port = Number(new URL(local.url).port);
  for (let i = 1; i < threads; i++) {
    let listening!: () => void;
    const started = new Promise<void>((resolve) => (listening = resolve));
    const handlers = {
      listening: () => listening(),
      metrics: () => renderMetrics(),
      live: (id: number) => o.engine.live(id),
      inject: (m: Parameters<EngineView['inject']>[0]) => o.engine.inject(m),
    };
    helpers.push(startThread({ config: { ...config, port }, lockMemory }, handlers, onCrash));
    await started;
  }

  return {
    url: local.url,
    renderMetrics,
    async close() {
      closing = true;
      // Stop accepting everywhere; requests in flight finish after their commits.
      await Promise.all([local.close(), ...helpers.map((t) => t.rpc.call('close'))]);
      await Promise.all(helpers.map((t) => t.worker.terminate()));
    },
  };
}

