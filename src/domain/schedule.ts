// Schedules are set as a wall time in the person's time zone and stored in UTC (DESIGN D11).
// Intl knows every IANA zone and its daylight-saving rules; these turn one into the other.

/** The zone's offset from UTC at an instant, in ms (Europe/Berlin in winter: +3,600,000). */
export function zoneOffsetMs(at: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The UTC instant of a wall time (`2026-12-24T08:00`) in a zone; null when it is no time. A
 * wall time that a spring-forward gap skips is taken as the same time after the change (02:30 →
 * 03:30); one an autumn hour repeats is the first of the two.
 */
export function wallTimeToUtc(wall: string, zone: string): number | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(guess).getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Earlier of the offsets around the time first: in the repeated autumn hour, the first pass.
  const before = zoneOffsetMs(guess - 86_400_000 / 2, zone);
  const after = zoneOffsetMs(guess + 86_400_000 / 2, zone);
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const at = guess - offset;
    if (zoneOffsetMs(at, zone) === offset) return at;
  }
  return guess - before; // in a gap: the same wall time on the offset before the change, which reads an hour later
}

/** The wall time (`YYYY-MM-DDTHH:mm`) of an instant in a zone. */
export function utcToWallTime(at: number, zone: string): string {
  return new Date(at + zoneOffsetMs(at, zone)).toISOString().slice(0, 16);
}
