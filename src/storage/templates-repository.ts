// Message templates (campaigns/ports.ts TemplateStore), scoped by account.

import type { Kysely } from 'kysely';
import type { Page, PageQuery, Template, TemplateStore } from '../campaigns/ports.ts';
import { ConflictError } from '../domain/errors.ts';
import { type Database, isUniqueViolation } from './database.ts';
import type { Schema } from './schema.ts';

type Row = { id: number; name: string; text: string; created_by_name: string | null; created_at: number; updated_at: number };
const toTemplate = (r: Row): Template => ({ id: Number(r.id), name: r.name, text: r.text, createdBy: r.created_by_name, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) });

const taken = (name: string) => new ConflictError(`a template named ${JSON.stringify(name)} exists already`);

export class SqlTemplateStore implements TemplateStore {
  readonly #db: Kysely<Schema>;

  constructor(database: Database) {
    this.#db = database.db;
  }

  #templates(accountId: number) {
    return this.#db
      .selectFrom('templates as t')
      .leftJoin('users as u', 'u.id', 't.created_by')
      .select(['t.id', 't.name', 't.text', 't.created_at', 't.updated_at', 'u.name as created_by_name'])
      .where('t.account_id', '=', accountId);
  }

  async create(accountId: number, t: { name: string; text: string }, createdBy: number | null, now: number): Promise<Template> {
    const r = await this.#db
      .insertInto('templates')
      .values({ account_id: accountId, name: t.name, name_key: t.name.toLowerCase(), text: t.text, created_by: createdBy, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'name_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!r) throw taken(t.name);
    return (await this.get(accountId, Number(r.id)))!;
  }

  async list(accountId: number, q: PageQuery): Promise<Page<Template>> {
    // Templates are few per account (tens): the search filters them here, in any case and script.
    const all = (await this.#templates(accountId).orderBy('t.id', 'desc').execute()).map(toTemplate);
    const needle = q.search?.toLowerCase();
    const found = needle ? all.filter((t) => t.name.toLowerCase().includes(needle) || t.text.toLowerCase().includes(needle)) : all;
    return { items: found.slice(q.offset, q.offset + q.limit), total: found.length };
  }

  async get(accountId: number, id: number): Promise<Template | null> {
    const r = await this.#templates(accountId).where('t.id', '=', id).executeTakeFirst();
    return r ? toTemplate(r) : null;
  }

  async change(accountId: number, id: number, t: { name?: string | undefined; text?: string | undefined }, now: number): Promise<Template | null> {
    try {
      const r = await this.#db
        .updateTable('templates')
        .set({ ...(t.name !== undefined ? { name: t.name, name_key: t.name.toLowerCase() } : {}), ...(t.text !== undefined ? { text: t.text } : {}), updated_at: now })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) ? this.get(accountId, id) : null;
    } catch (e) {
      if (isUniqueViolation(e) && t.name !== undefined) throw taken(t.name);
      throw e;
    }
  }

  async delete(accountId: number, id: number): Promise<boolean> {
    const r = await this.#db.deleteFrom('templates').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
