// Composition root: reads nothing itself, builds every object from a Config, starts the roles,
// and shuts them down in order (stop accepting → commit what is in flight → close the database).

import pino, { type Logger } from 'pino';
import { buildApi } from './api/server.ts';
import { createMetrics } from './api/metrics.ts';
import type { Config } from './config/config.ts';
import { GroupCommitter } from './gateway/group-commit.ts';
import type { MessageRecord } from './gateway/ports.ts';
import { submit } from './gateway/submit.ts';
import { Tenancy, type CreatedKey } from './gateway/tenancy.ts';
import { migrate, openDatabase, ping, type Database } from './storage/database.ts';
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

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid } });
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

export async function startPetrel(config: Config, roles: readonly Role[], logger: Logger = createLogger(config)): Promise<Petrel> {
  const database = await openStorage(config);
  const messages = new SqlMessageStore(database);
  const tenancy = new Tenancy(new SqlTenancyStore(database));
  const bootstrapKey = await tenancy.bootstrap(config.bootstrapApiKey);
  const metrics = createMetrics();

  const committer = new GroupCommitter<MessageRecord>((records) => messages.insert(records), {
    maxBatch: config.commitMaxBatch,
    maxDelayMs: config.commitMaxDelayMs,
    onBatch(items, _requests, ms) {
      metrics.commitBatchSize.observe(items);
      metrics.commitSeconds.observe(ms / 1000);
    },
  });
  const submitDeps = {
    limits: { maxTextCharacters: config.maxTextCharacters, maxRecipients: config.maxRecipients },
    prices: (id: number) => tenancy.prices(id),
    async commit(records: readonly MessageRecord[]) {
      await committer.add(records);
      metrics.acceptedMessages.inc({ state: records[0]!.state }, records.length);
    },
  };

  let url: string | null = null;
  const api = roles.includes('api')
    ? await buildApi({
        config,
        logger,
        tenancy,
        messages,
        metrics,
        submit: (req, principal) => submit(req, principal, submitDeps),
        ready: () => ping(database),
      })
    : null;
  if (api) {
    url = await api.listen({ port: config.port, host: config.host });
  }
  if (roles.includes('worker')) {
    // The delivery engine (dispatch lanes, receipts) runs in this role once it exists; accepted
    // messages wait as `queued` in the database until then.
    logger.info('worker role: no dispatch is configured yet; accepted messages stay queued');
  }
  logger.info({ url, database: database.location, dialect: database.dialect, roles }, 'petrel started');

  let closing: Promise<void> | null = null;
  return {
    url,
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
