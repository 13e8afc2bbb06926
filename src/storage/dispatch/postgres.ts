// DispatchStore on PostgreSQL: set-based statements over arrays (one round trip for a whole
// batch where the work is uniform), row locks with SKIP LOCKED so several workers claim
// disjoint batches, and receipts matched one by one inside the batch's transaction.

import { sql, type Kysely, type Transaction } from 'kysely';
import { BLOCKED_REASON } from '../../domain/opt-out.ts';
import { smscIdKeys } from '../../domain/smsc-id.ts';
import type { DispatchBatch, DispatchResult, DispatchStore, LaneIdentity, OutboundMessage, ReceiptIn, ReapResult, SubmitOutcome, Timeline } from '../../engine/ports.ts';
import type { Schema } from '../schema.ts';
import {
  errorCodeOf,
  KEEP_ROUTED,
  messageStateAfter,
  OPEN_FOR_RECEIPTS,
  OUTBOUND_COLUMNS,
  PARKED_COLUMNS,
  partStateAfter,
  receiptOfParked,
  toOutbound,
  toTimeline,
  type OutboundRow,
  type ParkedRow,
} from './common.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

interface PartHit {
  message_id: string;
  seq: number;
  state: string;
}

const rowsOf = async <T>(db: Db, q: ReturnType<typeof sql<T>>): Promise<T[]> => (await q.execute(db)).rows;
const countOf = async (db: Db, q: ReturnType<typeof sql>): Promise<number> => Number((await q.execute(db)).numAffectedRows ?? 0);

export class PgDispatchStore implements DispatchStore {
  readonly #db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  async claim(lane: LaneIdentity, limit: number, _now: number, leaseUntil: number, unrouted: boolean): Promise<OutboundMessage[]> {
    // Each claim walks the due index (connector_id, created_at) in order; row locks are not
    // allowed on a UNION itself, so the two locked claims are CTEs.
    const due = (connector: ReturnType<typeof sql>) =>
      sql`SELECT id, created_at FROM messages WHERE state = 'queued' AND lease_until IS NULL AND ${connector} ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    const unroutedClaim = unrouted ? sql`UNION ALL SELECT * FROM unrouted` : sql``;
    const rows = await rowsOf<OutboundRow>(
      this.#db,
      sql`WITH routed AS (${due(sql`connector_id = ${lane.connectorId}`)}),
               unrouted AS (${due(unrouted ? sql`connector_id IS NULL` : sql`false`)}),
               chosen AS (SELECT id FROM (SELECT * FROM routed ${unroutedClaim}) AS c ORDER BY created_at LIMIT ${limit})
          UPDATE messages SET lease_owner = ${lane.owner}, lease_until = ${leaseUntil}, connector_id = ${lane.connectorId}
          WHERE id IN (SELECT id FROM chosen)
          RETURNING ${sql.raw(OUTBOUND_COLUMNS)}`,
    );
    return toOutbound(rows.sort((a, b) => a.created_at - b.created_at));
  }

  async write(lane: LaneIdentity, batch: DispatchBatch, now: number, leaseUntil: number): Promise<DispatchResult> {
    return this.#db.transaction().execute(async (trx) => {
      const result: DispatchResult = { submitting: [], lost: [], blocked: [], matched: 0, parked: 0 };
      if (batch.submitting.length) {
        // A recipient who opted out while the message waited: blocked, not sent.
        const blocked = await rowsOf<{ id: string }>(
          trx,
          sql`UPDATE messages m SET state = 'blocked', done_at = ${now}, price_micros = NULL, buy_price_micros = NULL, error_reason = ${BLOCKED_REASON},
                lease_owner = NULL, lease_until = NULL, updated_at = ${now}
              FROM blacklist b
              WHERE m.id = ANY(${batch.submitting}::uuid[]) AND m.state = 'queued' AND m.lease_owner = ${lane.owner}
                AND b.account_id = m.account_id AND b.number = m.recipient
              RETURNING m.id`,
        );
        result.blocked = blocked.map((r) => r.id);
        const marked = await rowsOf<{ id: string }>(
          trx,
          sql`UPDATE messages SET state = 'submitting', lease_until = ${leaseUntil}, updated_at = ${now}
              WHERE id = ANY(${batch.submitting}::uuid[]) AND state = 'queued' AND lease_owner = ${lane.owner} RETURNING id`,
        );
        const ok = new Set(marked.map((r) => r.id));
        const gone = new Set(result.blocked);
        for (const id of batch.submitting) if (!gone.has(id)) (ok.has(id) ? result.submitting : result.lost).push(id);
      }
      if (batch.expired.length) {
        await sql`UPDATE messages SET state = 'expired', done_at = ${now}, updated_at = ${now}, lease_owner = NULL, lease_until = NULL
                  WHERE id = ANY(${batch.expired}::uuid[]) AND state = 'queued' AND lease_owner = ${lane.owner}`.execute(trx);
      }
      if (batch.released.length) {
        await sql`UPDATE messages SET lease_owner = NULL, lease_until = NULL, ${sql.raw(KEEP_ROUTED)}
                  WHERE id = ANY(${batch.released}::uuid[]) AND state = 'queued' AND lease_owner = ${lane.owner}`.execute(trx);
      }
      const requeued = batch.outcomes.filter((o) => o.state === 'queued').map((o) => o.id);
      if (requeued.length) {
        await sql`UPDATE messages SET state = 'queued', lease_owner = NULL, lease_until = NULL, ${sql.raw(KEEP_ROUTED)}, updated_at = ${now}
                  WHERE id = ANY(${requeued}::uuid[]) AND state = 'submitting'`.execute(trx);
      }
      const outcomes = batch.outcomes.filter((o) => o.state !== 'queued');
      if (outcomes.length) result.matched += await this.#recordOutcomes(trx, lane, outcomes, now);
      if (batch.receipts.length) {
        const matched = await this.#matchReceipts(trx, lane, batch.receipts, now);
        const unmatched = batch.receipts.filter((_, i) => !matched[i]);
        result.matched += batch.receipts.length - unmatched.length;
        result.parked += unmatched.length;
        if (unmatched.length) {
          await sql`INSERT INTO parked_receipts (connector_id, smsc_id, stat, error, network, done_at, received_at)
                    SELECT ${lane.connectorId}, k, st, er, nw, da, ${now}
                    FROM unnest(${unmatched.map((r) => r.keys[0])}::text[], ${unmatched.map((r) => r.stat)}::text[], ${unmatched.map((r) => r.error)}::text[],
                                ${unmatched.map((r) => r.network)}::text[], ${unmatched.map((r) => r.doneAt)}::bigint[]) AS v(k, st, er, nw, da)`.execute(trx);
        }
      }
      return result;
    });
  }

  async #recordOutcomes(trx: Db, lane: LaneIdentity, outcomes: readonly SubmitOutcome[], now: number): Promise<number> {
    const parts = outcomes.flatMap((o) => o.parts.map((p) => ({ o, p })));
    await sql`INSERT INTO message_parts (message_id, seq, total, connector_id, smsc_id, state, submit_status, submitted_at)
              SELECT m, s, t, ${lane.connectorId}, i, st, cs, a
              FROM unnest(${parts.map((x) => x.o.id)}::uuid[], ${parts.map((x) => x.p.seq)}::int[], ${parts.map((x) => x.o.parts.length)}::int[],
                          ${parts.map((x) => x.p.smscId)}::text[], ${parts.map((x) => x.p.state)}::text[], ${parts.map((x) => x.p.status)}::bigint[],
                          ${parts.map((x) => x.p.at)}::bigint[]) AS v(m, s, t, i, st, cs, a)
              ON CONFLICT (message_id, seq) DO UPDATE SET total = excluded.total, connector_id = excluded.connector_id, smsc_id = excluded.smsc_id,
                state = excluded.state, submit_status = excluded.submit_status, submitted_at = excluded.submitted_at`.execute(trx);
    await sql`UPDATE messages SET state = v.st, submitted_at = v.sa, done_at = v.da, error_code = v.ec, error_reason = v.er,
                lease_owner = NULL, lease_until = NULL, updated_at = ${now}
              FROM unnest(${outcomes.map((o) => o.id)}::uuid[], ${outcomes.map((o) => o.state)}::text[],
                          ${outcomes.map((o) => o.parts.find((p) => p.state === 'submitted')?.at ?? null)}::bigint[],
                          ${outcomes.map((o) => (o.state === 'submitted' ? null : now))}::bigint[],
                          ${outcomes.map((o) => o.errorCode)}::int[], ${outcomes.map((o) => o.reason)}::text[]) AS v(id, st, sa, da, ec, er)
              WHERE messages.id = v.id AND messages.state = 'submitting'`.execute(trx);
    // Receipts that came before their submit_sm_resp: one indexed look-up for the whole batch.
    const keys = parts.flatMap(({ p }) => (p.smscId === null ? [] : smscIdKeys(p.smscId)));
    const parked = await rowsOf<ParkedRow>(
      trx,
      sql`SELECT ${sql.raw(PARKED_COLUMNS)} FROM parked_receipts
          WHERE connector_id = ${lane.connectorId} AND smsc_id = ANY(${keys}::text[]) AND orphaned_at IS NULL ORDER BY id`,
    );
    return this.#unpark(trx, lane, parked, now);
  }

  /** Matches parked receipts against the parts now stored; those that match are no longer parked. */
  async #unpark(trx: Db, lane: LaneIdentity, parked: readonly ParkedRow[], now: number): Promise<number> {
    if (parked.length === 0) return 0;
    const matched = await this.#matchReceipts(trx, lane, parked.map(receiptOfParked), now);
    const gone = parked.filter((_, i) => matched[i]).map((p) => p.id);
    if (gone.length) await sql`DELETE FROM parked_receipts WHERE id = ANY(${gone}::bigint[])`.execute(trx);
    return gone.length;
  }

  /**
   * Matches a batch of receipts in a few set-based statements: find each receipt's part (an open
   * one first, then any, under its keys in order), record the receipts on their parts (several
   * for one part apply in arrival order), and settle the messages whose parts are now final.
   * Returns, per receipt, whether it found its part.
   */
  async #matchReceipts(trx: Db, lane: LaneIdentity, receipts: readonly ReceiptIn[], now: number): Promise<boolean[]> {
    const idx: number[] = [];
    const keys: string[] = [];
    const rank: number[] = [];
    for (const [i, r] of receipts.entries()) {
      for (const [j, k] of r.keys.entries()) idx.push(i), keys.push(k), rank.push(j);
    }
    const hits = await rowsOf<PartHit & { i: number; total: number }>(
      trx,
      sql`SELECT DISTINCT ON (r.i) r.i, p.message_id, p.seq, p.state, p.total
          FROM unnest(${idx}::int[], ${keys}::text[], ${rank}::int[]) AS r(i, key, rank)
          JOIN message_parts p ON p.connector_id = ${lane.connectorId} AND p.smsc_id = r.key
          ORDER BY r.i, (p.state = 'submitted') DESC, r.rank, p.submitted_at DESC`,
    );
    const matched = receipts.map(() => false);
    // Per part, its receipts in arrival order: the last decides the fields, states accumulate.
    const parts = new Map<string, { hit: PartHit & { total: number }; state: string; r: ReceiptIn }>();
    for (const h of hits.sort((a, b) => a.i - b.i)) {
      matched[h.i] = true;
      const r = receipts[h.i]!;
      const key = `${h.message_id}/${h.seq}`;
      const prev = parts.get(key);
      parts.set(key, { hit: h, state: partStateAfter(prev?.state ?? h.state, r), r });
    }
    if (parts.size === 0) return matched;
    const changed = [...parts.values()];
    await sql`UPDATE message_parts p SET state = v.st, receipt_stat = v.rs, receipt_error = v.re, network = coalesce(v.nw, p.network), done_at = v.da, receipt_at = ${now}
              FROM unnest(${changed.map((c) => c.hit.message_id)}::uuid[], ${changed.map((c) => c.hit.seq)}::int[], ${changed.map((c) => c.state)}::text[],
                          ${changed.map((c) => c.r.stat)}::text[], ${changed.map((c) => c.r.error)}::text[], ${changed.map((c) => c.r.network)}::text[],
                          ${changed.map((c) => c.r.doneAt)}::bigint[]) AS v(m, s, st, rs, re, nw, da)
              WHERE p.message_id = v.m AND p.seq = v.s`.execute(trx);
    await this.#settle(trx, lane, changed, now);
    return matched;
  }

  /** Settles the messages of receipted parts: one-part messages from the part, others from all their parts. */
  async #settle(trx: Db, lane: LaneIdentity, changed: ReadonlyArray<{ hit: PartHit & { total: number }; state: string; r: ReceiptIn }>, now: number): Promise<void> {
    // Per message: its parts' states, and the last receipt (whose err the message keeps).
    const byMessage = new Map<string, { states: Array<{ state: string; total: number }>; r: ReceiptIn }>();
    for (const c of changed) byMessage.set(c.hit.message_id, { states: c.hit.total === 1 ? [{ state: c.state, total: 1 }] : [], r: c.r });
    const multi = [...byMessage].filter(([, m]) => m.states.length === 0).map(([id]) => id);
    if (multi.length) {
      const rows = await rowsOf<{ message_id: string; state: string; total: number }>(trx, sql`SELECT message_id, state, total FROM message_parts WHERE message_id = ANY(${multi}::uuid[])`);
      for (const row of rows) byMessage.get(row.message_id)!.states.push(row);
    }
    const final = [...byMessage].map(([id, m]) => ({ id, state: messageStateAfter(m.states, lane.anyPartDelivers), err: errorCodeOf(m.r.error) })).filter((f) => f.state !== null);
    if (final.length === 0) return;
    await sql`UPDATE messages SET state = v.st, done_at = ${now}, error_code = coalesce(v.ec, messages.error_code), lease_owner = NULL, lease_until = NULL, updated_at = ${now}
              FROM unnest(${final.map((f) => f.id)}::uuid[], ${final.map((f) => f.state)}::text[], ${final.map((f) => f.err)}::int[]) AS v(id, st, ec)
              WHERE messages.id = v.id AND messages.state = ANY(${[...OPEN_FOR_RECEIPTS]}::text[])`.execute(trx);
  }

  async renew(lane: LaneIdentity, ids: readonly string[], leaseUntil: number): Promise<void> {
    if (ids.length === 0) return;
    await sql`UPDATE messages SET lease_until = ${leaseUntil}
              WHERE id = ANY(${[...ids]}::uuid[]) AND lease_owner = ${lane.owner} AND state IN ('queued','submitting')`.execute(this.#db);
  }

  async reap(now: number, resendConnectors: readonly number[], noReceiptBefore: number): Promise<ReapResult> {
    return this.#db.transaction().execute(async (trx) => {
      const released = await countOf(trx, sql`UPDATE messages SET lease_owner = NULL, lease_until = NULL, ${sql.raw(KEEP_ROUTED)} WHERE state = 'queued' AND lease_until < ${now}`);
      const resent = resendConnectors.length
        ? await countOf(
            trx,
            sql`UPDATE messages SET state = 'queued', lease_owner = NULL, lease_until = NULL, ${sql.raw(KEEP_ROUTED)}, updated_at = ${now}
                WHERE state = 'submitting' AND lease_until < ${now} AND connector_id = ANY(${[...resendConnectors]}::bigint[])`,
          )
        : 0;
      const unknown = await countOf(
        trx,
        sql`UPDATE messages SET state = 'unknown', done_at = ${now}, error_reason = 'interrupted while submitting (lease expired)',
              lease_owner = NULL, lease_until = NULL, updated_at = ${now}
            WHERE state = 'submitting' AND lease_until < ${now}`,
      );
      const expired = await countOf(
        trx,
        sql`UPDATE messages SET state = 'expired', done_at = ${now}, updated_at = ${now}
            WHERE id IN (SELECT id FROM messages WHERE state = 'queued' AND lease_until IS NULL ORDER BY created_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
              AND expires_at < ${now}`,
      );
      const noReceipt = await countOf(
        trx,
        sql`UPDATE messages SET state = 'unknown', done_at = ${now}, error_reason = 'no final delivery receipt within the validity period', updated_at = ${now}
            WHERE state = 'submitted' AND expires_at < ${noReceiptBefore}`,
      );
      return { released, unknown, resent, expired, noReceipt };
    });
  }

  async endLeases(ownerPrefix: string): Promise<number> {
    return countOf(this.#db, sql`UPDATE messages SET lease_until = 0 WHERE lease_until IS NOT NULL AND substr(lease_owner, 1, length(${ownerPrefix})) = ${ownerPrefix}`);
  }

  async retryParked(lane: LaneIdentity, now: number, orphanBefore: number): Promise<{ matched: number; orphaned: number }> {
    return this.#db.transaction().execute(async (trx) => {
      const parked = await rowsOf<ParkedRow>(
        trx,
        sql`SELECT ${sql.raw(PARKED_COLUMNS)} FROM parked_receipts WHERE connector_id = ${lane.connectorId} AND orphaned_at IS NULL ORDER BY id FOR UPDATE SKIP LOCKED`,
      );
      const matched = await this.#unpark(trx, lane, parked, now);
      const orphaned = await countOf(trx, sql`UPDATE parked_receipts SET orphaned_at = ${now} WHERE connector_id = ${lane.connectorId} AND orphaned_at IS NULL AND received_at < ${orphanBefore}`);
      return { matched, orphaned };
    });
  }

  async timeline(messageId: string): Promise<Timeline | null> {
    const m = await this.#db.selectFrom('messages').select(['route_id', 'connector_id', 'submitted_at', 'done_at', 'error_code', 'error_reason']).where('id', '=', messageId).executeTakeFirst();
    if (!m) return null;
    const parts = await this.#db.selectFrom('message_parts').selectAll().where('message_id', '=', messageId).orderBy('seq').execute();
    return toTimeline(m, parts);
  }

  async handOver(routeId: number, from: number, to: number): Promise<number> {
    return countOf(this.#db, sql`UPDATE messages SET connector_id = ${to} WHERE route_id = ${routeId} AND connector_id = ${from} AND state = 'queued' AND lease_until IS NULL`);
  }

  async countQueued(connectorId: number, unrouted: boolean): Promise<number> {
    const [row] = await rowsOf<{ n: number }>(
      this.#db,
      sql`SELECT count(*)::int AS n FROM messages WHERE state = 'queued' AND lease_until IS NULL
          AND (connector_id = ${connectorId}${unrouted ? sql` OR connector_id IS NULL` : sql``})`,
    );
    return row?.n ?? 0;
  }
}
