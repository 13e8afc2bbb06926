// BlacklistStore: an account's blacklist and its opt-out / opt-in keyword lists (both dialects).

import type { KeywordLists } from '../domain/opt-out.ts';
import type { BlacklistEntry, BlacklistSource, BlacklistStore } from '../gateway/ports.ts';
import type { Database } from './database.ts';
import type { BlacklistTable } from './schema.ts';

const toEntry = (r: BlacklistTable): BlacklistEntry => ({
  number: r.number,
  source: r.source as BlacklistSource,
  reason: r.reason,
  inboundId: r.inbound_id,
  createdAt: Number(r.created_at),
});

export class SqlBlacklistStore implements BlacklistStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async list(accountId: number, f: { source?: BlacklistSource; after: string | null; limit: number }): Promise<BlacklistEntry[]> {
    let q = this.#database.db.selectFrom('blacklist').selectAll().where('account_id', '=', accountId);
    if (f.source) q = q.where('source', '=', f.source);
    if (f.after !== null) q = q.where('number', '>', f.after);
    return (await q.orderBy('number').limit(f.limit).execute()).map(toEntry);
  }

  async get(accountId: number, number: string): Promise<BlacklistEntry | null> {
    const r = await this.#database.db.selectFrom('blacklist').selectAll().where('account_id', '=', accountId).where('number', '=', number).executeTakeFirst();
    return r ? toEntry(r) : null;
  }

  async add(accountId: number, e: BlacklistEntry): Promise<boolean> {
    const r = await this.#database.db
      .insertInto('blacklist')
      .values({ account_id: accountId, number: e.number, source: e.source, reason: e.reason, inbound_id: e.inboundId, created_at: e.createdAt })
      .onConflict((oc) => oc.columns(['account_id', 'number']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async remove(accountId: number, number: string): Promise<boolean> {
    const r = await this.#database.db.deleteFrom('blacklist').where('account_id', '=', accountId).where('number', '=', number).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async keywords(accountId: number): Promise<KeywordLists | null> {
    const r = await this.#database.db.selectFrom('accounts').select(['opt_out_keywords', 'opt_in_keywords']).where('id', '=', accountId).executeTakeFirst();
    return r ? keywordLists(r) : null;
  }

  async setKeywords(accountId: number, lists: KeywordLists | null): Promise<void> {
    await this.#database.db
      .updateTable('accounts')
      .set({ opt_out_keywords: lists ? JSON.stringify(lists.optOut) : null, opt_in_keywords: lists ? JSON.stringify(lists.optIn) : null })
      .where('id', '=', accountId)
      .execute();
  }
}

/** The stored lists, or null when the account uses the defaults. */
export function keywordLists(r: { opt_out_keywords: string | null; opt_in_keywords: string | null }): KeywordLists | null {
  if (r.opt_out_keywords === null || r.opt_in_keywords === null) return null;
  return { optOut: JSON.parse(r.opt_out_keywords) as string[], optIn: JSON.parse(r.opt_in_keywords) as string[] };
}
