// Distribution lists and their contacts (seed 000: Distribution Lists, Create Distribution List,
// Define placeholders): the rules an import applies to each row, pure so that the API, the
// import job and the web app's preview agree.

import { toE164 } from './phone.ts';

/** The seed's Separator drop-down: comma, semicolon, space, tab, pipe. */
export const SEPARATORS = [',', ';', ' ', '\t', '|'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** The seed: "You can add a maximum of 2000 contacts" by pasting. */
export const PASTE_MAX_CONTACTS = 2000;
export const LIST_NAME_MAX = 64;
export const PLACEHOLDER_MAX = 30;
/** A row wider than this is not a contact row (a file of one huge column, a binary file). */
export const MAX_COLUMNS = 50;
/** A cell longer than this is cut: no SMS personalisation needs more, and rows stay small. */
export const CELL_MAX = 500;

/** Why a row was not imported, as the import report and its CSV of rejects say it. */
export type RejectReason = 'empty_phone' | 'invalid_number' | 'too_many_columns';
export const REJECT_TEXT: Record<RejectReason, string> = {
  empty_phone: 'the phone column is empty',
  invalid_number: 'not a valid phone number for its country',
  too_many_columns: 'more columns than the list has placeholders',
};

/** How an import reads its rows: the placeholder of each column, and which one is the phone. */
export interface ColumnMapping {
  placeholders: readonly string[];
  phoneColumn: number;
  /** ISO 3166-1 alpha-2: numbers written without their country code are of this country. */
  defaultCountry: string | null;
}

export type ContactRow = { ok: true; phone: string; country: string | null; fields: Record<string, string> } | { ok: false; reason: RejectReason };

const PLACEHOLDER = /^[A-Za-z][A-Za-z0-9_]*$/;

export function listNameProblem(name: string): string | null {
  const n = name.trim();
  if (n.length === 0) return 'the list needs a name';
  if (n.length > LIST_NAME_MAX) return `at most ${LIST_NAME_MAX} characters`;
  return null;
}

/** What is wrong with a placeholder name, or null. */
export function placeholderProblem(name: string): string | null {
  if (name.length === 0) return 'every column needs a placeholder name';
  if (name.length > PLACEHOLDER_MAX) return `a placeholder has at most ${PLACEHOLDER_MAX} characters`;
  if (!PLACEHOLDER.test(name)) return `${JSON.stringify(name)}: a placeholder starts with a letter and holds letters, digits and _`;
  return null;
}

/** The first problem of a mapping for rows of `columns` cells, with the field it is in. */
export function mappingProblem(m: ColumnMapping, columns: number): { field: string; message: string } | null {
  if (m.placeholders.length === 0) return { field: 'placeholders', message: 'name at least the phone column' };
  if (m.placeholders.length > MAX_COLUMNS) return { field: 'placeholders', message: `at most ${MAX_COLUMNS} columns` };
  if (m.placeholders.length < columns) return { field: 'placeholders', message: `the rows have ${columns} columns: name each of them` };
  for (const [i, p] of m.placeholders.entries()) {
    const problem = placeholderProblem(p);
    if (problem) return { field: `placeholders/${i}`, message: problem };
  }
  const seen = new Set<string>();
  for (const [i, p] of m.placeholders.entries()) {
    if (seen.has(p.toLowerCase())) return { field: `placeholders/${i}`, message: `${JSON.stringify(p)} names two columns` };
    seen.add(p.toLowerCase());
  }
  if (!Number.isInteger(m.phoneColumn) || m.phoneColumn < 0 || m.phoneColumn >= m.placeholders.length) {
    return { field: 'phoneColumn', message: 'choose the column that holds the phone numbers' };
  }
  if (m.defaultCountry !== null && !/^[A-Z]{2}$/.test(m.defaultCountry)) return { field: 'defaultCountry', message: 'a country is its two-letter ISO code, such as DE' };
  return null;
}

/** One row as a contact: its number in E.164 and its other cells by placeholder; or why not. */
export function contactFrom(cells: readonly string[], m: ColumnMapping): ContactRow {
  if (cells.length > m.placeholders.length && cells.slice(m.placeholders.length).some((c) => c.trim() !== '')) return { ok: false, reason: 'too_many_columns' };
  const raw = (cells[m.phoneColumn] ?? '').trim();
  if (raw === '') return { ok: false, reason: 'empty_phone' };
  const number = numberOf(raw, m.defaultCountry);
  if (!number) return { ok: false, reason: 'invalid_number' };
  const fields: Record<string, string> = {};
  for (const [i, name] of m.placeholders.entries()) {
    if (i !== m.phoneColumn) fields[name] = (cells[i] ?? '').trim().slice(0, CELL_MAX);
  }
  return { ok: true, phone: number.e164, country: number.country, fields };
}

/**
 * A cell's number. Digits that read as a number of the default country with its calling code
 * are that (a national number is written with its trunk 0: `4917…` in a German list is +49 17…);
 * else the national reading; else the international one (`33612…` in a German list is a
 * Brandenburg number, as libphonenumber reads it, since both are valid).
 */
function numberOf(raw: string, defaultCountry: string | null) {
  if (!defaultCountry) return read(raw, {});
  const international = /^\d/.test(raw) && !raw.startsWith('0') ? read(raw, {}) : null;
  if (international?.country === defaultCountry) return international;
  return read(raw, { defaultCountry }) ?? international;
}

/** The strict reading first (`+digits` take a fast path: 1 µs, where the lenient one takes 14), then the lenient one. */
const read = (raw: string, ctx: { defaultCountry?: string }) => toE164(raw, ctx) ?? toE164(raw, { ...ctx, lenient: true });

/**
 * The separator of CSV lines: of comma, semicolon, tab and pipe, the one that splits most lines
 * into the same number of cells (quotes are not parsed: a guess, which the person may change).
 * A space is a separator only when chosen: names hold spaces.
 */
export function guessSeparator(lines: readonly string[]): Separator {
  const sample = lines.filter((l) => l.trim() !== '');
  let best: Separator = ',';
  let bestScore = 0;
  for (const sep of [',', ';', '\t', '|'] as const) {
    const counts = sample.map((l) => l.split(sep).length - 1);
    const mode = modeOf(counts.filter((c) => c > 0));
    const score = mode === null ? 0 : counts.filter((c) => c === mode).length;
    if (score > bestScore) (best = sep), (bestScore = score);
  }
  return best;
}

function modeOf(xs: readonly number[]): number | null {
  const seen = new Map<number, number>();
  for (const x of xs) seen.set(x, (seen.get(x) ?? 0) + 1);
  let mode: number | null = null;
  for (const [x, n] of seen) if (mode === null || n > seen.get(mode)!) mode = x;
  return mode;
}

/**
 * Whether the first row is a header: its phone cell is no number while most of the next rows'
 * are. The Define placeholders step offers the answer; the person may change it.
 */
export function looksLikeHeader(rows: readonly (readonly string[])[], phoneColumn: number, defaultCountry: string | null = null): boolean {
  if (rows.length < 2) return false;
  const isNumber = (cell: string | undefined) => Boolean(cell?.trim() && toE164(cell.trim(), { defaultCountry, lenient: true }));
  const rest = rows.slice(1, 11);
  return !isNumber(rows[0]![phoneColumn]) && rest.filter((r) => isNumber(r[phoneColumn])).length * 2 >= rest.length;
}

/** The column whose cells are most often phone numbers: the Define placeholders step's guess. */
export function guessPhoneColumn(rows: readonly (readonly string[])[], defaultCountry: string | null = null): number {
  const width = Math.max(0, ...rows.map((r) => r.length));
  let best = 0;
  let bestCount = -1;
  for (let c = 0; c < width; c++) {
    const count = rows.filter((r) => r[c]?.trim() && /\d{5}/.test(r[c]!.replace(/\D/g, '')) && toE164(r[c]!.trim(), { defaultCountry, lenient: true })).length;
    if (count > bestCount) (best = c), (bestCount = count);
  }
  return best;
}

/** Placeholder names for a header row (or column1, column2… without one), each valid and unique. */
export function suggestedPlaceholders(header: readonly string[] | null, width: number, phoneColumn: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < width; i++) {
    const fromHeader = (header?.[i] ?? '')
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_ ]/g, '')
      .trim()
      .replace(/\s+/g, '_')
      .replace(/^[^A-Za-z]+/, '')
      .slice(0, PLACEHOLDER_MAX);
    let name = i === phoneColumn && !fromHeader ? 'phone' : fromHeader || `column${i + 1}`;
    while (out.some((o) => o.toLowerCase() === name.toLowerCase())) name = `${name.slice(0, PLACEHOLDER_MAX - 3)}_${i + 1}`;
    out.push(name);
  }
  return out;
}

/**
 * A cell for a CSV a person opens in a spreadsheet: quoted when it must be, and a value that
 * starts like a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`, so a list's
 * `=HYPERLINK(…)` comes back as text and is never run (OWASP: CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The seed's Download sample: the format a list file takes. */
export const SAMPLE_CSV = 'phone,first_name,last_name,city\n+14152348883,Steve,Rogers,New York\n+4917612345678,Anna,Schmidt,Berlin\n+33612345678,Élodie,Martin,Paris\n';
