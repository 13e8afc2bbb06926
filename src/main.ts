// Composition root: builds every object from a Config, starts the roles, and shuts them down
// in order (stop accepting → commit what is in flight → close the database).
//
// One process has one writer: the group committer in the main thread. The API role runs in
// this thread (PETREL_API_THREADS=1) or in API threads that share the port and send accepted
// messages here, so both cores serve HTTP while SQLite keeps its single writer.

import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { createMetrics, type Metrics } from './api/metrics.ts';
import type { Config } from './config/config.ts';
import { GroupCommitter } from './gateway/group-commit.ts';
import type { MessageRecord } from './gateway/ports.ts';
import { Tenancy, type CreatedKey } from './gateway/tenancy.ts';
import { createLogger } from './logger.ts';
import { startApiRole, type ApiRole } from './roles/api-role.ts';
import { startApiThreads } from './roles/api-threads.ts';
import { migrate, openDatabase, type Database } from './storage/database.ts';
import { SqlMessageStore } from './storage/message-repository.ts';
import { SqlTenancyStore } from './storage/tenancy-repository.ts';

export type Role = 'api' | 'worker';

export interface Petrel {
  url: string | null;
  database: Database;
  bootstrapKey: CreatedKey | null;
  logger: Logger;
  close(): Promise<void>;
}

/** Opens the database and applies migrations: what `petrel migrate` and every role start with. */
export async function openStorage(config: Config): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteSynchronous: config.sqliteSynchronous,
    ...(config.pgSchema ? { pgSchema: config.pgSchema } : {}),
  });
  await migrate(database);
  return database;
}

function createCommitter(messages: SqlMessageStore, config: Config, metrics: Metrics): GroupCommitter<MessageRecord> {
  return new GroupCommitter<MessageRecord>((records) => messages.insert(records), {
    maxBatch: config.commitMaxBatch,
    maxDelayMs: config.commitMaxDelayMs,
    onBatch(items, _requests, ms) {
      metrics.commitBatchSize.observe(items);
      metrics.commitSeconds.observe(ms / 1000);
    },
  });
}

/**
 * The API role on `threads` threads: this one (which also writes) and threads-1 API threads
 * sharing its port. Two busy threads on two cores beat three: measured 11.9k/s with two API
 * threads beside a writer-only main thread (bench/RESULTS.md).
 */
async function startApi(
  config: Config,
  threads: number,
  w: { database: Database; logger: Logger; metrics: Metrics; commit: (r: readonly MessageRecord[]) => Promise<void> },
): Promise<ApiRole> {
  let helpers: ApiRole | null = null;
  const renderMetrics = () => (helpers ? helpers.renderMetrics() : w.metrics.registry.metrics());
  const local = await startApiRole({ config, ...w, renderMetrics, reusePort: threads > 1 });
  if (threads > 1) {
    const port = Number(new URL(local.url).port);
    helpers = await startApiThreads({ ...config, port }, threads - 1, { commit: w.commit, metrics: w.metrics, logger: w.logger });
  }
  return {
    url: local.url,
    renderMetrics,
    async close() {
      await Promise.all([local.close(), helpers?.close()]);
    },
  };
}

export async function startPetrel(config: Config, roles: readonly Role[], logger: Logger = createLogger(config)): Promise<Petrel> {
  const database = await openStorage(config);
  const bootstrapKey = await new Tenancy(new SqlTenancyStore(database)).bootstrap(config.bootstrapApiKey);
  const metrics = createMetrics();
  const committer = createCommitter(new SqlMessageStore(database), config, metrics);
  const commit = (records: readonly MessageRecord[]) => committer.add(records);

  let api: ApiRole | null = null;
  if (roles.includes('api')) {
    const threads = config.apiThreads || availableParallelism();
    api = await startApi(config, threads, { database, logger, metrics, commit });
    logger.info({ threads }, 'api role started');
  }
  if (roles.includes('worker')) {
    // The delivery engine (dispatch lanes, receipts) runs in this role once it exists; accepted
    // messages wait as `queued` in the database until then.
    logger.info('worker role: no dispatch is configured yet; accepted messages stay queued');
  }
  logger.info({ url: api?.url ?? null, database: database.location, dialect: database.dialect, roles }, 'petrel started');

  let closing: Promise<void> | null = null;
  return {
    url: api?.url ?? null,
    database,
    bootstrapKey,
    logger,
    close() {
      closing ??= (async () => {
        if (api) await api.close(); // stops accepting; in-flight requests finish (they await their commit)
        await committer.drain();
        await database.close();
        logger.info('petrel stopped');
      })();
      return closing;
    },
  };
}
