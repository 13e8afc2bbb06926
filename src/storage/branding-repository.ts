// Platform settings (migration 0014): white-label values by key.

import type { BrandingStore } from '../people/ports.ts';
import { writeTransaction, type Database } from './database.ts';

export class SqlBrandingStore implements BrandingStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async settings(): Promise<Record<string, string>> {
    const rows = await this.#database.db.selectFrom('platform_settings').selectAll().execute();
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  async set(values: Record<string, string | null>): Promise<void> {
    await writeTransaction(this.#database, async (trx) => {
      for (const [key, value] of Object.entries(values)) {
        await trx.deleteFrom('platform_settings').where('key', '=', key).execute();
        if (value !== null) await trx.insertInto('platform_settings').values({ key, value }).execute();
      }
    });
  }
}
