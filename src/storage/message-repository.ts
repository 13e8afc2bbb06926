// MessageStore on Kysely, with a prepared-statement fast path for SQLite inserts: one
// statement run N times in a transaction is several times cheaper than compiling a
// multi-row INSERT per batch.

import type { Statement } from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { Encoding, RequestedType } from '../domain/encoding.ts';
import type { MessageState } from '../domain/message-state.ts';
import type { SenderForm } from '../domain/sender.ts';
import { blockedMessage } from '../domain/opt-out.ts';
import type { ConversionResult, CountryUsage, CreditState, InsertResult, MarginRow, MessageFilter, MessageRecord, MessageStore, Submission, TrafficAccountUsage } from '../gateway/ports.ts';
import { NO_ID, type Database } from './database.ts';
import type { DataScope } from '../domain/scopes.ts';
import { MESSAGE_COLUMNS, type MessageRow, type Schema } from './schema.ts';

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

/**
 * Messages that reached a carrier, or may have (a submit interrupted by a crash): what usage
 * counts and what is charged. Test, blocked, failed and queue-expired messages never left.
 */
export const SENT = `(submitted_at IS NOT NULL OR state = 'unknown')`;

/** PostgreSQL allows 65,535 bind parameters per statement. */
const PG_ROWS_PER_INSERT = Math.floor(65535 / MESSAGE_COLUMNS.length);

export interface MessageStoreOptions {
  /** Runs each SQLite write transaction under a lock shared with the process's other threads. */
  serialize?: <T>(fn: () => T) => T;
}

export class SqlMessageStore implements MessageStore {
  readonly #database: Database;
  readonly #insertRows: ((submissions: readonly Submission[]) => InsertResult) | null;

  constructor(database: Database, opts: MessageStoreOptions = {}) {
    this.#database = database;
    this.#insertRows = database.sqlite ? prepareSqliteInsert(database, opts.serialize ?? ((fn) => fn())) : null;
  }

  async insert(submissions: readonly Submission[]): Promise<InsertResult> {
    if (this.#insertRows) return this.#insertRows(submissions);
    return this.#database.db.transaction().execute(async (trx) => {
      const blacklisted = await pgBlacklisted(trx, submissions);
      const blocked = new Set<string>();
      const refused = new Map<Submission, CreditState>();
      const rows: MessageRow[] = [];
      for (const s of submissions) {
        const { records, cost } = screened(s, (m) => blacklisted.has(`${m.accountId} ${m.recipient}`), blocked);
        const credit = s.creditLimited && cost > 0 ? await pgCharge(trx, records[0]!.trafficAccountId, cost) : null;
        if (credit) {
          for (const m of records) blocked.delete(m.id);
          refused.set(s, credit);
        } else for (const m of records) rows.push(toRow(m));
      }
      for (let i = 0; i < rows.length; i += PG_ROWS_PER_INSERT)
        await trx
          .insertInto('messages')
          .values(rows.slice(i, i + PG_ROWS_PER_INSERT))
          .execute();
      return { blocked, refused };
    });
  }

  /** The messages a scope may read. */
  #of(scope: DataScope) {
    const q = this.#database.db.selectFrom('messages').selectAll().where('account_id', '=', scope.accountId);
    return scope.trafficAccountIds === null ? q : q.where('traffic_account_id', 'in', [...scope.trafficAccountIds, NO_ID]);
  }

  async get(scope: DataScope, id: string): Promise<MessageRecord | null> {
    const row = await this.#of(scope).where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async list(scope: DataScope, f: MessageFilter, before: string | null, limit: number): Promise<MessageRecord[]> {
    let q = this.#of(scope);
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
      .select(({ fn }) => ['country', fn.sum<number>('segments').as('parts'), fn.sum<number | null>('price_micros').as('cost')])
      .where('traffic_account_id', 'in', trafficAccountIds)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .where(sql<boolean>`${sql.raw(SENT)}`)
      .groupBy('country')
      .orderBy('country')
      .execute();
    return rows.map((r) => ({ country: r.country, messages: Number(r.parts), costMicros: Number(r.cost ?? 0) }));
  }

  async usageByTrafficAccount(scope: DataScope, from: number, to: number): Promise<TrafficAccountUsage[]> {
    const within = scope.trafficAccountIds === null ? sql`` : sql`AND traffic_account_id IN (${sql.join([...scope.trafficAccountIds, NO_ID])})`;
    const r = await sql<{ ta: number; currency: string; messages: number; parts: number; delivered: number; converted: number; cost: number | null }>`
      SELECT traffic_account_id AS ta, currency, count(*) AS messages, sum(segments) AS parts,
             sum(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END) AS delivered,
             sum(CASE WHEN state = 'delivered' AND converted_at IS NOT NULL THEN 1 ELSE 0 END) AS converted,
             sum(price_micros) AS cost
      FROM messages WHERE account_id = ${scope.accountId} ${within} AND created_at >= ${from} AND created_at < ${to} AND ${sql.raw(SENT)}
      GROUP BY traffic_account_id, currency ORDER BY traffic_account_id, currency`.execute(this.#database.db);
    return r.rows.map((x) => ({
      trafficAccountId: Number(x.ta),
      currency: x.currency,
      messages: Number(x.messages),
      parts: Number(x.parts),
      delivered: Number(x.delivered),
      converted: Number(x.converted),
      costMicros: Number(x.cost ?? 0),
    }));
  }

  async margin(by: 'connector' | 'trafficAccount', from: number, to: number): Promise<MarginRow[]> {
    const key = sql.raw(by === 'connector' ? 'connector_id' : 'traffic_account_id');
    const r = await sql<{ k: number | null; currency: string; messages: number; parts: number; sell: number | null; buy: number | null }>`
      SELECT ${key} AS k, currency, count(*) AS messages, sum(segments) AS parts, sum(price_micros) AS sell, sum(buy_price_micros) AS buy
      FROM messages WHERE created_at >= ${from} AND created_at < ${to} AND ${sql.raw(SENT)}
      GROUP BY ${key}, currency ORDER BY ${key}, currency`.execute(this.#database.db);
    return r.rows.map((x) => ({
      connectorId: by === 'connector' ? (x.k === null ? null : Number(x.k)) : null,
      trafficAccountId: by === 'trafficAccount' ? Number(x.k) : null,
      currency: x.currency,
      messages: Number(x.messages),
      parts: Number(x.parts),
      sellMicros: Number(x.sell ?? 0),
      buyMicros: Number(x.buy ?? 0),
    }));
  }

  async markConverted(accountId: number, id: string, at: number): Promise<ConversionResult> {
    const { db } = this.#database;
    const found = await db.selectFrom('messages').select('state').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!found) return 'not_found';
    if (found.state !== 'delivered') return 'not_delivered';
    // Guarded in SQL: the first conversion time stands.
    await db.updateTable('messages').set({ converted_at: at }).where('id', '=', id).where('converted_at', 'is', null).execute();
    return 'recorded';
  }
}

/**
 * The records as they are stored: queued ones to a blacklisted number blocked (their ids added
 * to `blocked`), and what the rest cost, for the credit check.
 */
function screened(s: Submission, isBlacklisted: (m: MessageRecord) => boolean, blocked: Set<string>): { records: MessageRecord[]; cost: number } {
  let cost = 0;
  const records = s.records.map((m) => {
    if (m.state === 'queued' && isBlacklisted(m)) {
      blocked.add(m.id);
      return blockedMessage(m);
    }
    cost += m.priceMicros ?? 0;
    return m;
  });
  return { records, cost };
}

type Trx = Transaction<Schema>;

/** The (account, recipient) pairs of the queued records that are on a blacklist, in one query. */
async function pgBlacklisted(trx: Trx, submissions: readonly Submission[]): Promise<Set<string>> {
  const accounts: number[] = [];
  const numbers: string[] = [];
  for (const s of submissions) {
    for (const m of s.records) {
      if (m.state !== 'queued') continue;
      accounts.push(m.accountId);
      numbers.push(m.recipient);
    }
  }
  if (accounts.length === 0) return new Set();
  const r = await sql<{ account_id: number; number: string }>`SELECT b.account_id, b.number FROM blacklist b
      JOIN unnest(${accounts}::bigint[], ${numbers}::text[]) AS v(a, n) ON b.account_id = v.a AND b.number = v.n`.execute(trx);
  return new Set(r.rows.map((x) => `${x.account_id} ${x.number}`));
}

/** Charges the traffic account `cost` unless that passes its limit; returns its credit when refused. */
async function pgCharge(trx: Trx, trafficAccountId: number, cost: number): Promise<CreditState | null> {
  const r = await sql`UPDATE traffic_accounts SET credit_used_micros = credit_used_micros + ${cost}
      WHERE id = ${trafficAccountId} AND (credit_limit_micros IS NULL OR credit_used_micros + ${cost} <= credit_limit_micros)`.execute(trx);
  if (Number(r.numAffectedRows ?? 0) > 0) return null;
  const t = await trx.selectFrom('traffic_accounts').select(['credit_limit_micros', 'credit_used_micros']).where('id', '=', trafficAccountId).executeTakeFirstOrThrow();
  return { limitMicros: Number(t.credit_limit_micros), usedMicros: Number(t.credit_used_micros), costMicros: cost };
}

function prepareSqliteInsert(database: Database, serialize: <T>(fn: () => T) => T): (submissions: readonly Submission[]) => InsertResult {
  const raw = database.sqlite!;
  const placeholders = MESSAGE_COLUMNS.map(() => '?').join(',');
  const stmt: Statement<unknown[]> = raw.prepare(`INSERT INTO messages (${MESSAGE_COLUMNS.join(',')}) VALUES (${placeholders})`);
  const onBlacklist = raw.prepare(`SELECT 1 FROM blacklist WHERE account_id = ? AND number = ?`).pluck();
  // While no account has a blacklist entry (most installs, most of the time), no lookup per recipient.
  const anyBlacklisted = raw.prepare(`SELECT 1 FROM blacklist LIMIT 1`).pluck();
  const charge = raw.prepare(`UPDATE traffic_accounts SET credit_used_micros = credit_used_micros + ? WHERE id = ? AND (credit_limit_micros IS NULL OR credit_used_micros + ? <= credit_limit_micros)`);
  const credit = raw.prepare(`SELECT credit_limit_micros AS limitMicros, credit_used_micros AS usedMicros FROM traffic_accounts WHERE id = ?`);
  const isBlacklisted = (m: MessageRecord) => onBlacklist.get(m.accountId, m.recipient) !== undefined;
  const nobody = () => false;
  // BEGIN IMMEDIATE: take the write lock at the start, so a transaction never fails half-way.
  const insertAll = raw.transaction((submissions: readonly Submission[]): InsertResult => {
    const blocked = new Set<string>();
    const refused = new Map<Submission, CreditState>();
    const screen = anyBlacklisted.get() !== undefined ? isBlacklisted : nobody;
    for (const s of submissions) {
      const { records, cost } = screened(s, screen, blocked);
      if (s.creditLimited && cost > 0 && charge.run(cost, records[0]!.trafficAccountId, cost).changes === 0) {
        for (const m of records) blocked.delete(m.id);
        refused.set(s, { ...(credit.get(records[0]!.trafficAccountId) as Omit<CreditState, 'costMicros'>), costMicros: cost });
        continue;
      }
      for (const m of records) {
        stmt.run(
          m.id,
          m.accountId,
          m.trafficAccountId,
          m.apiKeyId,
          m.state,
          m.sender,
          m.senderForm,
          m.recipient,
          m.country,
          m.text,
          m.type,
          m.encoding,
          m.characters,
          m.units,
          m.segments,
          m.udh,
          m.priceMicros,
          m.currency,
          m.reference,
          m.callbackUrl,
          m.validityMinutes,
          m.pid,
          m.flash ? 1 : 0,
          m.createdAt,
          m.updatedAt,
          m.expiresAt,
          m.convertedAt,
          m.routeId,
          m.buyPriceMicros,
          m.connectorId,
          m.doneAt,
          m.errorCode,
          m.errorReason,
        );
      }
    }
    return { blocked, refused };
  });
  return (submissions) => serialize(() => insertAll.immediate(submissions));
}
