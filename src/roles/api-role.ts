// The API role: storage for reads, tenancy, the submit pipeline and the HTTP server, with
// commits going wherever the caller says (the process's own committer, or the writer thread).
// The same function serves `petrel start` in one thread and each API thread.

import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { buildApi } from '../api/server.ts';
import type { Metrics } from '../api/metrics.ts';
import type { MessageRecord } from '../gateway/ports.ts';
import { submit, type SubmitDeps } from '../gateway/submit.ts';
import { Tenancy } from '../gateway/tenancy.ts';
import { ping, type Database } from '../storage/database.ts';
import { SqlMessageStore } from '../storage/message-repository.ts';
import { SqlTenancyStore } from '../storage/tenancy-repository.ts';

export interface ApiRoleOptions {
  config: Config;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  /** Resolves once the records are committed. */
  commit(records: readonly MessageRecord[]): Promise<void>;
  renderMetrics(): Promise<string>;
  /** Listen on `port` instead of config.port (API threads share one port). */
  port?: number;
  reusePort?: boolean;
}

export interface ApiRole {
  url: string;
  /** Prometheus text of the whole process. */
  renderMetrics(): Promise<string>;
  /** Stops accepting and waits for requests in flight, which wait for their commits. */
  close(): Promise<void>;
}

export async function startApiRole(o: ApiRoleOptions): Promise<ApiRole> {
  const tenancy = new Tenancy(new SqlTenancyStore(o.database));
  const deps: SubmitDeps = {
    limits: { maxTextCharacters: o.config.maxTextCharacters, maxRecipients: o.config.maxRecipients },
    prices: (id) => tenancy.prices(id),
    async commit(records) {
      await o.commit(records);
      o.metrics.acceptedMessages.inc({ state: records[0]!.state }, records.length);
    },
  };
  const app = await buildApi({
    config: o.config,
    logger: o.logger,
    tenancy,
    messages: new SqlMessageStore(o.database),
    metrics: o.metrics,
    renderMetrics: o.renderMetrics,
    submit: (req, principal) => submit(req, principal, deps),
    ready: () => ping(o.database),
  });
  // `reusePort` (Node ≥ 22.12) lets every API thread accept on the same port; the kernel
  // spreads connections across them.
  const listen = { port: o.port ?? o.config.port, host: o.config.host, ...(o.reusePort ? { reusePort: true } : {}) };
  const url = await app.listen(listen);
  return { url, renderMetrics: o.renderMetrics, close: () => app.close() };
}
