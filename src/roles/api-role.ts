// The API role on one thread: storage for reads, tenancy, the submit pipeline, the HTTP server,
// and the thread's group committer. `petrel start` runs it in the main thread alone, or in the
// main thread and each API thread (roles/threads.ts), sharing a port and a write lock.

import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { buildApi } from '../api/server.ts';
import type { EngineView } from '../api/deps.ts';
import type { Metrics } from '../api/metrics.ts';
import { GroupCommitter } from '../gateway/group-commit.ts';
import type { InsertResult, MessageRecord, Principal, Submission } from '../gateway/ports.ts';
import type { CodeTexts } from '../people/ports.ts';
import { ValidationError } from '../domain/errors.ts';
import { submit, type SubmitDeps, type SubmitRequest } from '../gateway/submit.ts';
import { Router } from '../gateway/router.ts';
import { SqlRouteStore } from '../storage/route-repository.ts';
import { callbackStore } from '../storage/callback-repository.ts';
import { SqlBlacklistStore } from '../storage/blacklist-repository.ts';
import { SqlInboundStore, SqlNumberStore } from '../storage/inbound-repository.ts';
import { Tenancy } from '../gateway/tenancy.ts';
import { ping, type Database } from '../storage/database.ts';
import { SqlConnectorStore } from '../storage/connector-repository.ts';
import { dispatchStore } from '../storage/dispatch-repository.ts';
import { SqlMessageStore } from '../storage/message-repository.ts';
import { SqlTenancyStore } from '../storage/tenancy-repository.ts';
import { campaignsFor } from './campaigns.ts';
import { startPeople } from './people.ts';
import type { WriteLock } from './write-lock.ts';

export interface ApiRoleOptions {
  config: Config;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  renderMetrics(): Promise<string>;
  engine: EngineView;
  /** With several API threads on SQLite: the lock that keeps their commits one at a time. */
  writeLock?: WriteLock;
  /** Listen with SO_REUSEPORT, so that several threads accept on one port. */
  reusePort?: boolean;
  /** Every role of the process is up (roles/started.ts). */
  started(): boolean;
  /** This thread runs the people area's periodic jobs (mail retries, budget alerts): the main one. */
  periodic?: boolean;
}

export interface ApiRole {
  url: string;
  /** Prometheus text of the whole process. */
  renderMetrics(): Promise<string>;
  /** Stops accepting, lets requests in flight finish (they wait for their commits), drains. */
  close(): Promise<void>;
}

export async function startApiRole(o: ApiRoleOptions): Promise<ApiRole> {
  const messages = new SqlMessageStore(o.database, o.writeLock ? { serialize: o.writeLock } : {});
  const committer = new GroupCommitter<Submission, InsertResult>((submissions) => messages.insert(submissions), {
    size: (s) => s.records.length,
    maxBatch: o.config.commitMaxBatch,
    maxDelayMs: o.config.commitMaxDelayMs,
    onBatch(items, _requests, ms) {
      o.metrics.commitBatchSize.observe(items);
      o.metrics.commitSeconds.observe(ms / 1000);
    },
  });
  const tenancy = new Tenancy(new SqlTenancyStore(o.database));
  const routes = new SqlRouteStore(o.database);
  const connectors = new SqlConnectorStore(o.database);
  const router = new Router({ routes: () => routes.list(), connectors: () => connectors.list() });
  const timelines = dispatchStore(o.database);
  const callbacks = callbackStore(o.database);
  let listening = '';
  const deps: SubmitDeps = {
    limits: { maxTextCharacters: o.config.maxTextCharacters, maxRecipients: o.config.maxRecipients },
    prices: (id) => tenancy.prices(id),
    router: () => router.decider(),
    async commit(submission) {
      const r = await committer.add([submission]);
      const refused = r.refused.get(submission) ?? null;
      if (!refused) countAccepted(o.metrics, submission.records, r.blocked);
      return { blocked: r.blocked, refused };
    },
  };
  const people = startPeople(
    o.database,
    o.config,
    o.logger,
    () => o.config.publicUrl ?? listening,
    codeTexts(tenancy, (req, p) => submit(req, p, deps)),
    o.periodic ?? false,
  );
  const app = await buildApi({
    config: o.config,
    logger: o.logger,
    tenancy,
    messages,
    inbound: new SqlInboundStore(o.database),
    numbers: new SqlNumberStore(o.database),
    blacklist: new SqlBlacklistStore(o.database),
    connectors,
    routes,
    routesChanged: () => router.invalidate(),
    metrics: o.metrics,
    renderMetrics: o.renderMetrics,
    submit: (req, principal) => submit(req, principal, deps),
    ready: async () => (!o.started() ? 'starting' : (await ping(o.database)) ? 'ready' : 'database unreachable'),
    timeline: (id) => timelines.timeline(id),
    callbackAttempts: (id) => callbacks.attempts(id),
    queued: (id, unrouted) => timelines.countQueued(id, unrouted),
    engine: o.engine,
    people: people.deps,
    campaigns: campaignsFor(o.database),
  });
  // `reusePort` (Node ≥ 22.12) lets every API thread accept on the same port; the kernel
  // spreads connections across them.
  const url = await app.listen({ port: o.config.port, host: o.config.host, ...(o.reusePort ? { reusePort: true } : {}) });
  listening = url;
  return {
    url,
    renderMetrics: o.renderMetrics,
    async close() {
      await app.close();
      await committer.drain();
      await people.close();
    },
  };
}

/** Accepted messages by the state they were stored in. */
function countAccepted(metrics: Metrics, records: readonly MessageRecord[], blocked: ReadonlySet<string>): void {
  const blockedHere = blocked.size ? records.filter((m) => blocked.has(m.id)).length : 0;
  if (blockedHere) metrics.acceptedMessages.inc({ state: 'blocked' }, blockedHere);
  if (records.length > blockedHere) metrics.acceptedMessages.inc({ state: records[0]!.state }, records.length - blockedHere);
}

/**
 * Sign-in and verification codes go out as real messages through the submit pipeline, on the
 * user's account's first active traffic account (routed, priced and counted like any other).
 */
function codeTexts(tenancy: Tenancy, send: (req: SubmitRequest, p: Principal) => Promise<MessageRecord[]>): CodeTexts {
  return {
    async send(user, to, text) {
      const ta = (await tenancy.listTrafficAccounts(user.accountId)).find((t) => t.status === 'active');
      if (!ta) throw new ValidationError('invalid_parameter', 'phone', 'your account has no active traffic account to send the code with; ask your administrator');
      const principal: Principal = { keyId: null, role: 'sender', accountId: user.accountId, accountName: user.accountName, trafficAccount: ta };
      await send({ from: ta.defaultSender ?? 'Petrel', to: [to], text }, principal);
    },
  };
}
