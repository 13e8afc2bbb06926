// DispatchStore on SQLite: prepared statements run synchronously inside one IMMEDIATE
// transaction under the process's write lock, like the intake fast path (a Kysely query per
// row would compile and prepare each time: several times the cost).

import type { Database as Sqlite } from 'better-sqlite3';
import type { DispatchBatch, DispatchResult, DispatchStore, LaneIdentity, OutboundMessage, ReceiptIn, ReapResult, SubmitOutcome, Timeline } from '../../engine/ports.ts';
import { partStateForStat } from '../../domain/delivery.ts';
import { BLOCKED_REASON } from '../../domain/opt-out.ts';
import { smscIdKeys } from '../../domain/smsc-id.ts';
import type { MessagePartsTable } from '../schema.ts';
import {
  errorCodeOf,
  KEEP_ROUTED,
  messageStateAfter,
  oldestFirst,
  OPEN_FOR_RECEIPTS,
  OUTBOUND_COLUMNS,
  PARKED_COLUMNS,
  receiptOfParked,
  TIMELINE_COLUMNS,
  toOutbound,
  toTimeline,
  type OutboundRow,
  type ParkedRow,
} from './common.ts';

type Serialize = <T>(fn: () => T) => T;
const OPEN = OPEN_FOR_RECEIPTS.map((s) => `'${s}'`).join(',');
/** smscIdKeys gives at most three keys: the id, and its reading in the other base. */
const MAX_KEYS = 3;
const RECEIPT_SET = 'state = coalesce(?, state), receipt_stat = ?, receipt_error = ?, network = coalesce(?, network), done_at = ?, receipt_at = ?';

/** A part after its receipt was recorded. */
interface Receipted {
  message_id: string;
  state: string;
  total: number;
}

function statements(raw: Sqlite) {
  const byKeyCount = <T>(make: (marks: string) => T): T[] => Array.from({ length: MAX_KEYS }, (_, i) => make(Array.from({ length: i + 1 }, () => '?').join(',')));
  return {
    // One worker per SQLite database: a claim is held in the lane's memory, not written (the
    // UPDATE … RETURNING it replaced cost ~18 µs a message in the engine's thread, bench/RESULTS.md).
    // The lease is taken with the `submitting` mark, which only one lane can make.
    // Two claims, each walking the due index (connector_id, created_at) in order: routed to
    // the lane's connector, and unrouted (connector_id IS NULL).
    claim: raw.prepare(`SELECT ${OUTBOUND_COLUMNS} FROM messages WHERE state = 'queued' AND lease_until IS NULL AND connector_id = ? ORDER BY created_at LIMIT ?`),
    claimUnrouted: raw.prepare(`SELECT ${OUTBOUND_COLUMNS} FROM messages WHERE state = 'queued' AND lease_until IS NULL AND connector_id IS NULL ORDER BY created_at LIMIT ?`),
    // A message routed elsewhere meanwhile (failover) is lost to this lane.
    submitting: raw.prepare(
      `UPDATE messages SET state = 'submitting', lease_owner = ?, lease_until = ?, connector_id = ?, updated_at = ? WHERE id = ? AND state = 'queued' AND lease_until IS NULL AND (connector_id IS NULL OR connector_id = ?)`,
    ),
    expire: raw.prepare(`UPDATE messages SET state = 'expired', done_at = ?, updated_at = ? WHERE id = ? AND state = 'queued' AND lease_until IS NULL`),
    // A recipient who opted out while the message waited: blocked, not sent (not when no account has a blacklist).
    anyBlacklisted: raw.prepare(`SELECT 1 FROM blacklist LIMIT 1`),
    block: raw.prepare(
      `UPDATE messages SET state = 'blocked', done_at = ?, price_micros = NULL, buy_price_micros = NULL, error_reason = ?, updated_at = ?
       WHERE id = ? AND state = 'queued' AND lease_until IS NULL AND EXISTS (SELECT 1 FROM blacklist b WHERE b.account_id = messages.account_id AND b.number = messages.recipient)`,
    ),
    renew: raw.prepare(`UPDATE messages SET lease_until = ? WHERE id = ? AND lease_owner = ? AND state IN ('queued','submitting')`),
    upsertPart: raw.prepare(
      `INSERT INTO message_parts (message_id, seq, total, connector_id, smsc_id, state, submit_status, submitted_at) VALUES (?,?,?,?,?,?,?,?)
       ON CONFLICT (message_id, seq) DO UPDATE SET total = excluded.total, connector_id = excluded.connector_id, smsc_id = excluded.smsc_id,
         state = excluded.state, submit_status = excluded.submit_status, submitted_at = excluded.submitted_at`,
    ),
    requeue: raw.prepare(`UPDATE messages SET state = 'queued', lease_owner = NULL, lease_until = NULL, ${KEEP_ROUTED}, updated_at = ? WHERE id = ? AND state = 'submitting'`),
    finishSubmit: raw.prepare(
      `UPDATE messages SET state = ?, submitted_at = ?, done_at = ?, error_code = ?, error_reason = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
       WHERE id = ? AND state = 'submitting'`,
    ),
    // A receipt's part: one still awaiting its outcome under any of the receipt's keys (its own
    // form first), else any part with the id (a repeated receipt). Point lookups without ORDER BY:
    // sorting by recency cost 10 µs a receipt where the lookup costs 2 (bench/RESULTS.md).
    openPart: raw.prepare(`SELECT rowid AS id FROM message_parts WHERE connector_id = ? AND smsc_id = ? AND state = 'submitted' LIMIT 1`),
    anyPart: raw.prepare(`SELECT rowid AS id FROM message_parts WHERE connector_id = ? AND smsc_id = ? LIMIT 1`),
    receiptToPart: raw.prepare(`UPDATE message_parts SET ${RECEIPT_SET} WHERE rowid = ? RETURNING message_id, state, total`),
    receiptToPartAt: raw.prepare(`UPDATE message_parts SET ${RECEIPT_SET} WHERE message_id = ? AND seq = ? RETURNING message_id, state, total`),
    partStates: raw.prepare(`SELECT state, total FROM message_parts WHERE message_id = ?`),
    finishMessage: raw.prepare(
      `UPDATE messages SET state = ?, done_at = ?, error_code = coalesce(?, error_code), lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND state IN (${OPEN})`,
    ),
    park: raw.prepare(`INSERT INTO parked_receipts (connector_id, smsc_id, stat, error, network, done_at, received_at) VALUES (?,?,?,?,?,?,?)`),
    anyParked: raw.prepare(`SELECT 1 FROM parked_receipts WHERE connector_id = ? AND orphaned_at IS NULL LIMIT 1`),
    findParked: byKeyCount((marks) => raw.prepare(`SELECT ${PARKED_COLUMNS} FROM parked_receipts WHERE connector_id = ? AND smsc_id IN (${marks}) AND orphaned_at IS NULL ORDER BY id`)),
    allParked: raw.prepare(`SELECT ${PARKED_COLUMNS} FROM parked_receipts WHERE connector_id = ? AND orphaned_at IS NULL ORDER BY id`),
    unpark: raw.prepare(`DELETE FROM parked_receipts WHERE id = ?`),
    orphan: raw.prepare(`UPDATE parked_receipts SET orphaned_at = ? WHERE connector_id = ? AND orphaned_at IS NULL AND received_at < ?`),
    reapQueued: raw.prepare(`UPDATE messages SET lease_owner = NULL, lease_until = NULL, ${KEEP_ROUTED} WHERE state = 'queued' AND lease_until < ?`),
    reapResend: raw.prepare(
      `UPDATE messages SET state = 'queued', lease_owner = NULL, lease_until = NULL, ${KEEP_ROUTED}, updated_at = ?
       WHERE state = 'submitting' AND lease_until < ? AND connector_id IN (SELECT value FROM json_each(?))`,
    ),
    reapUnknown: raw.prepare(
      `UPDATE messages SET state = 'unknown', done_at = ?, error_reason = 'interrupted while submitting (lease expired)', lease_owner = NULL, lease_until = NULL, updated_at = ?
       WHERE state = 'submitting' AND lease_until < ?`,
    ),
    // The oldest queued messages are the likeliest to be past validity: a bounded sweep.
    expireOld: raw.prepare(
      `UPDATE messages SET state = 'expired', done_at = ?, updated_at = ?
       WHERE id IN (SELECT id FROM messages WHERE state = 'queued' AND lease_until IS NULL ORDER BY created_at LIMIT 1000) AND expires_at < ?`,
    ),
    endLeases: raw.prepare(`UPDATE messages SET lease_until = 0 WHERE lease_until IS NOT NULL AND substr(lease_owner, 1, length(?)) = ?`),
    noReceipt: raw.prepare(
      `UPDATE messages SET state = 'unknown', done_at = ?, error_reason = 'no final delivery receipt within the validity period', updated_at = ?
       WHERE state = 'submitted' AND expires_at < ?`,
    ),
    parts: raw.prepare(`SELECT * FROM message_parts WHERE message_id = ? ORDER BY seq`),
    handOver: raw.prepare(`UPDATE messages SET connector_id = ? WHERE route_id = ? AND connector_id = ? AND state = 'queued' AND lease_until IS NULL`),
    countQueued: raw.prepare(`SELECT count(*) AS n FROM messages WHERE state = 'queued' AND lease_until IS NULL AND connector_id = ?`),
    countUnrouted: raw.prepare(`SELECT count(*) AS n FROM messages WHERE state = 'queued' AND lease_until IS NULL AND connector_id IS NULL`),
    progress: raw.prepare(`SELECT ${TIMELINE_COLUMNS} FROM messages WHERE id = ?`),
  };
}

type Statements = ReturnType<typeof statements>;

export class SqliteDispatchStore implements DispatchStore {
  readonly #raw: Sqlite;
  readonly #s: Statements;
  readonly #serialize: Serialize;

  constructor(raw: Sqlite, serialize: Serialize = (fn) => fn()) {
    this.#raw = raw;
    this.#s = statements(raw);
    this.#serialize = serialize;
  }

  /** Runs `fn` in one IMMEDIATE transaction under the write lock. */
  #tx<T>(fn: () => T): T {
    return this.#serialize(() => this.#raw.transaction(fn).immediate());
  }

  async claim(lane: LaneIdentity, limit: number, _now: number, _leaseUntil: number, unrouted: boolean): Promise<OutboundMessage[]> {
    const routed = this.#s.claim.all(lane.connectorId, limit) as OutboundRow[];
    if (!unrouted) return toOutbound(routed);
    return toOutbound(oldestFirst(routed, this.#s.claimUnrouted.all(limit) as OutboundRow[], limit));
  }

  async write(lane: LaneIdentity, batch: DispatchBatch, now: number, leaseUntil: number): Promise<DispatchResult> {
    return this.#tx(() => {
      const s = this.#s;
      const result: DispatchResult = { submitting: [], lost: [], blocked: [], matched: 0, parked: 0 };
      const screen = batch.submitting.length > 0 && s.anyBlacklisted.get() !== undefined;
      for (const id of batch.submitting) {
        if (screen && s.block.run(now, BLOCKED_REASON, now, id).changes) result.blocked.push(id);
        else (s.submitting.run(lane.owner, leaseUntil, lane.connectorId, now, id, lane.connectorId).changes ? result.submitting : result.lost).push(id);
      }
      for (const id of batch.expired) s.expire.run(now, now, id);
      // batch.released: a claim held in memory has nothing to give back.
      const mayBeParked = batch.outcomes.length > 0 && s.anyParked.get(lane.connectorId) !== undefined;
      for (const o of batch.outcomes) result.matched += this.#recordOutcome(lane, o, now, mayBeParked);
      for (const r of batch.receipts) {
        if (this.#matchReceipt(lane, r, now)) result.matched++;
        else {
          s.park.run(lane.connectorId, r.keys[0], r.stat, r.error, r.network, r.doneAt, now);
          result.parked++;
        }
      }
      return result;
    });
  }

  /** Stores the parts and moves the message on; returns how many parked receipts it matched. */
  #recordOutcome(lane: LaneIdentity, o: SubmitOutcome, now: number, mayBeParked: boolean): number {
    const s = this.#s;
    if (o.state === 'queued') {
      s.requeue.run(now, o.id);
      return 0;
    }
    const total = o.parts.length;
    for (const p of o.parts) s.upsertPart.run(o.id, p.seq, total, lane.connectorId, p.smscId, p.state, p.status, p.at);
    const submittedAt = o.parts.find((p) => p.state === 'submitted')?.at ?? null;
    s.finishSubmit.run(o.state, submittedAt, o.state === 'submitted' ? null : now, o.errorCode, o.reason, now, o.id);
    if (!mayBeParked) return 0;
    let matched = 0;
    for (const p of o.parts) {
      if (p.smscId === null) continue;
      const keys = smscIdKeys(p.smscId);
      for (const parked of s.findParked[keys.length - 1]!.all(lane.connectorId, ...keys) as ParkedRow[]) {
        const r = receiptOfParked(parked);
        this.#settle(lane, s.receiptToPartAt.get(...this.#receiptValues(r, now), o.id, p.seq) as Receipted, r, now);
        s.unpark.run(parked.id);
        matched++;
      }
    }
    return matched;
  }

  #receiptValues(r: ReceiptIn, now: number): unknown[] {
    return [partStateForStat(r.stat), r.stat, r.error, r.network, r.doneAt, now];
  }

  #findPart(lane: LaneIdentity, keys: readonly string[]): number | null {
    for (const lookup of [this.#s.openPart, this.#s.anyPart]) {
      for (const k of keys) {
        const hit = lookup.get(lane.connectorId, k) as { id: number } | undefined;
        if (hit) return hit.id;
      }
    }
    return null;
  }

  /** Records a receipt on the part it names and settles the message; false when no part has its id. */
  #matchReceipt(lane: LaneIdentity, r: ReceiptIn, now: number): boolean {
    const rowid = this.#findPart(lane, r.keys);
    if (rowid === null) return false;
    this.#settle(lane, this.#s.receiptToPart.get(...this.#receiptValues(r, now), rowid) as Receipted, r, now);
    return true;
  }

  /** The message is final when its parts say so (a one-part message: when its part does). */
  #settle(lane: LaneIdentity, part: Receipted, r: ReceiptIn, now: number): void {
    const s = this.#s;
    const parts = part.total === 1 ? [part] : (s.partStates.all(part.message_id) as Array<{ state: string; total: number }>);
    const state = messageStateAfter(parts, lane.anyPartDelivers);
    if (state) s.finishMessage.run(state, now, errorCodeOf(r.error), now, part.message_id);
  }

  async renew(lane: LaneIdentity, ids: readonly string[], leaseUntil: number): Promise<void> {
    if (ids.length === 0) return;
    this.#tx(() => {
      for (const id of ids) this.#s.renew.run(leaseUntil, id, lane.owner);
    });
  }

  async reap(now: number, resendConnectors: readonly number[], noReceiptBefore: number): Promise<ReapResult> {
    return this.#tx(() => {
      const s = this.#s;
      const released = s.reapQueued.run(now).changes;
      const resent = resendConnectors.length ? s.reapResend.run(now, now, JSON.stringify(resendConnectors)).changes : 0;
      const unknown = s.reapUnknown.run(now, now, now).changes;
      const expired = s.expireOld.run(now, now, now).changes;
      const noReceipt = s.noReceipt.run(now, now, noReceiptBefore).changes;
      return { released, unknown, resent, expired, noReceipt };
    });
  }

  async endLeases(ownerPrefix: string): Promise<number> {
    return this.#tx(() => this.#s.endLeases.run(ownerPrefix, ownerPrefix).changes);
  }

  async retryParked(lane: LaneIdentity, now: number, orphanBefore: number): Promise<{ matched: number; orphaned: number }> {
    return this.#tx(() => {
      const s = this.#s;
      let matched = 0;
      for (const parked of s.allParked.all(lane.connectorId) as ParkedRow[]) {
        const r = receiptOfParked(parked);
        if (!this.#matchReceipt(lane, r, now)) continue;
        s.unpark.run(parked.id);
        matched++;
      }
      const orphaned = s.orphan.run(now, lane.connectorId, orphanBefore).changes;
      return { matched, orphaned };
    });
  }

  async timeline(messageId: string): Promise<Timeline | null> {
    const m = this.#s.progress.get(messageId) as Parameters<typeof toTimeline>[0] | undefined;
    return m ? toTimeline(m, this.#s.parts.all(messageId) as MessagePartsTable[]) : null;
  }

  async handOver(routeId: number, from: number, to: number): Promise<number> {
    return this.#tx(() => this.#s.handOver.run(to, routeId, from).changes);
  }

  async countQueued(connectorId: number, unrouted: boolean): Promise<number> {
    const routed = (this.#s.countQueued.get(connectorId) as { n: number }).n;
    return routed + (unrouted ? (this.#s.countUnrouted.get() as { n: number }).n : 0);
  }
}
