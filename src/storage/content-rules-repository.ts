// The content rules (campaigns/ports.ts ContentRuleStore): one platform setting, a JSON array.

import type { ContentRuleStore } from '../campaigns/ports.ts';
import { writeTransaction, type Database } from './database.ts';

const KEY = 'content_rules';

export class SqlContentRuleStore implements ContentRuleStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async rules(): Promise<string[]> {
    const r = await this.#database.db.selectFrom('platform_settings').select('value').where('key', '=', KEY).executeTakeFirst();
    return r ? (JSON.parse(r.value) as string[]) : [];
  }

  async setRules(rules: readonly string[]): Promise<void> {
    await writeTransaction(this.#database, async (trx) => {
      await trx.deleteFrom('platform_settings').where('key', '=', KEY).execute();
      await trx
        .insertInto('platform_settings')
        .values({ key: KEY, value: JSON.stringify(rules) })
        .execute();
    });
  }
}
