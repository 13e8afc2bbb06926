// Distribution lists and their contacts (campaigns/ports.ts), scoped by account: every query
// joins the list to the caller's account, so another account's list id finds nothing.

import { type Kysely, sql } from 'kysely';
import type { Contact, DistributionList, ListStore, NewContact, Page, PageQuery } from '../campaigns/ports.ts';
import { HOLDS_LISTS } from '../domain/campaign-state.ts';
import { ConflictError } from '../domain/errors.ts';
import { type Database, isUniqueViolation } from './database.ts';
import { contains } from './search.ts';
import type { Schema } from './schema.ts';

type ListRow = { id: number; account_id: number; name: string; placeholders: string; contacts: number; created_at: number; updated_at: number; created_by_name: string | null; blocked: number | null };

const toList = (r: ListRow): DistributionList => ({
  id: Number(r.id),
  accountId: Number(r.account_id),
  name: r.name,
  placeholders: JSON.parse(r.placeholders) as string[],
  contacts: Number(r.contacts),
  recipients: Number(r.contacts) - Number(r.blocked ?? 0),
  createdBy: r.created_by_name,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

type ContactRow = { id: number; phone: string; country: string | null; fields: string; created_at: number };
const toContact = (r: ContactRow): Contact => ({ id: Number(r.id), phone: r.phone, country: r.country, fields: JSON.parse(r.fields) as Record<string, string>, createdAt: Number(r.created_at) });

/** What a contact is found by: its number and fields, lower-cased here (SQLite's lower() is ASCII only). */
export const searchKey = (c: NewContact) => [c.phone, ...Object.values(c.fields)].join('\u001f').toLowerCase();

/** The contact's row to insert. */
export const contactRow = (listId: number, c: NewContact, now: number) => ({
  list_id: listId,
  phone: c.phone,
  country: c.country,
  fields: JSON.stringify(c.fields),
  search: searchKey(c),
  created_at: now,
});

const nameTaken = (name: string) => new ConflictError(`a list named ${JSON.stringify(name)} exists already`);

/** Whether list `listId` is the account's: every list-scoped read and write asks it first. */
export async function ownsList(db: Kysely<Schema>, accountId: number, listId: number): Promise<boolean> {
  return (await db.selectFrom('lists').select('id').where('id', '=', listId).where('account_id', '=', accountId).executeTakeFirst()) !== undefined;
}

export class SqlListStore implements ListStore {
  readonly #db: Kysely<Schema>;

  constructor(database: Database) {
    this.#db = database.db;
  }

  /** Lists with their creator's name and how many of their contacts are blacklisted. */
  #lists(accountId: number) {
    return (
      this.#db
        .selectFrom('lists as l')
        .leftJoin('users as u', 'u.id', 'l.created_by')
        .select(['l.id', 'l.account_id', 'l.name', 'l.placeholders', 'l.contacts', 'l.created_at', 'l.updated_at', 'u.name as created_by_name'])
        // Driven by the blacklist (tens of numbers) probing the list's unique (list_id, phone) index,
        // not by the list's contacts (a million) probing the blacklist.
        .select(sql<number>`(SELECT COUNT(*) FROM blacklist b WHERE b.account_id = l.account_id AND EXISTS (SELECT 1 FROM contacts c WHERE c.list_id = l.id AND c.phone = b.number))`.as('blocked'))
        .where('l.account_id', '=', accountId)
    );
  }

  async create(accountId: number, name: string, createdBy: number | null, now: number): Promise<DistributionList> {
    const r = await this.#db
      .insertInto('lists')
      .values({ account_id: accountId, name, name_key: name.toLowerCase(), placeholders: '[]', contacts: 0, created_by: createdBy, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'name_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!r) throw nameTaken(name);
    return (await this.get(accountId, Number(r.id)))!;
  }

  async list(accountId: number, q: PageQuery): Promise<Page<DistributionList>> {
    let base = this.#db.selectFrom('lists').where('account_id', '=', accountId);
    if (q.search) base = base.where('name_key', '=', q.search.trim().toLowerCase());
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    let rows = this.#lists(accountId);
    if (q.search) rows = rows.where('l.name_key', '=', q.search.trim().toLowerCase());
    const items = await rows.orderBy('l.id', 'desc').limit(q.limit).offset(q.offset).execute();
    return { items: items.map((r) => toList(r as ListRow)), total };
  }

  async get(accountId: number, id: number): Promise<DistributionList | null> {
    const r = await this.#lists(accountId).where('l.id', '=', id).executeTakeFirst();
    return r ? toList(r as ListRow) : null;
  }

  async rename(accountId: number, id: number, name: string, now: number): Promise<DistributionList | null> {
    try {
      const r = await this.#db.updateTable('lists').set({ name, name_key: name.toLowerCase(), updated_at: now }).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numUpdatedRows) ? this.get(accountId, id) : null;
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(name);
      throw e;
    }
  }

  async delete(accountId: number, id: number): Promise<boolean> {
    // Contacts, imports, their chunks and rejects go with it (ON DELETE CASCADE), and it leaves
    // the drafts that named it; never from under a campaign past Draft (one guarded statement).
    const held = [...HOLDS_LISTS];
    const r = await this.#db
      .deleteFrom('lists')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('campaign_lists as cl').innerJoin('campaigns as c', 'c.id', 'cl.campaign_id').select('cl.list_id').where('cl.list_id', '=', id).where('c.status', 'in', held))),
      )
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 1) return true;
    const holder = await this.#db
      .selectFrom('campaign_lists as cl')
      .innerJoin('campaigns as c', 'c.id', 'cl.campaign_id')
      .select(['c.name', 'c.status'])
      .where('cl.list_id', '=', id)
      .where('c.account_id', '=', accountId)
      .where('c.status', 'in', held)
      .executeTakeFirst();
    if (holder) throw new ConflictError(`the list is used by the campaign ${JSON.stringify(holder.name)}, which is ${holder.status}`);
    return false;
  }

  async contacts(accountId: number, listId: number, q: PageQuery): Promise<Page<Contact> | null> {
    const list = await this.#db.selectFrom('lists').select('contacts').where('id', '=', listId).where('account_id', '=', accountId).executeTakeFirst();
    if (!list) return null;
    let base = this.#db.selectFrom('contacts').where('list_id', '=', listId);
    if (q.search) base = base.where(contains('search', q.search.trim(), false));
    // Unsearched, the total is the list's own counter (kept with every insert and delete): no
    // count of a million rows each time an import's progress refreshes the page.
    const total = q.search ? Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : Number(list.contacts);
    const rows = await base.select(['id', 'phone', 'country', 'fields', 'created_at']).orderBy('id').limit(q.limit).offset(q.offset).execute();
    return { items: rows.map(toContact), total };
  }

  async addContact(accountId: number, listId: number, c: NewContact, now: number): Promise<Contact | null> {
    if (!(await ownsList(this.#db, accountId, listId))) return null;
    return this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('contacts')
        .values(contactRow(listId, c, now))
        .onConflict((oc) => oc.columns(['list_id', 'phone']).doNothing())
        .returning(['id', 'phone', 'country', 'fields', 'created_at'])
        .executeTakeFirst();
      if (!r) throw new ConflictError(`${c.phone} is in the list already`);
      // A field the list had no placeholder for becomes one (a list made by hand names its columns so).
      const list = await trx.selectFrom('lists').select('placeholders').where('id', '=', listId).executeTakeFirstOrThrow();
      const names = JSON.parse(list.placeholders) as string[];
      const added = Object.keys(c.fields).filter((f) => !names.some((n) => n.toLowerCase() === f.toLowerCase()));
      await trx
        .updateTable('lists')
        .set((eb) => ({ contacts: eb('contacts', '+', 1), updated_at: now, ...(added.length ? { placeholders: JSON.stringify([...names, ...added]) } : {}) }))
        .where('id', '=', listId)
        .execute();
      return toContact(r);
    });
  }

  async countries(accountId: number, listIds: readonly number[]): Promise<Map<string | null, number>> {
    if (listIds.length === 0) return new Map();
    const rows = await this.#db
      .selectFrom('contacts as c')
      .innerJoin('lists as l', 'l.id', 'c.list_id')
      .select(['c.country', (eb) => eb.fn.countAll<number>().as('n')])
      .where('l.account_id', '=', accountId)
      .where('c.list_id', 'in', listIds)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('blacklist as b').select('b.number').whereRef('b.account_id', '=', 'l.account_id').whereRef('b.number', '=', 'c.phone'))))
      .groupBy('c.country')
      .execute();
    return new Map(rows.map((r) => [r.country, Number(r.n)]));
  }

  async removeContact(accountId: number, listId: number, contactId: number, now: number): Promise<boolean> {
    if (!(await ownsList(this.#db, accountId, listId))) return false;
    return this.#db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('contacts').where('id', '=', contactId).where('list_id', '=', listId).executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) return false;
      await trx
        .updateTable('lists')
        .set((eb) => ({ contacts: eb('contacts', '-', 1), updated_at: now }))
        .where('id', '=', listId)
        .execute();
      return true;
    });
  }
}
