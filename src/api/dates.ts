// Dates in query and body parameters: YYYY-MM-DD (a UTC day) or an ISO 8601 instant.

import { ValidationError } from '../domain/errors.ts';

const DAY_MS = 86_400_000;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a parameter names; a bare date is the start of that day (UTC). */
export function parseDate(text: string | undefined, field: string): number {
  if (!text) throw new ValidationError('invalid_parameter', field, `${field} is required (YYYY-MM-DD)`);
  const ms = BARE_DATE.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (Number.isNaN(ms)) throw new ValidationError('invalid_parameter', field, `${field} must be a date (YYYY-MM-DD), got ${JSON.stringify(text)}`);
  return ms;
}

/** The exclusive end of a range: a bare date includes that whole day. */
export function parseRangeEnd(text: string | undefined, field: string): number {
  return parseDate(text, field) + (text && BARE_DATE.test(text) ? DAY_MS : 0);
}

/** A period from two parameters (`to` as parseRangeEnd reads it); `to` before `from` is a 400 naming `to`. */
export function parseRange(fromText: string | undefined, toText: string | undefined, fields: { from: string; to: string }): { from: number; to: number } {
  const from = parseDate(fromText, fields.from);
  const to = parseRangeEnd(toText, fields.to);
  if (to <= from) throw new ValidationError('invalid_parameter', fields.to, `${fields.to} is before ${fields.from}`);
  return { from, to };
}
