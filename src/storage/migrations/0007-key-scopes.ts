// Issue #15: the operator and an account's administrator are different people. A key's role
// stays `sender` or `admin` (SQLite cannot widen a CHECK without rebuilding the table); the
// `operator` flag marks an admin key of the platform. Existing admin keys of the first
// account (the bootstrap's) become operator keys; every other admin key administers only its
// own account.

import type { Dialect } from '../schema.ts';

/** An operator key is an admin key. */
const ONLY_ADMINS = `CHECK (operator = 0 OR (operator = 1 AND role = 'admin'))`;
const promote = `UPDATE api_keys SET operator = 1 WHERE role = 'admin' AND account_id = (SELECT MIN(id) FROM accounts)`;

export const keyScopes: Record<Dialect, string[]> = {
  sqlite: [`ALTER TABLE api_keys ADD COLUMN operator INTEGER NOT NULL DEFAULT 0 ${ONLY_ADMINS}`, promote],
  postgres: [`ALTER TABLE api_keys ADD COLUMN operator INTEGER NOT NULL DEFAULT 0 ${ONLY_ADMINS}`, promote],
};
