// Mitto request fields → a typed SubmitRequest. Fields come as JSON values, or as strings from
// forms, query strings and XML; names are matched case-insensitively (the usage example
// itself sends "AccountName"). A value of the wrong type is an error naming the field.

import { ValidationError } from '../../domain/errors.ts';
import type { SubmitRequest } from '../../gateway/submit.ts';

export type Fields = Map<string, unknown>;

/** Query parameters, then body fields over them; keys lower-cased. */
export function mergeFields(query: unknown, body: Record<string, unknown>): Fields {
  const out: Fields = new Map();
  if (query && typeof query === 'object') for (const [k, v] of Object.entries(query)) out.set(k.toLowerCase(), v);
  for (const [k, v] of Object.entries(body)) out.set(k.toLowerCase(), v);
  return out;
}

function invalid(field: string, expected: string): ValidationError {
  return new ValidationError('invalid_parameter', field, `${field} must be ${expected}`);
}

/** A string field, looked up case-insensitively; `field` is the documented name errors use. */
export function str(f: Fields, field: string): string | undefined {
  const v = f.get(field.toLowerCase());
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw invalid(field, 'a string');
  // U+0000 is no character any handset shows, and PostgreSQL text cannot hold it.
  if (v.includes('\u0000')) {
    throw new ValidationError(field === 'text' ? 'invalid_text' : 'invalid_parameter', field, `${field} contains a NUL character (U+0000)`);
  }
  return v;
}

function bool(f: Fields, field: string): boolean | undefined {
  const v = f.get(field);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  if (v === 1 || v === 0) return v === 1;
  throw invalid(field, 'true or false');
}

function int(f: Fields, field: string): number | undefined {
  const v = f.get(field);
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw invalid(field, 'an integer');
  return n;
}

/** `to` for /smsbulk: a comma-separated string, an array, or repeated form/XML fields. */
function recipients(f: Fields, bulk: boolean): string[] {
  const v = f.get('to');
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return [String(v)];
  if (typeof v === 'string') {
    if (!bulk) return [v];
    return v.trim() === '' ? [] : v.split(',').map((s) => s.trim());
  }
  if (bulk && Array.isArray(v)) {
    return v.flatMap((x) => {
      if (typeof x === 'string') return x.includes(',') ? x.split(',').map((s) => s.trim()) : [x];
      if (typeof x === 'number') return [String(x)];
      throw invalid('to', 'a string or an array of strings');
    });
  }
  throw invalid('to', bulk ? 'a comma-separated string or an array of strings' : 'a string (use /smsbulk for several recipients)');
}

export function decodeSubmit(f: Fields, bulk: boolean): SubmitRequest {
  return {
    from: str(f, 'from'),
    to: recipients(f, bulk),
    text: str(f, 'text'),
    type: str(f, 'type'),
    test: bool(f, 'test'),
    reference: str(f, 'reference'),
    callback: str(f, 'callback'),
    udh: str(f, 'udh'),
    validity: int(f, 'validity'),
    pid: int(f, 'pid'),
    flash: bool(f, 'flash'),
  };
}
