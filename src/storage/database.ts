// Opens the database named by the configuration: a SQLite file (WAL) by default, PostgreSQL
// for a postgres:// URL. Migrations are in migrator.ts.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Dialect, Schema } from './schema.ts';

export type { Dialect };

export interface Database {
  dialect: Dialect;
  db: Kysely<Schema>;
  /** The raw SQLite handle, for the prepared-statement fast path; null on PostgreSQL. */
  sqlite: BetterSqlite3.Database | null;
  /** The PostgreSQL schema when not the default one. */
  pgSchema: string | null;
  /** Where the data lives, for logs (file path or URL without password). */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `postgres://…`; unset = SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** SQLite file name inside dataDir. */
  sqliteFile?: string;
  /** PostgreSQL schema (tests use one each); default `public`. */
  pgSchema?: string;
  /** SQLite `synchronous`: FULL survives power loss, NORMAL survives a process crash. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  poolSize?: number;
}

// BIGINT columns hold epoch milliseconds and micro-units, both far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openSqlite(opts);
}

function openSqlite(opts: OpenOptions): Database {
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, opts.sqliteFile ?? 'petrel.db');
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${opts.sqliteSynchronous ?? 'FULL'}`);
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    dialect: 'sqlite',
    db,
    sqlite: raw,
    pgSchema: null,
    location: file,
    async close() {
      await db.destroy(); // closes `raw` too
    },
  };
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const schema = opts.pgSchema;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (schema) {
    const c = await pool.connect();
    try {
      // IF NOT EXISTS is not safe against another process creating it at the same moment: that
      // one wins, this one sees a duplicate (23505 or 42P06), and the schema is there either way.
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((e: { code?: string }) => {
        if (e.code !== '23505' && e.code !== '42P06') throw e;
      });
    } finally {
      c.release();
    }
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return {
    dialect: 'postgres',
    db,
    sqlite: null,
    pgSchema: schema ?? null,
    location: schema ? `${safe} (schema ${schema})` : safe,
    async close() {
      await db.destroy(); // ends the pool
    },
  };
}

/** True when the database answers a trivial query (readiness). */
export async function ping(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}

/**
 * A transaction that reads, then writes. On SQLite it takes the write lock at BEGIN
 * (IMMEDIATE, waiting up to busy_timeout): a deferred one that read first could fail half-way
 * with SQLITE_BUSY_SNAPSHOT when another thread committed meanwhile. `fn` must do only database
 * work: on SQLite the connection is the thread's only one.
 */
export async function writeTransaction<T>(database: Database, fn: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  if (database.dialect === 'postgres') return database.db.transaction().execute(fn);
  return database.db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (e) {
      await sql`ROLLBACK`.execute(conn).catch(() => {});
      throw e;
    }
  });
}

/** A unique index refused the row (an UPDATE's; an INSERT says so with ON CONFLICT DO NOTHING). */
export const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err.message ?? '');
};

/** Appended to an `IN` list that may be empty (`IN ()` is not SQL); no row has id 0. */
export const NO_ID = 0;
