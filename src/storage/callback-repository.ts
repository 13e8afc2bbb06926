// The CallbackStore for the configured database (storage/callbacks/: one per dialect, because
// the SQLite one runs synchronous prepared statements under the write lock and the PostgreSQL
// one works in arrays and row locks): delivery-report callbacks and inbound forwards as jobs.

import type { CallbackStore } from '../webhooks/ports.ts';
import type { Database } from './database.ts';
import { PgCallbackStore } from './callbacks/postgres.ts';
import { SqliteCallbackStore } from './callbacks/sqlite.ts';

export function callbackStore(database: Database, opts: { serialize?: <T>(fn: () => T) => T } = {}): CallbackStore {
  return database.sqlite ? new SqliteCallbackStore(database, opts.serialize) : new PgCallbackStore(database);
}
