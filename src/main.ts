// Composition root: builds every object from a Config, starts the roles, and shuts them down
// in order (stop accepting → commit what is in flight → close the database).
//
// The API role runs in this thread (PETREL_API_THREADS=1) or on every core (API threads that
// share the port); the worker role (delivery engine, and the embedded simulator when no
// connector is configured) runs in this thread. With SQLite, every thread's writes take one
// shared lock, so SQLite sees one writer at a time.

import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { createMetrics, type Metrics } from './api/metrics.ts';
import type { Config } from './config/config.ts';
import { Tenancy, type CreatedKey } from './gateway/tenancy.ts';
import { createLogger } from './logger.ts';
import type { EngineView } from './api/deps.ts';
import { startApiRole, type ApiRole } from './roles/api-role.ts';
import { startThreadedApi } from './roles/threads.ts';
import { openConfiguredDatabase } from './roles/open-database.ts';
import { startWorkerRole, type WorkerRole } from './roles/worker-role.ts';
import { newStartedMemory, startedFlag } from './roles/started.ts';
import { newLockMemory, writeLock, type WriteLock } from './roles/write-lock.ts';
import type { Database } from './storage/database.ts';
import { migrate } from './storage/migrator.ts';
import { SqlTenancyStore } from './storage/tenancy-repository.ts';
import { SqlPeopleStore } from './storage/people-repository.ts';
import { SqlAuditStore } from './storage/audit-repository.ts';
import { Users } from './people/users.ts';

export type Role = 'api' | 'worker';

export interface Petrel {
  url: string | null;
  database: Database;
  /** The worker role, when this process runs it. */
  worker: WorkerRole | null;
  bootstrapKey: CreatedKey | null;
  /** The first administrator's sign-in, when this start created it (no user existed). */
  bootstrapAdmin: { email: string; password: string } | null;
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
async function startApi(
  config: Config,
  threads: number,
  o: { database: Database; logger: Logger; metrics: Metrics; engine: EngineView; lockMemory: SharedArrayBuffer; startedMemory: SharedArrayBuffer; lock: WriteLock | undefined },
): Promise<ApiRole> {
  o.logger.info({ threads }, 'starting the api role');
  const { lock, ...rest } = o;
  if (threads > 1) return startThreadedApi(config, threads, rest);
  const started = startedFlag(o.startedMemory);
  return startApiRole({
    config,
    ...rest,
    ...(lock ? { writeLock: writeLock(o.lockMemory, 'intake') } : {}),
    renderMetrics: () => o.metrics.registry.metrics(),
    started: () => started.up,
    periodic: true,
  });
}

/**
 * Starts the roles; `announce` (the CLI's banner) runs once all are up, and /readyz answers
 * ready from then on.
 */
export async function startPetrel(config: Config, roles: readonly Role[], logger: Logger = createLogger(config), announce?: (petrel: Petrel) => void): Promise<Petrel> {
  const database = await openStorage(config);
  const tenancyStore = new SqlTenancyStore(database);
  const bootstrapKey = await new Tenancy(tenancyStore).bootstrap(config.bootstrapApiKey);
  const bootstrapAdmin = await new Users(new SqlPeopleStore(database), new SqlAuditStore(database)).bootstrap(await tenancyStore.operatorAccountId(), config.adminEmail, Date.now());
  const metrics = createMetrics();
  const threads = roles.includes('api') ? config.apiThreads || availableParallelism() : 1;
  // One lock for every thread of this process that writes (API threads, the worker role).
  const lockMemory = newLockMemory();
  const startedMemory = newStartedMemory();
  const runsWorker = roles.includes('worker');
  const lock = database.sqlite && (threads > 1 || (runsWorker && config.callbacks.thread)) ? writeLock(lockMemory) : undefined;
  let worker: WorkerRole | null = null;
  const engine: EngineView = {
    live: async (id) => worker?.live(id) ?? null,
    inject: async (m) => (worker?.simulator ? worker.simulator.inject(m) : null),
  };
  // The worker role first, so that the API's port opens with the embedded simulator's endpoints
  // and the engine's live status working; /readyz says ready once the banner is out as well.
  if (runsWorker) worker = await startWorkerRole(config, { database, logger, registry: metrics.registry, ...(lock ? { writeLock: lock, lockMemory } : {}) });
  const api = roles.includes('api') ? await startApi(config, threads, { database, logger, metrics, engine, lockMemory, startedMemory, lock }) : null;
  logger.info({ url: api?.url ?? null, database: database.location, dialect: database.dialect, roles }, 'petrel started');

  let closing: Promise<void> | null = null;
  const petrel: Petrel = {
    url: api?.url ?? null,
    database,
    worker,
    bootstrapKey,
    bootstrapAdmin,
    logger,
    close() {
      closing ??= (async () => {
        if (api) await api.close(); // stops accepting; what is in flight is committed first
        await worker?.close(); // lanes finish what is on the wire, then unbind
        await database.close();
        logger.info('petrel stopped');
      })();
      return closing;
    },
  };
  announce?.(petrel);
  startedFlag(startedMemory).raise();
  return petrel;
}
