import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utcToWallTime, wallTimeToUtc, zoneOffsetMs } from './schedule.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

test('a wall time in a zone is its UTC instant, winter and summer', () => {
  assert.equal(iso(wallTimeToUtc('2026-12-24T08:00', 'Europe/Berlin')), '2026-12-24T07:00:00.000Z');
  assert.equal(iso(wallTimeToUtc('2026-07-01T08:00', 'Europe/Berlin')), '2026-07-01T06:00:00.000Z');
  assert.equal(iso(wallTimeToUtc('2026-07-01T08:00', 'America/New_York')), '2026-07-01T12:00:00.000Z');
  assert.equal(iso(wallTimeToUtc('2026-07-01T08:00', 'Asia/Kolkata')), '2026-07-01T02:30:00.000Z');
  assert.equal(iso(wallTimeToUtc('2026-07-01T08:00', 'UTC')), '2026-07-01T08:00:00.000Z');
});

test('daylight saving: a skipped time is read after the change, a repeated one is the first', () => {
  // Europe/Berlin 2026-03-29: 02:00 → 03:00; 2026-10-25: 03:00 → 02:00.
  assert.equal(iso(wallTimeToUtc('2026-03-29T02:30', 'Europe/Berlin')), '2026-03-29T01:30:00.000Z');
  assert.equal(utcToWallTime(wallTimeToUtc('2026-03-29T02:30', 'Europe/Berlin')!, 'Europe/Berlin'), '2026-03-29T03:30');
  assert.equal(iso(wallTimeToUtc('2026-10-25T02:30', 'Europe/Berlin')), '2026-10-25T00:30:00.000Z');
  assert.equal(zoneOffsetMs(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Berlin'), 7_200_000);
});

test('the wall time of an instant; what is no time is null', () => {
  assert.equal(utcToWallTime(Date.parse('2026-12-24T07:00:00Z'), 'Europe/Berlin'), '2026-12-24T08:00');
  assert.equal(wallTimeToUtc('2026-02-30T08:00', 'Europe/Berlin'), null);
  assert.equal(wallTimeToUtc('24/12/2026 08:00', 'Europe/Berlin'), null);
  assert.equal(wallTimeToUtc('2026-12-24T25:00', 'Europe/Berlin'), null);
});
