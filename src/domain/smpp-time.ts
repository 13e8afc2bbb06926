// SMPP time strings (spec §7.1.1): `YYMMDDhhmmsstnnp`, absolute (p = + or -, nn quarter-hours
// from UTC) or relative (p = R: years, months, days, hours, minutes, seconds from now).

export type SmppTime = { kind: 'absolute'; at: number } | { kind: 'relative'; years: number; months: number; days: number; hours: number; minutes: number; seconds: number };

const FORMAT = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d)(\d{2})([+\-R])$/;

export function parseSmppTime(text: string): SmppTime | null {
  const m = FORMAT.exec(text);
  if (!m) return null;
  const [yy, mo, dd, hh, mi, ss, tenths, nn] = m.slice(1, 9).map(Number) as [number, number, number, number, number, number, number, number];
  if (m[9] === 'R') return { kind: 'relative', years: yy, months: mo, days: dd, hours: hh, minutes: mi, seconds: ss };
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59 || nn > 48) return null;
  const local = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss, tenths * 100);
  // The time is local to a zone nn quarter-hours from UTC: subtract the offset to get UTC.
  const offsetMs = nn * 15 * 60_000 * (m[9] === '+' ? 1 : -1);
  return { kind: 'absolute', at: local - offsetMs };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** A relative validity period of `minutes` (what submit_sm carries for a message's validity). */
export function relativeValidity(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return `0000${p2(days)}${p2(hours)}${p2(minutes % 60)}00000R`;
}

/** An absolute time in UTC (offset 00, +). */
export function absoluteTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCFullYear() % 100)}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}${Math.floor(d.getUTCMilliseconds() / 100)}00+`;
}
