// Issue #12: white-label (seed: change log): the platform's product name, primary colour and
// logo, set by the operator's administrators and shown on the login page, in the app and in
// mail. One row per setting.

import type { Dialect } from '../schema.ts';

const statements = [`CREATE TABLE platform_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`];

export const branding: Record<Dialect, string[]> = { sqlite: statements, postgres: statements };
