// The main thread's side of the API threads: starts them on the port the main thread already
// listens on (SO_REUSEPORT), commits what they send through the process's single writer,
// aggregates their metrics with the main thread's, and closes them.

import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import type { Metrics } from '../api/metrics.ts';
import type { Config } from '../config/config.ts';
import type { MessageRecord } from '../gateway/ports.ts';
import type { ApiRole } from './api-role.ts';
import type { ApiThreadData, FromWriter, MetricsJson, ToWriter } from './protocol.ts';

export interface WriterSide {
  commit(records: readonly MessageRecord[]): Promise<void>;
  metrics: Metrics;
  logger: Logger;
}

class ApiThread {
  readonly worker: Worker;
  readonly #writer: WriterSide;
  readonly #collecting = new Map<number, (m: MetricsJson) => void>();
  #nextCollect = 1;
  readonly listening: Promise<string>;
  readonly closed: Promise<void>;
  #aggregate: () => Promise<string>;

  constructor(data: ApiThreadData, writer: WriterSide, aggregate: () => Promise<string>) {
    this.#writer = writer;
    this.#aggregate = aggregate;
    this.worker = new Worker(new URL('./api-thread.ts', import.meta.url), { workerData: data });
    let onListening!: (url: string) => void;
    let onClosed!: () => void;
    this.listening = new Promise((resolve, reject) => {
      onListening = resolve;
      this.worker.once('error', reject);
    });
    this.closed = new Promise((resolve) => (onClosed = resolve));
    this.worker.on('message', (m: ToWriter) => this.#onMessage(m, onListening, onClosed));
    this.worker.once('exit', () => onClosed());
  }

  #reply(m: FromWriter): void {
    this.worker.postMessage(m);
  }

  #onMessage(m: ToWriter, onListening: (url: string) => void, onClosed: () => void): void {
    switch (m.t) {
      case 'listening':
        return onListening(m.url);
      case 'commit':
        this.#writer.commit(m.records).then(
          () => this.#reply({ t: 'committed', id: m.id }),
          (e: Error) => {
            this.#writer.logger.error({ err: e }, 'commit failed');
            this.#reply({ t: 'failed', id: m.id, message: e.message });
          },
        );
        return;
      case 'metrics':
        this.#aggregate().then((text) => this.#reply({ t: 'metrics', id: m.id, text }));
        return;
      case 'collected':
        this.#collecting.get(m.id)?.(m.metrics);
        this.#collecting.delete(m.id);
        return;
      case 'closed':
        return onClosed();
    }
  }

  collect(): Promise<MetricsJson> {
    const id = this.#nextCollect++;
    return new Promise((resolve) => {
      this.#collecting.set(id, resolve);
      this.#reply({ t: 'collect', id });
    });
  }

  async close(): Promise<void> {
    this.#reply({ t: 'close' });
    await this.closed;
  }
}

export async function startApiThreads(config: Config, count: number, writer: WriterSide): Promise<ApiRole> {
  const threads: ApiThread[] = [];
  const aggregate = async () => {
    const parts = await Promise.all([writer.metrics.registry.getMetricsAsJSON(), ...threads.map((t) => t.collect())]);
    return AggregatorRegistry.aggregate(parts as MetricsJson[]).metrics();
  };
  for (let i = 0; i < count; i++) threads.push(new ApiThread({ config, port: config.port }, writer, aggregate));
  const urls = await Promise.all(threads.map((t) => t.listening));
  return {
    url: urls[0]!,
    renderMetrics: aggregate,
    async close() {
      await Promise.all(threads.map((t) => t.close()));
    },
  };
}
