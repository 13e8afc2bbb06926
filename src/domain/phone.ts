// Recipient numbers to E.164. Accepts `+4917…`, `004917…`, and bare international digits
// (`4917…`, how Mitto clients send them); national forms need a default country or calling code.

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { fastE164 } from './phone-fast.ts';

export interface NumberContext {
  /** ISO 3166-1 alpha-2 region for national-format input. */
  defaultCountry?: string | null;
  /** Calling code (digits) for national-format input when no region is given. */
  defaultCallingCode?: string | null;
  /**
   * Find the number inside surrounding text (`Phone: +7 800…`, `tel:` URIs, extensions), as
   * contact imports need. The API is strict: the whole value must be the number.
   */
  lenient?: boolean;
}

export interface Recipient {
  /** `+` and digits. */
  e164: string;
  /** ISO 3166-1 alpha-2, or null for non-geographic numbers. */
  country: string | null;
}

const INTERNATIONAL_DIGITS = /^\d{7,15}$/;

/** Normalises a number to E.164, or returns null when it is not a valid phone number. */
export function toE164(input: string, ctx: NumberContext = {}): Recipient | null {
  if (input.length === 0 || input.length > 64) return null;
  let text = input;
  const national = Boolean(ctx.defaultCountry || ctx.defaultCallingCode);
  // Without a national context, `00` is the international prefix and bare digits are an
  // international number without its `+`. With one, the country's own IDD rules apply
  // (in the US `00 61…` is not international: its prefix is 011).
  if (!national && text.startsWith('00')) text = `+${text.slice(2)}`;
  if (!national && INTERNATIONAL_DIGITS.test(text)) text = `+${text}`;
  if (!national && !ctx.lenient) {
    const fast = fastE164(text);
    if (fast !== undefined) return fast;
  }
  return libraryE164(text, ctx);
}

/** libphonenumber-js's parse and validation: every form, and the reference for fastE164. */
export function libraryE164(text: string, ctx: NumberContext = {}): Recipient | null {
  const parsed = parsePhoneNumberFromString(text, {
    defaultCountry: (ctx.defaultCountry ?? undefined) as CountryCode | undefined,
    defaultCallingCode: ctx.defaultCallingCode ?? undefined,
    extract: ctx.lenient ?? false,
  });
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? null };
}
