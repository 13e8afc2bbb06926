// A fast path for the commonest recipient: `+` and digits. libphonenumber-js builds a RegExp
// and several metadata objects per call (~45 µs a message in the end-to-end profile,
// bench/RESULTS.md); this module compiles each calling code's patterns once and applies the
// same rules libphonenumber-js applies to an international number (parse.js, isValid.js,
// getNumberType.js, getCountryByNationalNumber.js of the pinned version). Whatever it cannot
// decide exactly (a national prefix inside an international number, non-geographic codes,
// lengths the library rejects early) it leaves to the library: it answers `undefined`.
// phone-fast.test.ts compares it with the library over every calling code.

import { Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/max/metadata';

/** What phone.ts calls a Recipient (defined here too: phone.ts imports this module). */
interface Recipient {
  e164: string;
  country: string | null;
}

/** The runtime API of libphonenumber-js's Metadata that its typings leave out. */
interface NumberingPlan {
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface MetadataApi {
  hasCallingCode(code: string): boolean;
  getCountryCodesForCallingCode(code: string): string[] | undefined;
  selectNumberingPlan(countryOrCode: string): void;
  numberingPlan: NumberingPlan;
}

/** getNumberType's order: fixed line first, then these. */
const OTHER_TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
/** parse.js: MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN. */
const MIN_NSN = 2;
const MAX_NSN = 17;

interface TypeRule {
  pattern: RegExp;
  lengths: readonly number[] | undefined;
}

interface CountryPlan {
  country: string;
  national: RegExp;
  leadingDigits: RegExp | null;
  /** null when the plan has no types: then the national pattern alone decides. */
  types: TypeRule[] | null;
}

interface CallingPlan {
  /** The plan libphonenumber selects by calling code (its main country). */
  main: CountryPlan;
  nationalPrefix: RegExp | null;
  countries: CountryPlan[];
}

const entirely = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const metadata = new Metadata(metadataJson as never) as unknown as MetadataApi;
const plans = new Map<string, CallingPlan | null>();

function typeRule(plan: NumberingPlan, name: string): TypeRule | null {
  const t = plan.type(name);
  const pattern = t?.pattern();
  return t && pattern ? { pattern: entirely(pattern), lengths: t.possibleLengths() } : null;
}

function countryPlan(country: string): CountryPlan {
  metadata.selectNumberingPlan(country);
  const plan = metadata.numberingPlan;
  const leading = plan.leadingDigits();
  let types: TypeRule[] | null = null;
  if (plan.hasTypes()) {
    const fixed = typeRule(plan, 'FIXED_LINE');
    // A number that is a fixed line is valid whatever else it is: only its presence matters.
    types = [fixed, ...OTHER_TYPES.map((t) => typeRule(plan, t))].filter((r): r is TypeRule => r !== null);
  }
  return { country, national: entirely(plan.nationalNumberPattern()), leadingDigits: leading ? new RegExp(`^(?:${leading})`) : null, types };
}

function callingPlan(code: string): CallingPlan | null {
  let plan = plans.get(code);
  if (plan !== undefined) return plan;
  const countries = metadata.hasCallingCode(code) ? metadata.getCountryCodesForCallingCode(code) : undefined;
  if (!countries)
    plan = null; // unknown, or non-geographic: the library decides
  else {
    const compiled = countries.map(countryPlan);
    metadata.selectNumberingPlan(code);
    const prefix = metadata.numberingPlan.nationalPrefixForParsing();
    plan = { main: compiled[0]!, nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : null, countries: compiled };
  }
  plans.set(code, plan);
  return plan;
}

function hasType(plan: CountryPlan, nsn: string): boolean {
  if (!plan.national.test(nsn)) return false;
  if (plan.types === null) return true;
  return plan.types.some((t) => (t.lengths === undefined || t.lengths.includes(nsn.length)) && t.pattern.test(nsn));
}

/** getCountryByNationalNumber: leading digits decide where a plan has them, else a type match. */
function countryOf(plan: CallingPlan, nsn: string): CountryPlan | undefined {
  if (plan.countries.length === 1) return plan.countries[0];
  return plan.countries.find((c) => (c.leadingDigits ? c.leadingDigits.test(nsn) : hasType(c, nsn)));
}

const PLUS_DIGITS = /^\+[1-9]\d{2,}$/;

/**
 * `+` and digits to E.164 as libphonenumber-js's parse + isValid would: a Recipient, null
 * when invalid, or undefined when the library must decide.
 */
export function fastE164(text: string): Recipient | null | undefined {
  if (!PLUS_DIGITS.test(text)) return undefined;
  for (let len = 1; len <= 3 && len < text.length - 1; len++) {
    const code = text.slice(1, 1 + len);
    if (!metadata.hasCallingCode(code)) continue;
    const plan = callingPlan(code);
    const nsn = text.slice(1 + len);
    if (!plan || nsn.length < MIN_NSN || nsn.length > MAX_NSN) return undefined;
    if (plan.nationalPrefix?.test(nsn)) return undefined; // the library may strip a national prefix
    const country = countryOf(plan, nsn);
    return hasType(country ?? plan.main, nsn) ? { e164: text, country: country?.country ?? null } : null;
  }
  return undefined;
}
