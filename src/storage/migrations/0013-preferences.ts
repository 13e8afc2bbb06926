// Issue #12: a user's own settings (seed: Settings): language, time zone, unicode detection for
// the message counters, default sender ID, and a profile image (a checked PNG, JPEG or WebP as
// a data URL, at most 256 kB).

import type { Dialect } from '../schema.ts';

const statements = [
  `ALTER TABLE users ADD COLUMN language TEXT`,
  `ALTER TABLE users ADD COLUMN time_zone TEXT`,
  `ALTER TABLE users ADD COLUMN unicode_detection INTEGER NOT NULL DEFAULT 1`,
  `ALTER TABLE users ADD COLUMN default_sender TEXT`,
  `ALTER TABLE users ADD COLUMN avatar TEXT`,
];

export const preferences: Record<Dialect, string[]> = { sqlite: statements, postgres: statements };
