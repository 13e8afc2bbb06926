// The API role on every core: the main thread and threads-1 API threads serve HTTP on one port
// (SO_REUSEPORT). Each thread group-commits what it accepted through its own connection; with
// SQLite a lock shared by the threads lets one of them at a time write, so SQLite never sees
// two writers. Measured against a dedicated writer thread in bench/RESULTS.md.

import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import type { EngineView } from '../api/deps.ts';
import type { Metrics } from '../api/metrics.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../storage/database.ts';
import { startApiRole, type ApiRole } from './api-role.ts';
import { startRoleThread, type RoleThread } from './role-thread.ts';
import { startedFlag } from './started.ts';
import { writeLock } from './write-lock.ts';

type MetricsJson = Awaited<ReturnType<Metrics['registry']['getMetricsAsJSON']>>;

export async function startThreadedApi(
  config: Config,
  threads: number,
  o: { database: Database; logger: Logger; metrics: Metrics; engine: EngineView; lockMemory: SharedArrayBuffer; startedMemory: SharedArrayBuffer },
): Promise<ApiRole> {
  const { lockMemory, startedMemory } = o;
  const started = startedFlag(startedMemory);
  const helpers: RoleThread[] = [];
  const renderMetrics = async () => {
    const parts = await Promise.all([o.metrics.registry.getMetricsAsJSON(), ...helpers.map((t) => t.rpc.call<MetricsJson>('collect'))]);
    return AggregatorRegistry.aggregate(parts).metrics();
  };

  const local = await startApiRole({ config, ...o, renderMetrics, writeLock: writeLock(lockMemory, 'intake'), reusePort: true, started: () => started.up, periodic: true });
  const port = Number(new URL(local.url).port);
  const handlers = {
    metrics: () => renderMetrics(),
    live: (id: number) => o.engine.live(id),
    inject: (m: Parameters<EngineView['inject']>[0]) => o.engine.inject(m),
  };
  for (let i = 1; i < threads; i++) {
    helpers.push(await startRoleThread(new URL('./api-thread.ts', import.meta.url), { config: { ...config, port }, lockMemory, startedMemory }, handlers, { name: 'an API thread', logger: o.logger }));
  }

  return {
    url: local.url,
    renderMetrics,
    async close() {
      // Stop accepting everywhere; requests in flight finish after their commits.
      await Promise.all([local.close(), ...helpers.map((t) => t.close())]);
    },
  };
}
