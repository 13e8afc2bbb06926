// Issue #12: the audit log of what people did to get in and to change who may: every sign-in,
// failed sign-in, sign-out, password change and change of a user's status. A failed sign-in for
// an email nobody has belongs to no account (only the operator reads those).

import type { Dialect } from '../schema.ts';

const table = (int: string, serial: string) => [
  `CREATE TABLE audit_log (
    id ${serial},
    account_id ${int} REFERENCES accounts(id),
    user_id ${int} REFERENCES users(id) ON DELETE SET NULL,
    email TEXT,
    action TEXT NOT NULL,
    address TEXT,
    detail TEXT,
    created_at ${int} NOT NULL)`,
  `CREATE INDEX audit_log_account ON audit_log (account_id, id)`,
];

export const audit: Record<Dialect, string[]> = {
  sqlite: table('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: table('BIGINT', 'BIGSERIAL PRIMARY KEY'),
};
