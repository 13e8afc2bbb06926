// Prometheus metrics. One registry per process (or thread); /metrics exposes it.

import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  acceptedMessages: Counter<'state'>;
  commitBatchSize: Histogram;
  commitSeconds: Histogram;
}

/** `processMetrics`: Node's process metrics (CPU, memory, event loop); one registry per process has them. */
export function createMetrics(opts: { processMetrics: boolean } = { processMetrics: true }): Metrics {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'petrel_' });
  return {
    registry,
    httpRequests: new Counter({ name: 'petrel_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [registry] }),
    acceptedMessages: new Counter({ name: 'petrel_messages_accepted_total', help: 'Messages committed by intake, by initial state', labelNames: ['state'], registers: [registry] }),
    commitBatchSize: new Histogram({
      name: 'petrel_commit_batch_messages',
      help: 'Messages per group-commit transaction',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000],
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'petrel_commit_seconds',
      help: 'Time to write and commit one group-commit transaction',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}
