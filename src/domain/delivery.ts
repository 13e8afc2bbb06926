// From delivery receipts to message states: each part's state follows its receipt, and a
// message is final when its parts say so (DESIGN.md: match per part).

import type { MessageState } from './message-state.ts';

/** A part's life: sent and waiting, or a final outcome. */
export type PartState = 'submitted' | 'delivered' | 'undelivered' | 'expired' | 'rejected' | 'unknown';

/** How a receipt's `stat:` moves its part; null for intermediate states (ENROUTE, ACCEPTD). */
export function partStateForStat(stat: string | null): PartState | null {
  switch (stat?.toUpperCase()) {
    case 'DELIVRD':
      return 'delivered';
    case 'UNDELIV':
    case 'DELETED':
      return 'undelivered';
    case 'EXPIRED':
      return 'expired';
    case 'REJECTD':
      return 'rejected';
    case 'UNKNOWN':
      return 'unknown';
    case 'ENROUTE':
    case 'ACCEPTD':
      return null;
    default:
      // A word outside the spec: the carrier says something happened, not what.
      return 'unknown';
  }
}

const FAILED: ReadonlySet<PartState> = new Set(['undelivered', 'expired', 'rejected']);

/**
 * The message state its parts add up to, or null while it is not final. A failed part fails
 * the message at once (the handset cannot show it whole). With `anyPart`, for carriers that
 * report only one part of a long message, one delivered part delivers the message.
 */
export function messageStateOfParts(parts: readonly PartState[], total: number, anyPart = false): MessageState | null {
  const failed = parts.find((p) => FAILED.has(p));
  if (failed) return failed;
  if (anyPart && parts.includes('delivered')) return 'delivered';
  if (parts.length < total || parts.includes('submitted')) return null;
  return parts.every((p) => p === 'delivered') ? 'delivered' : 'unknown';
}
