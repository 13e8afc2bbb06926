// MessageStore on Kysely, with a prepared-statement fast path for SQLite inserts: one
// statement run N times in a transaction is several times cheaper than compiling a
// multi-row INSERT per batch.

import type { Statement } from 'better-sqlite3';
import type { Encoding, RequestedType } from '../domain/encoding.ts';
import type { MessageState } from '../domain/message-state.ts';
import type { SenderForm } from '../domain/sender.ts';
import type { CountryUsage, MessageFilter, MessageRecord, MessageStore } from '../gateway/ports.ts';
import type { Database } from './database.ts';
import { MESSAGE_COLUMNS, type MessageRow } from './schema.ts';

function toRow(m: MessageRecord): MessageRow {
  return {
    id: m.id,
    account_id: m.accountId,
    traffic_account_id: m.trafficAccountId,
    api_key_id: m.apiKeyId,
    state: m.state,
    sender: m.sender,
    sender_form: m.senderForm,
    recipient: m.recipient,
    country: m.country,
    text: m.text,
    type: m.type,
    encoding: m.encoding,
    characters: m.characters,
    units: m.units,
    segments: m.segments,
    udh: m.udh,
    price_micros: m.priceMicros,
    currency: m.currency,
    reference: m.reference,
    callback_url: m.callbackUrl,
    validity_minutes: m.validityMinutes,
    pid: m.pid,
    flash: m.flash ? 1 : 0,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    expires_at: m.expiresAt,
    converted_at: m.convertedAt,
    route_id: m.routeId,
    buy_price_micros: m.buyPriceMicros,
    connector_id: m.connectorId,
    done_at: m.doneAt,
    error_code: m.errorCode,
    error_reason: m.errorReason,
  };
}

function fromRow(r: MessageRow): MessageRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    trafficAccountId: r.traffic_account_id,
    apiKeyId: r.api_key_id,
    state: r.state as MessageState,
    sender: r.sender,
    senderForm: r.sender_form as SenderForm,
    recipient: r.recipient,
    country: r.country,
    text: r.text,
    type: r.type as RequestedType,
    encoding: r.encoding as Encoding,
    characters: r.characters,
    units: r.units,
    segments: r.segments,
    udh: r.udh,
    priceMicros: r.price_micros,
    currency: r.currency,
    reference: r.reference,
    callbackUrl: r.callback_url,
    validityMinutes: r.validity_minutes,
    pid: r.pid,
    flash: r.flash === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expiresAt: r.expires_at,
    convertedAt: r.converted_at,
    routeId: r.route_id,
    buyPriceMicros: r.buy_price_micros,
    connectorId: r.connector_id,
    doneAt: r.done_at,
    errorCode: r.error_code,
    errorReason: r.error_reason,
  };
}

/** PostgreSQL allows 65,535 bind parameters per statement. */
const PG_ROWS_PER_INSERT = Math.floor(65535 / MESSAGE_COLUMNS.length);

export interface MessageStoreOptions {
  /** Runs each SQLite write transaction under a lock shared with the process's other threads. */
  serialize?: <T>(fn: () => T) => T;
}

export class SqlMessageStore implements MessageStore {
  readonly #database: Database;
  readonly #insertRows: ((rows: readonly MessageRecord[]) => void) | null;

  constructor(database: Database, opts: MessageStoreOptions = {}) {
    this.#database = database;
    this.#insertRows = database.sqlite ? prepareSqliteInsert(database, opts.serialize ?? ((fn) => fn())) : null;
  }

  async insert(records: readonly MessageRecord[]): Promise<void> {
    if (records.length === 0) return;
    if (this.#insertRows) return this.#insertRows(records);
    const db = this.#database.db;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < records.length; i += PG_ROWS_PER_INSERT) {
        await trx.insertInto('messages').values(records.slice(i, i + PG_ROWS_PER_INSERT).map(toRow)).execute();
      }
    });
  }

  async get(accountId: number, id: string): Promise<MessageRecord | null> {
    const row = await this.#database.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async list(accountId: number, f: MessageFilter, before: string | null, limit: number): Promise<MessageRecord[]> {
    let q = this.#database.db.selectFrom('messages').selectAll().where('account_id', '=', accountId);
    if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('created_at', '<', f.to);
    if (f.recipient !== undefined) q = q.where('recipient', '=', f.recipient);
    if (f.state !== undefined) q = q.where('state', '=', f.state);
    if (f.reference !== undefined) q = q.where('reference', '=', f.reference);
    if (f.trafficAccountId !== undefined) q = q.where('traffic_account_id', '=', f.trafficAccountId);
    // UUIDv7 ids sort by creation time, so the id alone is a stable cursor.
    if (before !== null) q = q.where('id', '<', before);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(fromRow);
  }

  async usageByCountry(trafficAccountIds: readonly number[], from: number, to: number): Promise<CountryUsage[]> {
    if (trafficAccountIds.length === 0) return [];
    const { db } = this.#database;
    const rows = await db
      .selectFrom('messages')
      .select(({ fn }) => [
        'country',
        fn.sum<number>('segments').as('parts'),
        fn.sum<number | null>('price_micros').as('cost'),
      ])
      .where('traffic_account_id', 'in', trafficAccountIds)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      // Test, blocked and failed messages are never charged (DESIGN.md).
      .where('state', 'not in', ['test', 'blocked', 'failed'])
      .groupBy('country')
      .orderBy('country')
      .execute();
    return rows.map((r) => ({ country: r.country, messages: Number(r.parts), costMicros: Number(r.cost ?? 0) }));
  }

  async markConverted(accountId: number, id: string, at: number): Promise<boolean> {
    const { db } = this.#database;
    const found = await db
      .selectFrom('messages')
      .select('id')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!found) return false;
    // Guarded in SQL: the first conversion time stands.
    await db.updateTable('messages').set({ converted_at: at }).where('id', '=', id).where('converted_at', 'is', null).execute();
    return true;
  }
}

function prepareSqliteInsert(database: Database, serialize: <T>(fn: () => T) => T): (rows: readonly MessageRecord[]) => void {
  const raw = database.sqlite!;
  const placeholders = MESSAGE_COLUMNS.map(() => '?').join(',');
  const stmt: Statement<unknown[]> = raw.prepare(`INSERT INTO messages (${MESSAGE_COLUMNS.join(',')}) VALUES (${placeholders})`);
  // BEGIN IMMEDIATE: take the write lock at the start, so a transaction never fails half-way.
  const insertAll = raw.transaction((rows: readonly MessageRecord[]) => {
    for (const m of rows) {
      stmt.run(
        m.id, m.accountId, m.trafficAccountId, m.apiKeyId, m.state, m.sender, m.senderForm, m.recipient,
        m.country, m.text, m.type, m.encoding, m.characters, m.units, m.segments, m.udh, m.priceMicros,
        m.currency, m.reference, m.callbackUrl, m.validityMinutes, m.pid, m.flash ? 1 : 0, m.createdAt,
        m.updatedAt, m.expiresAt, m.convertedAt, m.routeId, m.buyPriceMicros, m.connectorId, m.doneAt,
        m.errorCode, m.errorReason,
      );
    }
  });
  return (rows) => serialize(() => insertAll.immediate(rows));
}
