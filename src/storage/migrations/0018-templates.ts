// Issue #13: message templates (seed: Templates): a name and a message, per account; a
// campaign's message box inserts one (placeholders and all).

import type { Dialect } from '../schema.ts';

const statements = (int: string, serial: string) => [
  `CREATE TABLE templates (
    id ${serial},
    account_id ${int} NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    text TEXT NOT NULL,
    created_by ${int} REFERENCES users(id) ON DELETE SET NULL,
    created_at ${int} NOT NULL,
    updated_at ${int} NOT NULL)`,
  `CREATE UNIQUE INDEX templates_name ON templates (account_id, name_key)`,
];

export const templates: Record<Dialect, string[]> = {
  sqlite: statements('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: statements('BIGINT', 'BIGSERIAL PRIMARY KEY'),
};
