// List imports (campaigns/ports.ts ImportStore): the upload's bytes in chunks, the mapping,
// and a checkpoint moved in the same transaction as the contacts it stands for.

import type { Statement } from 'better-sqlite3';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ImportBatch, ImportSource, ImportStatus, ImportStore, ListImport, RejectedRow } from '../campaigns/ports.ts';
import type { ColumnMapping, RejectReason, Separator } from '../domain/contacts.ts';
import type { Database } from './database.ts';
import { addJob } from './job-repository.ts';
import { ownsList, searchKey } from './lists-repository.ts';
import type { Selectable } from 'kysely';
import type { ListImportsTable, Schema } from './schema.ts';

export const LIST_IMPORT_JOB = 'list_import';
export const ABANDONED_AFTER_MS = 24 * 3_600_000;

type Row = Selectable<ListImportsTable>;

function toImport(r: Row): ListImport {
  const mapping: ColumnMapping | null =
    r.placeholders === null ? null : { placeholders: JSON.parse(r.placeholders) as string[], phoneColumn: Number(r.phone_column), defaultCountry: r.default_country };
  return {
    id: Number(r.id),
    listId: Number(r.list_id),
    userId: r.user_id === null ? null : Number(r.user_id),
    source: r.source as ImportSource,
    fileName: r.file_name,
    bytes: Number(r.bytes),
    separator: r.separator as Separator | null,
    header: Number(r.header) === 1,
    mapping,
    status: r.status as ImportStatus,
    rowsRead: Number(r.rows_read),
    imported: Number(r.imported),
    duplicates: Number(r.duplicates),
    rejected: Number(r.rejected),
    error: r.error,
    createdAt: Number(r.created_at),
    startedAt: r.started_at === null ? null : Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

export class SqlImportStore implements ImportStore {
  readonly #db: Kysely<Schema>;
  readonly #sqlite: { contact: Statement; reject: Statement } | null;

  constructor(database: Database) {
    this.#db = database.db;
    const raw = database.sqlite;
    this.#sqlite = raw && {
      contact: raw.prepare('INSERT INTO contacts (list_id, phone, country, fields, search, created_at) VALUES (?,?,?,?,?,?) ON CONFLICT (list_id, phone) DO NOTHING'),
      reject: raw.prepare('INSERT INTO import_rejects (import_id, row_number, reason, raw) VALUES (?,?,?,?) ON CONFLICT (import_id, row_number) DO NOTHING'),
    };
  }

  async create(accountId: number, listId: number, i: { userId: number | null; source: ImportSource; fileName: string | null; separator: Separator | null }, now: number): Promise<ListImport | null> {
    if (!(await ownsList(this.#db, accountId, listId))) return null;
    // Uploads whose placeholders were never defined (the person went back, or away) keep their
    // bytes only a day: each new upload clears the old ones (chunks go with them, by cascade).
    await this.#db
      .deleteFrom('list_imports')
      .where('status', '=', 'uploaded')
      .where('created_at', '<', now - ABANDONED_AFTER_MS)
      .execute();
    const r = await this.#db
      .insertInto('list_imports')
      .values({ list_id: listId, user_id: i.userId, source: i.source, file_name: i.fileName, separator: i.separator, status: 'uploaded', created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toImport(r);
  }

  async appendChunk(importId: number, seq: number, data: Uint8Array): Promise<void> {
    await this.#db.insertInto('import_chunks').values({ import_id: importId, seq, data }).execute();
  }

  async uploaded(importId: number, bytes: number, separator: Separator | null): Promise<void> {
    await this.#db.updateTable('list_imports').set({ bytes, separator }).where('id', '=', importId).execute();
  }

  async get(accountId: number, listId: number, importId: number): Promise<ListImport | null> {
    const r = await this.#db
      .selectFrom('list_imports as i')
      .innerJoin('lists as l', 'l.id', 'i.list_id')
      .selectAll('i')
      .where('i.id', '=', importId)
      .where('i.list_id', '=', listId)
      .where('l.account_id', '=', accountId)
      .executeTakeFirst();
    return r ? toImport(r) : null;
  }

  async ofList(accountId: number, listId: number, limit: number): Promise<ListImport[] | null> {
    if (!(await ownsList(this.#db, accountId, listId))) return null;
    const rows = await this.#db.selectFrom('list_imports').selectAll().where('list_id', '=', listId).orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toImport);
  }

  async byId(importId: number): Promise<ListImport | null> {
    const r = await this.#db.selectFrom('list_imports').selectAll().where('id', '=', importId).executeTakeFirst();
    return r ? toImport(r) : null;
  }

  async *chunks(importId: number): AsyncIterable<Uint8Array> {
    for (let seq = 0; ; seq++) {
      const r = await this.#db.selectFrom('import_chunks').select('data').where('import_id', '=', importId).where('seq', '=', seq).executeTakeFirst();
      if (!r) return;
      yield r.data;
    }
  }

  async start(importId: number, mapping: ColumnMapping, header: boolean, now: number): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('list_imports')
        .set({ status: 'queued', placeholders: JSON.stringify(mapping.placeholders), phone_column: mapping.phoneColumn, default_country: mapping.defaultCountry, header: header ? 1 : 0 })
        .where('id', '=', importId)
        .where('status', '=', 'uploaded')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await addJob(trx, LIST_IMPORT_JOB, { importId }, now);
      return true;
    });
  }

  async running(importId: number, now: number): Promise<ListImport | null> {
    return this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('list_imports')
        .set((eb) => ({ status: 'running', started_at: eb.fn.coalesce('started_at', eb.val(now)) }))
        .where('id', '=', importId)
        .where('status', 'in', ['queued', 'running'])
        .returningAll()
        .executeTakeFirst();
      if (!r) return null;
      await trx.updateTable('lists').set({ placeholders: r.placeholders!, updated_at: now }).where('id', '=', r.list_id).execute();
      return toImport(r);
    });
  }

  async commit(importId: number, listId: number, batch: ImportBatch, now: number): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('list_imports')
        .set({ rows_read: batch.rowsRead })
        .where('id', '=', importId)
        .where('status', '=', 'running')
        .where('rows_read', '=', batch.from)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      const inserted = await this.#insert(trx, importId, listId, batch, now);
      await trx
        .updateTable('list_imports')
        .set((eb) => ({
          imported: eb('imported', '+', inserted),
          duplicates: eb('duplicates', '+', batch.contacts.length - inserted),
          rejected: eb('rejected', '+', batch.rejects.length),
        }))
        .where('id', '=', importId)
        .execute();
      if (inserted) {
        await trx
          .updateTable('lists')
          .set((eb) => ({ contacts: eb('contacts', '+', inserted), updated_at: now }))
          .where('id', '=', listId)
          .execute();
      }
      return true;
    });
  }

  /**
   * A batch's contacts and rejects; how many contacts were new. Not through Kysely's builder:
   * its 2,000-row VALUES made some 12,000 nodes and a statement per batch, garbage that took
   * the server to 1.1 GB during a 1,000,000-row import. SQLite runs one prepared statement per
   * row (on the transaction's connection), PostgreSQL one statement over arrays.
   */
  async #insert(trx: Transaction<Schema>, importId: number, listId: number, batch: ImportBatch, now: number): Promise<number> {
    const { contacts, rejects } = batch;
    if (this.#sqlite) {
      const s = this.#sqlite;
      let inserted = 0;
      for (const c of contacts) inserted += s.contact.run(listId, c.phone, c.country, JSON.stringify(c.fields), searchKey(c), now).changes;
      for (const r of rejects) s.reject.run(importId, r.rowNumber, r.reason, r.raw);
      return inserted;
    }
    let inserted = 0;
    if (contacts.length) {
      const r = await sql`INSERT INTO contacts (list_id, phone, country, fields, search, created_at)
          SELECT ${listId}, v.phone, v.country, v.fields, v.search, ${now}
          FROM unnest(${contacts.map((c) => c.phone)}::text[], ${contacts.map((c) => c.country)}::text[], ${contacts.map((c) => JSON.stringify(c.fields))}::text[], ${contacts.map(searchKey)}::text[])
            AS v(phone, country, fields, search)
          ON CONFLICT (list_id, phone) DO NOTHING`.execute(trx);
      inserted = Number(r.numAffectedRows ?? 0);
    }
    if (rejects.length) {
      await sql`INSERT INTO import_rejects (import_id, row_number, reason, raw)
          SELECT ${importId}, v.n, v.reason, v.raw FROM unnest(${rejects.map((r) => r.rowNumber)}::bigint[], ${rejects.map((r) => r.reason)}::text[], ${rejects.map((r) => r.raw)}::text[]) AS v(n, reason, raw)
          ON CONFLICT (import_id, row_number) DO NOTHING`.execute(trx);
    }
    return inserted;
  }

  async finish(importId: number, status: 'finished' | 'failed', error: string | null, now: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.updateTable('list_imports').set({ status, error, finished_at: now }).where('id', '=', importId).execute();
      await trx.deleteFrom('import_chunks').where('import_id', '=', importId).execute();
    });
  }

  async discard(importId: number): Promise<void> {
    await this.#db.deleteFrom('list_imports').where('id', '=', importId).execute();
  }

  async *rejects(importId: number): AsyncIterable<RejectedRow> {
    for (let after = 0; ; ) {
      const rows = await this.#db
        .selectFrom('import_rejects')
        .select(['row_number', 'reason', 'raw'])
        .where('import_id', '=', importId)
        .where('row_number', '>', after)
        .orderBy('row_number')
        .limit(1000)
        .execute();
      for (const r of rows) yield { rowNumber: Number(r.row_number), reason: r.reason as RejectReason, raw: r.raw };
      if (rows.length < 1000) return;
      after = Number(rows.at(-1)!.row_number);
    }
  }
}
