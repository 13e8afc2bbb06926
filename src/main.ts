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
import { Tenancy, type CreatedKey } from './gateway/tenancy.ts';
import { createLogger } from './logger.ts';
import { startApiRole, type ApiRole } from './roles/api-role.ts';
import { startThreadedApi } from './roles/threads.ts';
import { openConfiguredDatabase } from './roles/open-database.ts';
import { migrate, type Database } from './storage/database.ts';
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
  const database = await openConfiguredDatabase(config);
  await migrate(database);
  return database;
}

/** The API role: in this thread alone (PETREL_API_THREADS=1), or on every core (roles/threads.ts). */
async function startApi(config: Config, o: { database: Database; logger: Logger; metrics: Metrics }): Promise<ApiRole> {
  const threads = config.apiThreads || availableParallelism();
  o.logger.info({ threads }, 'starting the api role');
  if (threads > 1) return startThreadedApi(config, threads, o);
  return startApiRole({ config, ...o, renderMetrics: () => o.metrics.registry.metrics() });
}

export async function startPetrel(config: Config, roles: readonly Role[], logger: Logger = createLogger(config)): Promise<Petrel> {
  const database = await openStorage(config);
  const bootstrapKey = await new Tenancy(new SqlTenancyStore(database)).bootstrap(config.bootstrapApiKey);
  const metrics = createMetrics();
  const api = roles.includes('api') ? await startApi(config, { database, logger, metrics }) : null;
  // The delivery engine (dispatch lanes, receipts) runs in the worker role once it exists;
  // accepted messages wait as `queued` until then. The role still runs until it is stopped,
  // as a process manager expects of a service.
  const worker = roles.includes('worker') ? setInterval(() => {}, 3_600_000) : null;
  if (worker) logger.info('worker role: no dispatch is configured yet; accepted messages stay queued');
  logger.info({ url: api?.url ?? null, database: database.location, dialect: database.dialect, roles }, 'petrel started');

  let closing: Promise<void> | null = null;
  return {
    url: api?.url ?? null,
    database,
    bootstrapKey,
    logger,
    close() {
      closing ??= (async () => {
        if (worker) clearInterval(worker);
        if (api) await api.close(); // stops accepting; what is in flight is committed first
        await database.close();
        logger.info('petrel stopped');
      })();
      return closing;
    },
  };
}
