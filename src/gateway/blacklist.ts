// What the API and the CLI share about blacklists: how a number is keyed, every entry a page at
// a time, the CSV export, and the keywords in force.

import { ValidationError } from '../domain/errors.ts';
import { DEFAULT_KEYWORDS, type KeywordLists } from '../domain/opt-out.ts';
import { toE164 } from '../domain/phone.ts';
import type { BlacklistEntry, BlacklistSource, BlacklistStore } from './ports.ts';

/** A phone number as the blacklist keys it (E.164 with +; the + may be left out), or a ValidationError naming `field`. */
export function blacklistNumber(raw: string, field: string): string {
  const t = raw.trim();
  const r = toE164(t.startsWith('+') ? t : `+${t}`);
  if (!r) throw new ValidationError('invalid_parameter', field, `${field} ${JSON.stringify(raw)} is not a valid E.164 number`);
  return r.e164;
}

const CSV_HEADER = 'number,source,reason,inbound_id,created_at\n';
/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const csvField = (v: string | null) => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

const PAGE = 1000;

/** Every entry of the account (of one source), by number, read a page at a time. */
export async function* allEntries(store: BlacklistStore, accountId: number, source?: BlacklistSource): AsyncGenerator<BlacklistEntry> {
  for (let after: string | null = null; ; ) {
    const page = await store.list(accountId, { ...(source ? { source } : {}), after, limit: PAGE });
    yield* page;
    if (page.length < PAGE) return;
    after = page.at(-1)!.number;
  }
}

/** Every entry of the account as CSV (a 100,000-number list is ~7 MB). */
export async function blacklistCsv(store: BlacklistStore, accountId: number): Promise<string> {
  const chunks = [CSV_HEADER];
  for await (const e of allEntries(store, accountId)) {
    chunks.push(`${[e.number, e.source, csvField(e.reason), e.inboundId ?? '', new Date(e.createdAt).toISOString()].join(',')}\n`);
  }
  return chunks.join('');
}

/** The keywords in force for an account whose own lists are `own` (null: the defaults). */
export function keywordsInForce(own: KeywordLists | null): { optOut: string[]; optIn: string[]; defaults: boolean } {
  const lists = own ?? DEFAULT_KEYWORDS;
  return { optOut: [...lists.optOut], optIn: [...lists.optIn], defaults: own === null };
}
