// Applies the migrations a database lacks, in order, in one transaction that holds the
// migration lock (PostgreSQL: an advisory lock per schema; SQLite: BEGIN IMMEDIATE), so that
// processes starting together migrate once.
//
// Our own, not Kysely's Migrator: that one asks whether its table exists by introspecting every
// column of every table in the database, calling has_schema_privilege() and
// pg_get_serial_sequence() on each; a schema or table dropped by another process during that
// scan makes the query fail ("schema … does not exist", "column … of relation … does not
// exist"), which ended CI runs where tests create and drop schemas side by side, and would do
// the same to a tenant's deploy on a shared server. The bookkeeping table is Kysely's
// (`kysely_migration`, same columns), so databases it migrated carry on.

import { sql, type Kysely } from 'kysely';
import { writeTransaction, type Database } from './database.ts';
import { migrationsFor } from './migrations/index.ts';

const TABLE = 'kysely_migration';

/** Applies the missing steps up to and including `upTo` (default: all, `upTo` is for tests of a migration); their names. */
export async function migrate(database: Database, upTo?: string): Promise<string[]> {
  const steps = migrationsFor(database.dialect);
  const names = Object.keys(steps).sort();
  const last = upTo === undefined ? names.length : names.indexOf(upTo) + 1;
  if (last === 0) throw new Error(`no migration named ${upTo}`);
  return writeTransaction(database, async (trx) => {
    if (database.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':petrel migrations'))`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS ${sql.table(TABLE)} (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL)`.execute(trx);
    const applied = new Set((await sql<{ name: string }>`SELECT name FROM ${sql.table(TABLE)}`.execute(trx)).rows.map((r) => r.name));
    const unknown = [...applied].filter((n) => !(n in steps));
    if (unknown.length) throw new Error(`the database has migrations this Petrel does not know (${unknown.join(', ')}): a newer version migrated it`);
    const done: string[] = [];
    for (const name of names.slice(0, last)) {
      if (applied.has(name)) continue;
      await steps[name]!.up(trx as unknown as Kysely<unknown>);
      await sql`INSERT INTO ${sql.table(TABLE)} (name, timestamp) VALUES (${name}, ${new Date().toISOString()})`.execute(trx);
      done.push(name);
    }
    return done;
  });
}
