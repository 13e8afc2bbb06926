// What the API and the CLI share about blacklists: how a number is keyed, and the CSV export.

import { ValidationError } from '../domain/errors.ts';
import { toE164 } from '../domain/phone.ts';
import type { BlacklistStore } from './ports.ts';

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

/** Every entry of the account as CSV, read a page at a time (a 100,000-number list is ~7 MB). */
export async function blacklistCsv(store: BlacklistStore, accountId: number): Promise<string> {
  const chunks = [CSV_HEADER];
  for (let after: string | null = null; ; ) {
    const page = await store.list(accountId, { after, limit: 1000 });
    if (page.length === 0) return chunks.join('');
    for (const e of page) chunks.push(`${[e.number, e.source, csvField(e.reason), e.inboundId ?? '', new Date(e.createdAt).toISOString()].join(',')}\n`);
    after = page.at(-1)!.number;
  }
}
