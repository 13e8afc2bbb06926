// Issue #13: distribution lists (seed: Distribution Lists, Create Distribution List). A list
// holds contacts, one per phone number, with the other columns of their row as fields by
// placeholder name. An import is a job: the uploaded bytes wait in import_chunks (in the
// database, so that whichever worker process claims the job can read them), and the import's
// counters move in the same transaction as each batch of contacts, so a restart resumes
// after the last committed row. A contact's `search` is its number and fields lower-cased by
// JavaScript (SQLite's lower() knows only ASCII), so a search finds "Москва" as "москва" on both.

import type { Dialect } from '../schema.ts';

const statements = (int: string, serial: string, bytes: string) => [
  `CREATE TABLE lists (
    id ${serial},
    account_id ${int} NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    placeholders TEXT NOT NULL DEFAULT '[]',
    contacts ${int} NOT NULL DEFAULT 0,
    created_by ${int} REFERENCES users(id) ON DELETE SET NULL,
    created_at ${int} NOT NULL,
    updated_at ${int} NOT NULL)`,
  `CREATE UNIQUE INDEX lists_name ON lists (account_id, name_key)`,
  `CREATE TABLE contacts (
    id ${serial},
    list_id ${int} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    country TEXT,
    fields TEXT NOT NULL,
    search TEXT NOT NULL,
    created_at ${int} NOT NULL)`,
  `CREATE UNIQUE INDEX contacts_phone ON contacts (list_id, phone)`,
  `CREATE INDEX contacts_list ON contacts (list_id, id)`,
  `CREATE TABLE list_imports (
    id ${serial},
    list_id ${int} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    user_id ${int} REFERENCES users(id) ON DELETE SET NULL,
    source TEXT NOT NULL CHECK (source IN ('csv','xlsx','text')),
    file_name TEXT,
    bytes ${int} NOT NULL DEFAULT 0,
    separator TEXT,
    header INTEGER NOT NULL DEFAULT 0,
    placeholders TEXT,
    phone_column INTEGER,
    default_country TEXT,
    status TEXT NOT NULL CHECK (status IN ('uploaded','queued','running','finished','failed')),
    rows_read ${int} NOT NULL DEFAULT 0,
    imported ${int} NOT NULL DEFAULT 0,
    duplicates ${int} NOT NULL DEFAULT 0,
    rejected ${int} NOT NULL DEFAULT 0,
    error TEXT,
    created_at ${int} NOT NULL,
    started_at ${int},
    finished_at ${int})`,
  `CREATE INDEX list_imports_list ON list_imports (list_id, id)`,
  `CREATE TABLE import_chunks (
    import_id ${int} NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data ${bytes} NOT NULL,
    PRIMARY KEY (import_id, seq))`,
  `CREATE TABLE import_rejects (
    import_id ${int} NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
    row_number ${int} NOT NULL,
    reason TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (import_id, row_number))`,
];

export const lists: Record<Dialect, string[]> = {
  sqlite: statements('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT', 'BLOB'),
  postgres: statements('BIGINT', 'BIGSERIAL PRIMARY KEY', 'BYTEA'),
};
