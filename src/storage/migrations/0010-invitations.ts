// Issue #12: inviting people and resetting passwords by email. A user's permissions beyond their
// role's preset (Custom, or a User manager's extras) and the traffic accounts they belong to;
// single-use links (only the SHA-256 of a link's token is stored, so a copy of the database
// opens nothing); and the mail outbox: every mail Petrel sends is first a row here, delivered
// by SMTP when one is configured and otherwise kept for an administrator to read. A sent
// mail's body is cleared, so the links it held are not kept beside their hashes.

import type { Dialect } from '../schema.ts';

const statements = (int: string, serial: string) => [
  `ALTER TABLE users ADD COLUMN permissions TEXT NOT NULL DEFAULT ''`,
  `CREATE TABLE user_traffic_accounts (
    user_id ${int} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    traffic_account_id ${int} NOT NULL REFERENCES traffic_accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, traffic_account_id))`,
  `CREATE TABLE user_links (
    token_hash TEXT PRIMARY KEY,
    user_id ${int} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation','password_reset')),
    created_at ${int} NOT NULL,
    expires_at ${int} NOT NULL)`,
  `CREATE INDEX user_links_user ON user_links (user_id, purpose)`,
  `CREATE TABLE mail_outbox (
    id ${serial},
    account_id ${int} REFERENCES accounts(id),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT,
    created_at ${int} NOT NULL,
    sent_at ${int},
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT)`,
  `CREATE INDEX mail_outbox_account ON mail_outbox (account_id, id)`,
];

export const invitations: Record<Dialect, string[]> = {
  sqlite: statements('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: statements('BIGINT', 'BIGSERIAL PRIMARY KEY'),
};
