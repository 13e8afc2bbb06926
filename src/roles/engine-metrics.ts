// Prometheus metrics of the delivery engine, read from the lanes' counters when /metrics is
// scraped (the lanes count anyway; nothing is done per message for metrics).

import { Counter, Gauge, type Registry } from 'prom-client';
import type { ConnectorLive } from '../engine/engine.ts';
import type { LaneCounters } from '../engine/lane.ts';

type Snapshot = () => Array<{ connector: string; live: ConnectorLive }>;

const COUNTERS: Array<[keyof LaneCounters, string]> = [
  ['submitted', 'Messages whose every part the SMSC accepted'],
  ['failed', 'Messages the SMSC refused (permanent error) or that could not be encoded'],
  ['unknown', 'Messages sent without an answer (timeout, lost connection)'],
  ['expired', 'Messages past their validity before they could be sent'],
  ['receipts', 'Delivery receipts recorded'],
  ['parked', 'Delivery receipts that arrived before their submit_sm_resp (parked)'],
  ['orphans', 'Delivery receipts that never matched a message'],
  ['throttled', 'submit_sm answered ESME_RTHROTTLED or ESME_RMSGQFUL'],
];

export function registerEngineMetrics(registry: Registry, snapshot: Snapshot): void {
  for (const [key, help] of COUNTERS) {
    new Counter({
      name: `petrel_engine_${key}_total`,
      help: `${help}, by connector, since the lane started`,
      labelNames: ['connector'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { connector, live } of snapshot()) this.inc({ connector }, live.counters[key]);
      },
    });
  }
  const gauges: Array<[string, string, (l: ConnectorLive) => number]> = [
    ['petrel_engine_sessions_bound', 'SMPP sessions bound', (l) => l.bound],
    ['petrel_engine_in_flight', 'submit_sm awaiting their response', (l) => l.inFlight],
    ['petrel_engine_held', 'Messages claimed by the lane, not yet sent', (l) => l.held],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help: `${help}, by connector`,
      labelNames: ['connector'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { connector, live } of snapshot()) this.set({ connector }, read(live));
      },
    });
  }
}
