// InboundStore and NumberStore (both dialects, through Kysely). An inbound message is handled
// in one transaction: its part kept (or its message assembled), its number resolved to a
// traffic account (the number's, the catch-all's, or an install's only one: domain/inbound.ts), its keyword applied to the account's blacklist, the message stored (a
// trigger enqueues its forward to the account's webhook). Inbound traffic is light next to
// receipts, so this favours one readable path over the dispatch stores' prepared statements.

import { sql, type Kysely } from 'kysely';
import { addressKey, CATCH_ALL_NUMBER, inboundOwner, isConcatenated, joinParts } from '../domain/inbound.ts';
import { DEFAULT_KEYWORDS, keywordAction } from '../domain/opt-out.ts';
import type { InboundPart } from '../engine/ports.ts';
import type { InboundFilter, InboundMessage, InboundNumber, InboundStore, NumberStore } from '../gateway/ports.ts';
import { keywordLists } from './blacklist-repository.ts';
import { NO_ID, writeTransaction, type Database } from './database.ts';
import type { DataScope } from '../domain/scopes.ts';
import type { InboundMessagesTable, Schema } from './schema.ts';

function toInbound(r: InboundMessagesTable): InboundMessage {
  return {
    id: r.id,
    connectorId: Number(r.connector_id),
    accountId: r.account_id === null ? null : Number(r.account_id),
    trafficAccountId: r.traffic_account_id === null ? null : Number(r.traffic_account_id),
    from: r.sender,
    to: r.recipient,
    text: r.text,
    encoding: r.encoding,
    parts: r.parts,
    action: r.action as InboundMessage['action'],
    receivedAt: Number(r.received_at),
  };
}

export class SqlInboundStore implements InboundStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  receive(part: InboundPart): Promise<InboundMessage | null> {
    return writeTransaction(this.#database, async (trx) => {
      const whole = isConcatenated(part.concat) ? await assemble(trx, this.#database.dialect, part) : { text: part.text, parts: 1 };
      if (!whole) return null;
      const from = addressKey(part.from);
      const to = addressKey(part.to);
      const owner = await ownerOf(trx, to);
      const action = owner ? keywordAction(whole.text, keywordLists(owner) ?? DEFAULT_KEYWORDS) : null;
      const row: InboundMessagesTable = {
        id: part.id,
        connector_id: part.connectorId,
        sender: from,
        recipient: to,
        text: whole.text,
        encoding: part.encoding,
        received_at: part.receivedAt,
        account_id: owner ? Number(owner.account) : null,
        traffic_account_id: owner ? Number(owner.ta) : null,
        action,
        parts: whole.parts,
      };
      await trx.insertInto('inbound_messages').values(row).execute();
      if (owner && action === 'opt_out') {
        // A number already on the list (it opted out before, or was added by hand) keeps its first entry.
        await trx
          .insertInto('blacklist')
          .values({ account_id: row.account_id!, number: from, source: 'keyword', reason: whole.text, inbound_id: row.id, created_at: row.received_at })
          .onConflict((oc) => oc.columns(['account_id', 'number']).doNothing())
          .execute();
      } else if (owner && action === 'opt_in') {
        await trx.deleteFrom('blacklist').where('account_id', '=', row.account_id!).where('number', '=', from).execute();
      }
      return toInbound(row);
    });
  }

  /** The scope's inbound messages, or (null) those to numbers no traffic account has. */
  #of(scope: DataScope | null) {
    const q = this.#database.db.selectFrom('inbound_messages').selectAll();
    if (scope === null) return q.where('account_id', 'is', null);
    const own = q.where('account_id', '=', scope.accountId);
    return scope.trafficAccountIds === null ? own : own.where('traffic_account_id', 'in', [...scope.trafficAccountIds, NO_ID]);
  }

  async list(scope: DataScope | null, f: InboundFilter, before: string | null, limit: number): Promise<InboundMessage[]> {
    let q = this.#of(scope);
    if (f.from !== undefined) q = q.where('received_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('received_at', '<', f.to);
    if (f.sender !== undefined) q = q.where('sender', '=', addressKey(f.sender));
    if (f.recipient !== undefined) q = q.where('recipient', '=', addressKey(f.recipient));
    if (before !== null) q = q.where('id', '<', before);
    return (await q.orderBy('id', 'desc').limit(limit).execute()).map(toInbound);
  }

  async get(scope: DataScope | null, id: string): Promise<InboundMessage | null> {
    const r = await this.#of(scope).where('id', '=', id).executeTakeFirst();
    return r ? toInbound(r) : null;
  }

  async dropStaleParts(before: number): Promise<number> {
    const r = await this.#database.db.deleteFrom('inbound_parts').where('received_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

/** The traffic account (with its account's keywords) an inbound message to `to` belongs to (domain/inbound.ts). */
async function ownerOf(trx: Kysely<Schema>, to: string) {
  const owners = () => trx.selectFrom('traffic_accounts as t').innerJoin('accounts as a', 'a.id', 't.account_id').select(['t.id as ta', 'a.id as account', 'a.opt_out_keywords', 'a.opt_in_keywords']);
  const assigned = await owners().innerJoin('numbers as n', 'n.traffic_account_id', 't.id').select('n.number').where('n.number', 'in', [to, CATCH_ALL_NUMBER]).execute();
  const only = assigned.length ? [] : await owners().orderBy('t.id').limit(2).execute();
  return inboundOwner({ number: assigned.find((r) => r.number === to), catchAll: assigned.find((r) => r.number === CATCH_ALL_NUMBER), only: only.length === 1 ? only[0] : undefined });
}

/**
 * Keeps the part; once every part of its message is in, removes them and returns the whole
 * text. Parts are keyed by connector, sender, recipient, reference and count, so two long
 * messages from one phone with the same reference byte but a different length do not mix.
 */
async function assemble(trx: Kysely<Schema>, dialect: Database['dialect'], p: InboundPart): Promise<{ text: string; parts: number } | null> {
  const c = p.concat!;
  const key = { connector_id: p.connectorId, sender: addressKey(p.from), recipient: addressKey(p.to), ref: c.ref, total: c.total };
  // Two parts arriving at once on PostgreSQL would each see only itself and never complete the
  // message: one lock per message key makes the second wait for the first. (SQLite: one writer.)
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtextextended(${JSON.stringify(Object.values(key))}, 0))`.execute(trx);
  await trx
    .insertInto('inbound_parts')
    .values({ ...key, seq: c.seq, text: p.text, encoding: p.encoding, received_at: p.receivedAt })
    .onConflict((oc) => oc.columns(['connector_id', 'sender', 'recipient', 'ref', 'total', 'seq']).doNothing()) // a part sent again
    .execute();
  // biome-ignore lint/suspicious/noExplicitAny: the same filter on a select and a delete, whose where() signatures differ
  const where = <Q extends { where: (...a: any[]) => Q }>(q: Q): Q =>
    q.where('connector_id', '=', key.connector_id).where('sender', '=', key.sender).where('recipient', '=', key.recipient).where('ref', '=', key.ref).where('total', '=', key.total);
  const parts = await where(trx.selectFrom('inbound_parts').select(['seq', 'text'])).execute();
  const text = joinParts(parts, c.total);
  if (text === null) return null;
  await where(trx.deleteFrom('inbound_parts')).execute();
  return { text, parts: c.total };
}

export class SqlNumberStore implements NumberStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async add(n: InboundNumber): Promise<boolean> {
    const r = await this.#database.db
      .insertInto('numbers')
      .values({ number: addressKey(n.number), traffic_account_id: n.trafficAccountId, created_at: n.createdAt })
      .onConflict((oc) => oc.column('number').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async list(accountId: number | null): Promise<InboundNumber[]> {
    let q = this.#database.db.selectFrom('numbers as n').innerJoin('traffic_accounts as t', 't.id', 'n.traffic_account_id').select(['n.number', 'n.traffic_account_id', 'n.created_at']);
    if (accountId !== null) q = q.where('t.account_id', '=', accountId);
    const rows = await q.orderBy('n.number').execute();
    return rows.map((r) => ({ number: r.number, trafficAccountId: Number(r.traffic_account_id), createdAt: Number(r.created_at) }));
  }

  async remove(number: string): Promise<boolean> {
    const r = await this.#database.db.deleteFrom('numbers').where('number', '=', addressKey(number)).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
