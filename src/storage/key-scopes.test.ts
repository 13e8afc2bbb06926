// Migration 0007 on both dialects: a database from before it keeps every key, the bootstrap
// account's admin keys become the operator's, other accounts' admin keys administer only their
// own account, senders stay senders; and an operator key cannot be anything but an admin key.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, PG_URL, scratch, type Scratch } from '../../test/dialects.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrator.ts';
import { SqlTenancyStore } from './tenancy-repository.ts';

forEachDialect('migration 0007: key scopes', (dialect) => {
  let s: Scratch | null = null;
  after(async () => s?.dispose());

  test('admin keys of the first account become operator keys; the rest keep their role', async () => {
    s = scratch(dialect);
    const db = await openDatabase({ dataDir: s.dataDir, ...(dialect === 'postgres' ? { databaseUrl: PG_URL, pgSchema: s.env.PETREL_PG_SCHEMA! } : {}) });
    try {
      assert.equal((await migrate(db, '0006_two_way')).at(-1), '0006_two_way');
      const at = Date.now();
      for (const [i, name] of ['default', 'acme'].entries()) {
        await db.db.insertInto('accounts').values({ name, created_at: at }).execute();
        await db.db
          .insertInto('traffic_accounts')
          .values({ account_id: i + 1, name: 'default', display_name: name, type: 'api', status: 'active', created_at: at } as never)
          .execute();
        for (const role of ['admin', 'sender']) {
          await db.db
            .insertInto('api_keys')
            .values({ account_id: i + 1, traffic_account_id: i + 1, name: `${name} ${role}`, prefix: 'x', secret_hash: `${name}-${role}`, role, created_at: at, revoked_at: null } as never)
            .execute();
        }
      }
      assert.equal((await migrate(db))[0], '0007_key_scopes');
      const keys = await new SqlTenancyStore(db).listKeys(null);
      assert.deepEqual(
        keys.map((k) => [k.name, k.role]),
        [
          ['default admin', 'operator'],
          ['default sender', 'sender'],
          ['acme admin', 'admin'],
          ['acme sender', 'sender'],
        ],
      );
      await assert.rejects(db.db.updateTable('api_keys').set({ operator: 1 }).where('name', '=', 'acme sender').execute(), /check/i, 'a sender key cannot be the operator');
    } finally {
      await db.close();
    }
  });
});
