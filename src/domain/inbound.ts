// Mobile-originated (inbound) messages: the addresses as Petrel keeps them, and long messages
// put back together from their parts (3GPP TS 23.040 concatenation, by UDH or by SAR TLVs).

/** The numbers entry that takes inbound messages to every number no traffic account has. */
export const CATCH_ALL_NUMBER = '*';

/**
 * Whose an inbound message is, in this order: the traffic account that has the number it was
 * sent to; else the one that has the catch-all (`*`); else, on an install with exactly one
 * traffic account (a fresh one), that one; else nobody's: it is kept for admins and logged.
 */
export function inboundOwner<T>(c: { number: T | undefined; catchAll: T | undefined; only: T | undefined }): T | null {
  return c.number ?? c.catchAll ?? c.only ?? null;
}

/** Where a part belongs: the sender's reference, the number of parts, and this part's place. */
export interface Concat {
  ref: number;
  total: number;
  seq: number;
}

/**
 * A phone number as Petrel keys it: digits with `+` when it is an international number (7 to
 * 15 digits, with or without `+` or `00`), so a handset's reply matches the E.164 recipient of
 * the messages sent to it; anything else (short codes, names) trimmed, as written.
 */
export function addressKey(address: string): string {
  const a = address.trim().replace(/[\s()-]/g, '');
  const digits = a.replace(/^(\+|00)/, '');
  if (/^[1-9]\d{6,14}$/.test(digits) && (a !== digits || digits.length > 8)) return `+${digits}`;
  return a;
}

/** Whether a part's concatenation is one Petrel can reassemble (1 ≤ seq ≤ total ≤ 255, more than one part). */
export function isConcatenated(c: Concat | null): c is Concat {
  return c !== null && c.total > 1 && c.total <= 255 && c.seq >= 1 && c.seq <= c.total;
}

/**
 * The whole text once every part 1..total is present (parts in any order, repeats ignored),
 * else null.
 */
export function joinParts(parts: ReadonlyArray<{ seq: number; text: string }>, total: number): string | null {
  const bySeq = new Map<number, string>();
  for (const p of parts) if (p.seq >= 1 && p.seq <= total && !bySeq.has(p.seq)) bySeq.set(p.seq, p.text);
  if (bySeq.size < total) return null;
  let text = '';
  for (let seq = 1; seq <= total; seq++) text += bySeq.get(seq)!;
  return text;
}
