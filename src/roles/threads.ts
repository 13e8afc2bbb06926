// The API role on both cores: the main thread and threads-1 API threads serve HTTP on one
// port (SO_REUSEPORT), and a writer thread is the process's single database writer.
// Measured on 2 cores (bench/RESULTS.md): with the writer inside the main thread, the main
// thread ran at 86% of a core and the API thread at 38%, waiting for the main thread's commits.

import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import type { Metrics } from '../api/metrics.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../storage/database.ts';
import { startApiRole, type ApiRole } from './api-role.ts';
import { Rpc } from './rpc.ts';
import { connectWriter } from './writer-client.ts';

type MetricsJson = Awaited<ReturnType<Metrics['registry']['getMetricsAsJSON']>>;

interface Thread {
  worker: Worker;
  rpc: Rpc;
}

function startThread(file: string, workerData: object, transfer: MessagePort[], handlers: Record<string, (b: any) => unknown>, onCrash: (e: Error) => void): Thread {
  const worker = new Worker(new URL(file, import.meta.url), { workerData, transferList: transfer as never });
  worker.on('error', onCrash);
  worker.on('exit', (code) => onCrash(new Error(`${file} exited with code ${code}`)));
  return { worker, rpc: new Rpc(worker, handlers) };
}

/** A port pair whose one end the writer thread serves; the other end is returned. */
async function writerPort(writer: Thread): Promise<MessagePort> {
  const { port1, port2 } = new MessageChannel();
  await writer.rpc.call('connect', port1, [port1]);
  return port2;
}

export async function startThreadedApi(
  config: Config,
  threads: number,
  o: { database: Database; logger: Logger; metrics: Metrics },
): Promise<ApiRole> {
  // A dead thread would leave its callers waiting forever: exit instead, so a supervisor
  // restarts Petrel. Nothing acknowledged is lost: answers go out only after commits.
  let closing = false;
  const onCrash = (err: Error) => {
    if (closing) return;
    o.logger.fatal({ err }, 'a Petrel thread died; exiting');
    process.exit(1);
  };
  const writer = startThread('./writer-thread.ts', { config }, [], {}, onCrash);
  const helpers: Thread[] = [];

  const renderMetrics = async () => {
    const parts = await Promise.all([
      o.metrics.registry.getMetricsAsJSON(),
      writer.rpc.call<MetricsJson>('collect'),
      ...helpers.map((t) => t.rpc.call<MetricsJson>('collect')),
    ]);
    return AggregatorRegistry.aggregate(parts).metrics();
  };

  const mainWriter = connectWriter(await writerPort(writer), config.commitMaxBatch);
  const local = await startApiRole({ config, ...o, commit: (r) => mainWriter.commit(r), renderMetrics, reusePort: true });
  const port = Number(new URL(local.url).port);
  for (let i = 1; i < threads; i++) {
    const toWriter = await writerPort(writer);
    let listening!: () => void;
    const started = new Promise<void>((resolve) => (listening = resolve));
    const t = startThread(
      './api-thread.ts',
      { config: { ...config, port }, writerPort: toWriter },
      [toWriter],
      { listening: () => listening(), metrics: () => renderMetrics() },
      onCrash,
    );
    helpers.push(t);
    await started;
  }

  return {
    url: local.url,
    renderMetrics,
    async close() {
      closing = true;
      // Stop accepting everywhere; requests in flight finish after their commits; then the writer.
      await Promise.all([local.close(), ...helpers.map((t) => t.rpc.call('close'))]);
      await mainWriter.drain();
      await writer.rpc.call('close');
      await Promise.all([...helpers, writer].map((t) => t.worker.terminate()));
    },
  };
}
