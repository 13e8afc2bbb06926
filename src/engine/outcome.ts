// What a message's part results add up to when every part has been tried (before receipts).

import type { SentPart, SubmitOutcome } from './ports.ts';

/** A part's result, or `unsent` when it never went out (the link stopped first). */
export type PartResult = SentPart | { seq: number; state: 'unsent'; at: number; reason: string };

export function outcomeOf(id: string, results: readonly PartResult[], reasons: ReadonlyMap<number, string> = new Map()): SubmitOutcome {
  const sent = results.filter((r): r is SentPart => r.state !== 'unsent');
  const unsent = results.length - sent.length;
  // Nothing reached the SMSC: the message goes back to the queue as if never claimed.
  if (sent.length === 0) return { id, state: 'queued', parts: [], errorCode: null, reason: null };
  const failed = sent.find((p) => p.state === 'failed');
  if (failed) return { id, state: 'failed', parts: sent, errorCode: failed.status, reason: reasons.get(failed.seq) ?? null };
  const unknown = sent.find((p) => p.state === 'unknown');
  if (unknown || unsent > 0) {
    const reason = unknown ? (reasons.get(unknown.seq) ?? 'no response to submit_sm') : 'stopped before every part was sent';
    return { id, state: 'unknown', parts: sent, errorCode: null, reason };
  }
  return { id, state: 'submitted', parts: sent, errorCode: null, reason: null };
}
