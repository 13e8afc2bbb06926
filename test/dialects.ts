// Runs a suite once per database dialect. SQLite gets a fresh file in a temp dir; PostgreSQL
// gets a fresh schema in the test database. When PostgreSQL is unreachable its half is skipped
// with a visible message, unless PETREL_REQUIRE_POSTGRES=1 (CI), where that is a failure.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { openDatabase, type Database, type Dialect } from '../src/storage/database.ts';
import { migrate } from '../src/storage/migrator.ts';

export const PG_URL = process.env.PETREL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRE_PG = process.env.PETREL_REQUIRE_POSTGRES === '1';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

const pgProblem = await probePostgres();
if (pgProblem) {
  const msg = `PostgreSQL not reachable at ${PG_URL} (${pgProblem})`;
  if (REQUIRE_PG) throw new Error(`${msg}; PETREL_REQUIRE_POSTGRES=1 makes this a failure`);
  console.log(`# SKIPPING the PostgreSQL half: ${msg}`);
}

export interface Scratch {
  dialect: Dialect;
  /** What PETREL_DATA_DIR / DATABASE_URL / PETREL_PG_SCHEMA a server process for this scratch needs. */
  env: Record<string, string>;
  dataDir: string;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

let counter = 0;

/** A fresh, empty, migrated-on-open database of one dialect. */
export function scratch(dialect: Dialect): Scratch {
  const dataDir = mkdtempSync(join(tmpdir(), 'petrel-test-'));
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const base = dialect === 'postgres' ? { databaseUrl: PG_URL, pgSchema: schema } : {};
  const opened: Database[] = [];
  return {
    dialect,
    dataDir,
    env: dialect === 'postgres' ? { PETREL_DATA_DIR: dataDir, DATABASE_URL: PG_URL, PETREL_PG_SCHEMA: schema } : { PETREL_DATA_DIR: dataDir },
    async open() {
      const db = await openDatabase({ dataDir, ...base });
      await migrate(db);
      opened.push(db);
      return db;
    },
    async dispose() {
      for (const db of opened.splice(0)) await db.close().catch(() => {});
      if (dialect === 'postgres') {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await c.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `describe` once per dialect; the PostgreSQL suite is skipped (visibly) when it is unreachable. */
export function forEachDialect(name: string, body: (dialect: Dialect) => void): void {
  describe(`${name} [sqlite]`, () => body('sqlite'));
  describe(`${name} [postgres]`, { skip: pgProblem ? `PostgreSQL unreachable: ${pgProblem}` : false }, () => body('postgres'));
}

/**
 * A fresh, migrated database for the enclosing suite: opened before its tests, disposed after.
 * Call inside a `forEachDialect` body; read `.db` in the tests.
 */
export function databaseForSuite(dialect: Dialect): { readonly db: Database; closeFirst(fn: () => Promise<void>): void } {
  let s: Scratch | null = null;
  let db: Database | null = null;
  // node:test runs `after` hooks in the order they were added: what uses the database closes here, first.
  const users: Array<() => Promise<void>> = [];
  before(async () => {
    s = scratch(dialect);
    db = await s.open();
  });
  after(async () => {
    for (const close of users.splice(0)) await close();
    await s?.dispose();
  });
  return {
    get db() {
      return db!;
    },
    closeFirst: (fn) => users.push(fn),
  };
}
