// The database as the configuration names it, for every thread that needs a connection.

import type { Config } from '../config/config.ts';
import { openDatabase, type Database } from '../storage/database.ts';

export function openConfiguredDatabase(config: Config, opts: { poolSize?: number } = {}): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteSynchronous: config.sqliteSynchronous,
    ...(config.pgSchema ? { pgSchema: config.pgSchema } : {}),
    ...opts,
  });
}
