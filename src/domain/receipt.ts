// Delivery receipts (SMPP 3.4 Appendix B): parse the text an SMSC sends in deliver_sm, merge it
// with the TLVs that win over it, and generate receipts (the simulator sends them).
// Carriers vary: fields missing or reordered, `Text:` capitalised, dates with seconds or
// 4-digit years, `err:0`, ids in any form. Lenient parsing takes all of that; strict parsing
// (for tests of well-behaved peers) rejects any unknown or missing field.

export const RECEIPT_STATS = ['ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'] as const;
export type ReceiptStat = (typeof RECEIPT_STATS)[number];

/** message_state TLV value (1–8) → receipt `stat:` word. */
export function statForMessageState(state: number): ReceiptStat | null {
  return RECEIPT_STATS[state - 1] ?? null;
}

/** Receipt `stat:` word → message_state value; null for words outside the spec. */
export function messageStateForStat(stat: string): number | null {
  const i = (RECEIPT_STATS as readonly string[]).indexOf(stat.toUpperCase());
  return i < 0 ? null : i + 1;
}

export interface Receipt {
  id: string | null;
  sub: number | null;
  dlvrd: number | null;
  /** The dates as sent (YYMMDDhhmm[ss] or YYYYMMDDhhmm[ss]) and as epoch ms (UTC) when valid. */
  submitDateRaw: string | null;
  submitDate: number | null;
  doneDateRaw: string | null;
  doneDate: number | null;
  stat: string | null;
  /** `err:` as sent ("000", "0", "21b"); `errCode` is its decimal value when it has one. */
  err: string | null;
  errCode: number | null;
  /** Empty string when `text:` is present and empty; null when absent. */
  text: string | null;
}

export class ReceiptError extends Error {}

const KEYS = ['id', 'sub', 'dlvrd', 'submit date', 'done date', 'stat', 'err', 'text'] as const;
type Key = (typeof KEYS)[number];
const KEY_PATTERN = /(?:^|\s)(id|sub|dlvrd|submit date|done date|stat|err|text):/gi;
/** Any `word:` or `two words:` label, to find misspelt fields in strict mode. */
const LABEL_PATTERN = /(?:^|\s)([a-z]+(?: [a-z]+)?):/gi;

/** Reads the `key:value` fields of a receipt text, in any order. */
function fieldsOf(text: string): Map<Key, string> {
  const hits = [...text.matchAll(KEY_PATTERN)].map((m) => ({
    key: m[1]!.toLowerCase() as Key,
    start: m.index! + m[0].length - m[1]!.length - 1,
    valueAt: m.index! + m[0].length,
  }));
  const out = new Map<Key, string>();
  hits.forEach((h, i) => {
    const end = i + 1 < hits.length ? hits[i + 1]!.start : text.length;
    let value = text.slice(h.valueAt, end);
    // `text:` runs to the next field (or the end) and keeps its spaces; the others are one token.
    value = h.key === 'text' ? value.replace(/ $/, '') : (value.trim().split(/\s+/)[0] ?? '');
    if (!out.has(h.key)) out.set(h.key, value);
  });
  return out;
}

/** A receipt date to epoch ms (UTC); null for zeros or a date that does not exist. */
export function parseReceiptDate(raw: string): number | null {
  if (/^0+$/.test(raw)) return null;
  const attempt = (y: number, mo: number, d: number, h: number, mi: number, s: number): number | null => {
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    const ms = Date.UTC(y, mo - 1, d, h, mi, s);
    return new Date(ms).getUTCDate() === d ? ms : null;
  };
  const n = (a: number, b: number) => Number(raw.slice(a, b));
  const yy = (two: number) => (two < 70 ? 2000 + two : 1900 + two);
  if (!/^\d+$/.test(raw)) return null;
  switch (raw.length) {
    case 10:
      return attempt(yy(n(0, 2)), n(2, 4), n(4, 6), n(6, 8), n(8, 10), 0);
    case 12:
      // YYMMDDhhmmss, or YYYYMMDDhhmm when that reading is not a date.
      return attempt(yy(n(0, 2)), n(2, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12)) ?? attempt(n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), 0);
    case 14:
      return attempt(n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14));
    default:
      return null;
  }
}

const count = (v: string | undefined): number | null => (v !== undefined && /^\d+$/.test(v) ? Number(v) : null);

/** Parses receipt text. Lenient by default; `strict` demands every field, spelt right. */
export function parseReceiptText(text: string, opts: { strict?: boolean } = {}): Receipt {
  const f = fieldsOf(text);
  if (opts.strict) {
    for (const m of text.matchAll(LABEL_PATTERN)) {
      const label = m[1]!.toLowerCase();
      if (!(KEYS as readonly string[]).includes(label)) throw new ReceiptError(`unknown receipt field ${JSON.stringify(m[1])}`);
    }
    for (const k of KEYS) if (!f.has(k)) throw new ReceiptError(`receipt field ${JSON.stringify(k)} is missing`);
  }
  const err = f.get('err') ?? null;
  const submitDateRaw = f.get('submit date') ?? null;
  const doneDateRaw = f.get('done date') ?? null;
  return {
    id: f.get('id') || null,
    sub: count(f.get('sub')),
    dlvrd: count(f.get('dlvrd')),
    submitDateRaw,
    submitDate: submitDateRaw ? parseReceiptDate(submitDateRaw) : null,
    doneDateRaw,
    doneDate: doneDateRaw ? parseReceiptDate(doneDateRaw) : null,
    stat: f.get('stat')?.toUpperCase() || null,
    err,
    errCode: err !== null && /^\d+$/.test(err) ? Number(err) : null,
    text: f.has('text') ? f.get('text')! : null,
  };
}

/**
 * The receipt of a deliver_sm or data_sm: the text's fields, with the receipted_message_id and
 * message_state TLVs winning when present (some SMSCs send no parseable text at all).
 */
export function receiptOf(input: { text: string | null; receiptedMessageId?: string | null; messageState?: number | null }): Receipt {
  const r = parseReceiptText(input.text ?? '');
  if (input.receiptedMessageId) r.id = input.receiptedMessageId;
  const fromTlv = input.messageState ? statForMessageState(input.messageState) : null;
  if (fromTlv) r.stat = fromTlv;
  return r;
}

function stamp(ms: number | null, raw: string | null): string {
  if (ms === null) return raw && /^\d{10}$/.test(raw) ? raw : '0000000000';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

const pad3 = (n: number | null) => String(n ?? 0).padStart(3, '0');

export interface ReceiptFields {
  id: string | number;
  sub?: number | null;
  dlvrd?: number | null;
  submitDate?: number | null;
  doneDate?: number | null;
  stat?: string | null;
  err?: string | number | null;
  text?: string | null;
}

/**
 * Receipt text in the layout of SMPP 3.4 Appendix B as most SMSCs write it: counts padded to 3,
 * dates YYMMDDhhmm, text cut to 20 characters, a numeric id padded to 10 digits.
 * `short` is the layout without sub, dlvrd and text that Jasmin generates.
 */
export function formatReceipt(r: ReceiptFields, layout: 'full' | 'short' = 'full'): string {
  const id = typeof r.id === 'number' ? String(r.id).padStart(10, '0') : r.id;
  const err = typeof r.err === 'string' ? r.err : pad3(r.err ?? 0);
  const dates = `submit date:${stamp(r.submitDate ?? null, null)} done date:${stamp(r.doneDate ?? null, null)}`;
  const stat = r.stat ?? 'BADSTAT';
  if (layout === 'short') return `id:${id} ${dates} stat:${stat} err:${err}`;
  return `id:${id} sub:${pad3(r.sub ?? 0)} dlvrd:${pad3(r.dlvrd ?? 0)} ${dates} stat:${stat} err:${err} text:${(r.text ?? '').slice(0, 20)}`;
}

/** Receipt fields back into text: parse then format gives the text back for well-formed receipts. */
export function reformatReceipt(r: Receipt): string {
  return formatReceipt({
    id: r.id ?? '',
    sub: r.sub,
    dlvrd: r.dlvrd,
    submitDate: r.submitDate,
    doneDate: r.doneDate,
    stat: r.stat,
    err: r.err ?? 0,
    text: r.text,
  });
}
