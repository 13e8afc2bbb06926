// Issue #12: people who sign in to the campaign manager, distinct from API keys, and their
// server-side sessions. A session row is the session: pausing or deleting a user or changing
// a password deletes the rows, and the next request with the cookie is signed out (DESIGN D12).
// Only a hash of the session token is stored, so a copy of the database opens no session.

import type { Dialect } from '../schema.ts';

const ROLES = `('administrator','user_manager','campaign_manager','analyst','custom')`;

const tables = (int: string, serial: string) => [
  `CREATE TABLE users (
    id ${serial},
    account_id ${int} NOT NULL REFERENCES accounts(id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ${ROLES}),
    operator INTEGER NOT NULL DEFAULT 0 CHECK (operator = 0 OR (operator = 1 AND role = 'administrator')),
    status TEXT NOT NULL CHECK (status IN ('active','pending','inactive')),
    created_at ${int} NOT NULL,
    updated_at ${int} NOT NULL)`,
  `CREATE INDEX users_account ON users (account_id, name)`,
  `CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id ${int} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    address TEXT,
    created_at ${int} NOT NULL,
    last_seen_at ${int} NOT NULL)`,
  `CREATE INDEX sessions_user ON sessions (user_id)`,
];

export const people: Record<Dialect, string[]> = {
  sqlite: tables('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: tables('BIGINT', 'BIGSERIAL PRIMARY KEY'),
};
