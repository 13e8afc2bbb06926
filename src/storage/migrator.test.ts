// The migrator on both dialects: processes that start together migrate once; a database that
// a newer Petrel migrated is refused with a clear message; a database migrated step by step
// ends where one migrated at once does.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDialect, PG_URL, scratch, type Scratch } from '../../test/dialects.ts';
import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrator.ts';
import { migrationsFor } from './migrations/index.ts';

forEachDialect('migrator', (dialect) => {
  const scratches: Scratch[] = [];
  const opened: Database[] = [];
  after(async () => {
    for (const db of opened) await db.close().catch(() => {});
    for (const s of scratches) await s.dispose();
  });
  /** Connections that have not migrated: `n` of them to one fresh database. */
  const fresh = async (n: number) => {
    const s = scratch(dialect);
    scratches.push(s);
    const dbs = await Promise.all(Array.from({ length: n }, () => openDatabase({ dataDir: s.dataDir, ...(dialect === 'postgres' ? { databaseUrl: PG_URL, pgSchema: s.env.PETREL_PG_SCHEMA! } : {}) })));
    opened.push(...dbs);
    return dbs;
  };
  const all = Object.keys(migrationsFor(dialect)).sort();

  test('three processes starting together: every step is applied once', async () => {
    const dbs = await fresh(3);
    // SQLite's connections here share one thread, whose busy wait would block the holder: there
    // BEGIN IMMEDIATE orders processes, and these go one after the other.
    const results = dialect === 'postgres' ? await Promise.all(dbs.map((db) => migrate(db))) : [await migrate(dbs[0]!), await migrate(dbs[1]!), await migrate(dbs[2]!)];
    assert.deepEqual(results.flat().sort(), all, JSON.stringify(results));
    assert.deepEqual(await migrate(dbs[0]!), [], 'nothing left to apply');
  });

  test('step by step ends where all at once does; a newer database is refused', async () => {
    const [db] = await fresh(1);
    assert.deepEqual(await migrate(db!, all[2]), all.slice(0, 3));
    assert.deepEqual(await migrate(db!), all.slice(3));
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', 'x')`.execute(db!.db);
    await assert.rejects(migrate(db!), /migrations this Petrel does not know \(9999_from_the_future\): a newer version migrated it/);
    await assert.rejects(migrate(db!, 'no_such_step'), /no migration named no_such_step/);
  });
});
