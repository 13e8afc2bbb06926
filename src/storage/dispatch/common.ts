// What both dialects' dispatch stores share: row shapes, the receipt → part → message rules
// (from domain/), and the parts of a timeline.

import { messageStateOfParts, partStateForStat, type PartState } from '../../domain/delivery.ts';
import type { Encoding, RequestedType } from '../../domain/encoding.ts';
import type { MessageState } from '../../domain/message-state.ts';
import type { SenderForm } from '../../domain/sender.ts';
import { smscIdKeys } from '../../domain/smsc-id.ts';
import type { OutboundMessage, PartRecord, ReceiptIn, Timeline } from '../../engine/ports.ts';
import type { MessagePartsTable, MessagesTable } from '../schema.ts';

export const OUTBOUND_COLUMNS = 'id, sender, sender_form, recipient, text, type, encoding, udh, pid, flash, expires_at, created_at';

export interface OutboundRow {
  id: string;
  sender: string;
  sender_form: string;
  recipient: string;
  text: string;
  type: string;
  encoding: string;
  udh: string | null;
  pid: number | null;
  flash: number;
  expires_at: number;
  created_at: number;
}

/** Claimed rows, oldest first (UPDATE … RETURNING promises no order). */
export function toOutbound(rows: OutboundRow[]): OutboundMessage[] {
  rows.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  return rows.map((r) => ({
    id: r.id,
    sender: r.sender,
    senderForm: r.sender_form as SenderForm,
    recipient: r.recipient,
    text: r.text,
    type: r.type as RequestedType,
    encoding: r.encoding as Encoding,
    udh: r.udh,
    pid: r.pid,
    flash: r.flash === 1,
    expiresAt: r.expires_at,
  }));
}

export function toPartRecord(r: MessagePartsTable): PartRecord {
  return {
    seq: r.seq,
    total: r.total,
    connectorId: r.connector_id,
    smscId: r.smsc_id,
    state: r.state,
    submitStatus: r.submit_status,
    submittedAt: r.submitted_at,
    receiptStat: r.receipt_stat,
    receiptError: r.receipt_error,
    network: r.network,
    doneAt: r.done_at,
    receiptAt: r.receipt_at,
  };
}

/** A matched part after its receipt: its new state (unchanged for ENROUTE and the like). */
export function partStateAfter(current: string, receipt: Pick<ReceiptIn, 'stat'>): string {
  return partStateForStat(receipt.stat) ?? current;
}

/** The message's state now that a part changed, or null while it is not final. */
export function messageStateAfter(parts: ReadonlyArray<{ state: string; total: number }>, anyPart: boolean): MessageState | null {
  const total = parts[0]?.total ?? 0;
  return messageStateOfParts(
    parts.map((p) => p.state as PartState),
    total,
    anyPart,
  );
}

/** The receipt's `err:` as a number for the message's error_code, when it is one. */
export function errorCodeOf(error: string | null): number | null {
  return error !== null && /^\d{1,9}$/.test(error) ? Number(error) : null;
}

export const PARKED_COLUMNS = 'id, smsc_id, stat, error, network, done_at';

export interface ParkedRow {
  id: number;
  smsc_id: string;
  stat: string | null;
  error: string | null;
  network: string | null;
  done_at: number | null;
}

/** A parked receipt as the receipt it was, under every key its id may match. */
export function receiptOfParked(p: ParkedRow): ReceiptIn {
  return { keys: smscIdKeys(p.smsc_id), stat: p.stat, error: p.error, network: p.network, doneAt: p.done_at };
}

/** States a receipt may still move a message out of (unknown: we did not know, now we do). */
export const OPEN_FOR_RECEIPTS = ['submitting', 'submitted', 'unknown'] as const;

export const TIMELINE_COLUMNS = 'route_id, connector_id, submitted_at, done_at, error_code, error_reason';

export function toTimeline(m: Pick<MessagesTable, 'route_id' | 'connector_id' | 'submitted_at' | 'done_at' | 'error_code' | 'error_reason'>, parts: MessagePartsTable[]): Timeline {
  return {
    routeId: m.route_id,
    connectorId: m.connector_id,
    submittedAt: m.submitted_at,
    doneAt: m.done_at,
    errorCode: m.error_code,
    errorReason: m.error_reason,
    parts: parts.map(toPartRecord),
  };
}

/** Back in the queue, a message keeps the connector its route chose; an unrouted one goes to whoever claims it. */
export const KEEP_ROUTED = 'connector_id = CASE WHEN route_id IS NULL THEN NULL ELSE connector_id END';

/** Two claims merged, oldest first, at most `limit`. */
export function oldestFirst<T extends { created_at: number }>(a: T[], b: T[], limit: number): T[] {
  return [...a, ...b].sort((x, y) => x.created_at - y.created_at).slice(0, limit);
}
