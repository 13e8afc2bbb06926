// The DispatchStore for the configured database (storage/dispatch/: one per dialect, because
// the SQLite one runs synchronous prepared statements under the write lock and the PostgreSQL
// one works in arrays and row locks).

import type { DispatchStore } from '../engine/ports.ts';
import type { Database } from './database.ts';
import { PgDispatchStore } from './dispatch/postgres.ts';
import { SqliteDispatchStore } from './dispatch/sqlite.ts';

export function dispatchStore(database: Database, opts: { serialize?: <T>(fn: () => T) => T } = {}): DispatchStore {
  return database.sqlite ? new SqliteDispatchStore(database.sqlite, opts.serialize) : new PgDispatchStore(database.db);
}
