// Migrations per dialect. Each is plain SQL for its dialect: the types, defaults and index
// options differ enough that one portable script would hide them.

import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../schema.ts';
import { keyScopes } from './0007-key-scopes.ts';
import { people } from './0008-people.ts';
import { audit } from './0009-audit.ts';
import { invitations } from './0010-invitations.ts';
import { secondFactor } from './0011-second-factor.ts';
import { notifications } from './0012-notifications.ts';
import { preferences } from './0013-preferences.ts';
import { branding } from './0014-branding.ts';
import { totpStep } from './0015-totp-step.ts';
import { openedAccount } from './0016-opened-account.ts';
import { lists } from './0017-lists.ts';
import { templates } from './0018-templates.ts';
import { campaigns } from './0019-campaigns.ts';

type Statements = Record<Dialect, string[]>;

const init: Statements = {
  sqlite: [
    `CREATE TABLE accounts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL)`,
    `CREATE TABLE traffic_accounts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      name TEXT NOT NULL,
      display_name TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('api','campaign','two_way')),
      status TEXT NOT NULL CHECK (status IN ('active','inactive')),
      default_sender TEXT,
      callback_url TEXT,
      callback_method TEXT NOT NULL DEFAULT 'POST' CHECK (callback_method IN ('GET','POST')),
      conversion_tracking INTEGER NOT NULL DEFAULT 0,
      currency TEXT NOT NULL DEFAULT 'EUR',
      credit_limit_micros INTEGER,
      created_at INTEGER NOT NULL,
      UNIQUE (account_id, name))`,
    `CREATE TABLE api_keys (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      traffic_account_id INTEGER NOT NULL REFERENCES traffic_accounts(id),
      name TEXT NOT NULL,
      prefix TEXT NOT NULL,
      secret_hash TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('sender','admin')),
      created_at INTEGER NOT NULL,
      revoked_at INTEGER)`,
    `CREATE TABLE prices (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      traffic_account_id INTEGER NOT NULL REFERENCES traffic_accounts(id),
      country TEXT,
      network TEXT,
      price_micros INTEGER NOT NULL CHECK (price_micros >= 0))`,
    `CREATE UNIQUE INDEX prices_key ON prices (traffic_account_id, coalesce(country,''), coalesce(network,''))`,
    `CREATE TABLE messages (
      id TEXT PRIMARY KEY,
      account_id INTEGER NOT NULL,
      traffic_account_id INTEGER NOT NULL,
      api_key_id INTEGER,
      state TEXT NOT NULL,
      sender TEXT NOT NULL,
      sender_form TEXT NOT NULL,
      recipient TEXT NOT NULL,
      country TEXT,
      text TEXT NOT NULL,
      type TEXT NOT NULL,
      encoding TEXT NOT NULL,
      characters INTEGER NOT NULL,
      units INTEGER NOT NULL,
      segments INTEGER NOT NULL,
      udh TEXT,
      price_micros INTEGER,
      currency TEXT NOT NULL,
      reference TEXT,
      callback_url TEXT,
      validity_minutes INTEGER NOT NULL,
      pid INTEGER,
      flash INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      converted_at INTEGER) WITHOUT ROWID`,
    `CREATE INDEX messages_account_created ON messages (account_id, created_at)`,
    `CREATE INDEX messages_queued ON messages (state, created_at) WHERE state = 'queued'`,
  ],
  postgres: [
    `CREATE TABLE accounts (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created_at BIGINT NOT NULL)`,
    `CREATE TABLE traffic_accounts (
      id BIGSERIAL PRIMARY KEY,
      account_id BIGINT NOT NULL REFERENCES accounts(id),
      name TEXT NOT NULL,
      display_name TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('api','campaign','two_way')),
      status TEXT NOT NULL CHECK (status IN ('active','inactive')),
      default_sender TEXT,
      callback_url TEXT,
      callback_method TEXT NOT NULL DEFAULT 'POST' CHECK (callback_method IN ('GET','POST')),
      conversion_tracking SMALLINT NOT NULL DEFAULT 0,
      currency TEXT NOT NULL DEFAULT 'EUR',
      credit_limit_micros BIGINT,
      created_at BIGINT NOT NULL,
      UNIQUE (account_id, name))`,
    `CREATE TABLE api_keys (
      id BIGSERIAL PRIMARY KEY,
      account_id BIGINT NOT NULL REFERENCES accounts(id),
      traffic_account_id BIGINT NOT NULL REFERENCES traffic_accounts(id),
      name TEXT NOT NULL,
      prefix TEXT NOT NULL,
      secret_hash TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('sender','admin')),
      created_at BIGINT NOT NULL,
      revoked_at BIGINT)`,
    `CREATE TABLE prices (
      id BIGSERIAL PRIMARY KEY,
      traffic_account_id BIGINT NOT NULL REFERENCES traffic_accounts(id),
      country TEXT,
      network TEXT,
      price_micros BIGINT NOT NULL CHECK (price_micros >= 0))`,
    `CREATE UNIQUE INDEX prices_key ON prices (traffic_account_id, coalesce(country,''), coalesce(network,''))`,
    `CREATE TABLE messages (
      id UUID PRIMARY KEY,
      account_id BIGINT NOT NULL,
      traffic_account_id BIGINT NOT NULL,
      api_key_id BIGINT,
      state TEXT NOT NULL,
      sender TEXT NOT NULL,
      sender_form TEXT NOT NULL,
      recipient TEXT NOT NULL,
      country TEXT,
      text TEXT NOT NULL,
      type TEXT NOT NULL,
      encoding TEXT NOT NULL,
      characters INTEGER NOT NULL,
      units INTEGER NOT NULL,
      segments INTEGER NOT NULL,
      udh TEXT,
      price_micros BIGINT,
      currency TEXT NOT NULL,
      reference TEXT,
      callback_url TEXT,
      validity_minutes INTEGER NOT NULL,
      pid INTEGER,
      flash SMALLINT NOT NULL DEFAULT 0,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      converted_at BIGINT)`,
    `CREATE INDEX messages_account_created ON messages (account_id, created_at)`,
    `CREATE INDEX messages_queued ON messages (state, created_at) WHERE state = 'queued'`,
  ],
};

const connectors: Statements = {
  sqlite: [
    `CREATE TABLE connectors (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE,
      config TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      paused INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL)`,
  ],
  postgres: [
    `CREATE TABLE connectors (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      config TEXT NOT NULL,
      enabled SMALLINT NOT NULL DEFAULT 1,
      paused SMALLINT NOT NULL DEFAULT 0,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL)`,
  ],
};

// Dispatch: a message gets its connector and a lease when a lane claims it; its parts carry
// the SMSC ids receipts are matched by; receipts that match no part yet wait, parked.
// The due index holds only unleased queued rows, so a claim never walks past leased ones.
const dispatchColumns = (int: string) => [
  `ALTER TABLE messages ADD COLUMN connector_id ${int}`,
  `ALTER TABLE messages ADD COLUMN lease_owner TEXT`,
  `ALTER TABLE messages ADD COLUMN lease_until ${int}`,
  `ALTER TABLE messages ADD COLUMN submitted_at ${int}`,
  `ALTER TABLE messages ADD COLUMN done_at ${int}`,
  `ALTER TABLE messages ADD COLUMN error_code INTEGER`,
  `ALTER TABLE messages ADD COLUMN error_reason TEXT`,
  `DROP INDEX messages_queued`,
  `CREATE INDEX messages_due ON messages (created_at) WHERE state = 'queued' AND lease_until IS NULL`,
  `CREATE INDEX messages_leased ON messages (lease_until) WHERE lease_until IS NOT NULL`,
  // Sent, awaiting receipts: the reaper settles those whose receipt never came.
  `CREATE INDEX messages_awaiting ON messages (expires_at) WHERE state = 'submitted'`,
];
const partsTable = (int: string, id: string) => `CREATE TABLE message_parts (
      message_id ${id} NOT NULL,
      seq INTEGER NOT NULL,
      total INTEGER NOT NULL,
      connector_id ${int} NOT NULL,
      smsc_id TEXT,
      state TEXT NOT NULL,
      submit_status INTEGER,
      submitted_at ${int},
      receipt_stat TEXT,
      receipt_error TEXT,
      network TEXT,
      done_at ${int},
      receipt_at ${int},
      PRIMARY KEY (message_id, seq))`;
const parkedTable = (int: string, serial: string) => `CREATE TABLE parked_receipts (
      id ${serial},
      connector_id ${int} NOT NULL,
      smsc_id TEXT NOT NULL,
      stat TEXT,
      error TEXT,
      network TEXT,
      done_at ${int},
      received_at ${int} NOT NULL,
      orphaned_at ${int})`;
const inboundTable = (int: string, id: string) => `CREATE TABLE inbound_messages (
      id ${id} PRIMARY KEY,
      connector_id ${int} NOT NULL,
      sender TEXT NOT NULL,
      recipient TEXT NOT NULL,
      text TEXT NOT NULL,
      encoding TEXT NOT NULL,
      received_at ${int} NOT NULL)`;
const dispatch: Statements = {
  sqlite: [
    ...dispatchColumns('INTEGER'),
    partsTable('INTEGER', 'TEXT'),
    `CREATE INDEX message_parts_smsc ON message_parts (connector_id, smsc_id)`,
    parkedTable('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
    `CREATE INDEX parked_receipts_smsc ON parked_receipts (connector_id, smsc_id) WHERE orphaned_at IS NULL`,
    inboundTable('INTEGER', 'TEXT'),
  ],
  postgres: [
    ...dispatchColumns('BIGINT'),
    partsTable('BIGINT', 'UUID'),
    `CREATE INDEX message_parts_smsc ON message_parts (connector_id, smsc_id)`,
    parkedTable('BIGINT', 'BIGSERIAL PRIMARY KEY'),
    `CREATE INDEX parked_receipts_smsc ON parked_receipts (connector_id, smsc_id) WHERE orphaned_at IS NULL`,
    inboundTable('BIGINT', 'UUID'),
  ],
};

// Routing: ordered routes (filters and connectors as JSON: a handful of rows, read whole and
// cached). Intake records each message's route, connector and buy price; lanes claim the
// messages routed to their connector, so the due index leads with the connector.
const routesTable = (int: string, serial: string) => `CREATE TABLE routes (
      id ${serial},
      name TEXT NOT NULL UNIQUE,
      position INTEGER NOT NULL,
      enabled INTEGER NOT NULL,
      strategy TEXT NOT NULL CHECK (strategy IN ('static','failover','weighted')),
      filters TEXT NOT NULL,
      connectors TEXT NOT NULL,
      buy_price_micros ${int},
      created_at ${int} NOT NULL,
      updated_at ${int} NOT NULL)`;
const routingColumns = (int: string) => [
  `ALTER TABLE messages ADD COLUMN route_id ${int}`,
  `ALTER TABLE messages ADD COLUMN buy_price_micros ${int}`,
  `DROP INDEX messages_due`,
  `CREATE INDEX messages_due ON messages (connector_id, created_at) WHERE state = 'queued' AND lease_until IS NULL`,
];
const routing: Statements = {
  sqlite: [routesTable('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'), ...routingColumns('INTEGER')],
  postgres: [routesTable('BIGINT', 'BIGSERIAL PRIMARY KEY'), ...routingColumns('BIGINT')],
};

// Background jobs (DESIGN D5), the first kind being delivery-report callbacks. A message that
// reaches a final state enqueues its callback in the same transaction, by trigger, so every
// path to a final state (receipts, submit failures, the reaper, intake's no_route) reports, and
// at most once (the partial unique index). Only messages with a callback URL (their own or
// their traffic account's) get one.
const REPORTED = `('delivered','undelivered','expired','rejected','unknown','failed','blocked')`;
const jobsTable = (int: string, serial: string, id: string) => `CREATE TABLE jobs (
      id ${serial},
      kind TEXT NOT NULL,
      message_id ${id},
      state TEXT NOT NULL CHECK (state IN ('pending','done','failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      run_at ${int} NOT NULL,
      lease_owner TEXT,
      lease_until ${int},
      last_error TEXT,
      created_at ${int} NOT NULL,
      updated_at ${int} NOT NULL,
      done_at ${int})`;
const attemptsTable = (int: string, serial: string, id: string) => `CREATE TABLE callback_attempts (
      id ${serial},
      job_id ${int} NOT NULL,
      message_id ${id} NOT NULL,
      at ${int} NOT NULL,
      url TEXT NOT NULL,
      status_code INTEGER,
      latency_ms INTEGER NOT NULL,
      error TEXT)`;
const enqueueCallback = (newRow: string) => `INSERT INTO jobs (kind, message_id, state, attempts, run_at, created_at, updated_at)
      SELECT 'callback', ${newRow}.id, 'pending', 0, ${newRow}.updated_at, ${newRow}.updated_at, ${newRow}.updated_at
      FROM traffic_accounts t WHERE t.id = ${newRow}.traffic_account_id AND coalesce(${newRow}.callback_url, t.callback_url) IS NOT NULL
      ON CONFLICT (message_id) WHERE kind = 'callback' DO NOTHING`;
const jobsCommon = [
  `CREATE INDEX jobs_due ON jobs (kind, run_at) WHERE state = 'pending'`,
  `CREATE UNIQUE INDEX jobs_callback_once ON jobs (message_id) WHERE kind = 'callback'`,
  `CREATE INDEX callback_attempts_message ON callback_attempts (message_id, at)`,
  `ALTER TABLE traffic_accounts ADD COLUMN callback_secret TEXT`,
  `ALTER TABLE traffic_accounts ADD COLUMN callback_template TEXT`,
];
const jobs: Statements = {
  sqlite: [
    jobsTable('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT', 'TEXT'),
    attemptsTable('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT', 'TEXT'),
    ...jobsCommon,
    `CREATE TRIGGER messages_report_on_final AFTER UPDATE OF state ON messages
       WHEN NEW.state IN ${REPORTED} AND OLD.state NOT IN ${REPORTED}
     BEGIN ${enqueueCallback('NEW')}; END`,
    `CREATE TRIGGER messages_report_born_final AFTER INSERT ON messages
       WHEN NEW.state IN ${REPORTED}
     BEGIN ${enqueueCallback('NEW')}; END`,
  ],
  postgres: [
    jobsTable('BIGINT', 'BIGSERIAL PRIMARY KEY', 'UUID'),
    attemptsTable('BIGINT', 'BIGSERIAL PRIMARY KEY', 'UUID'),
    ...jobsCommon,
    `CREATE FUNCTION messages_report() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.state IN ${REPORTED} AND (TG_OP = 'INSERT' OR OLD.state NOT IN ${REPORTED}) THEN
         ${enqueueCallback('NEW')};
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER messages_report AFTER INSERT OR UPDATE OF state ON messages FOR EACH ROW EXECUTE FUNCTION messages_report()`,
  ],
};

// Two-way, opt-out, credit and reporting (issue #4).
// - numbers: the numbers (long numbers, short codes) inbound messages arrive on, each tied to
//   the traffic account it belongs to; an inbound message takes its account from its number.
// - blacklist: per account; a message to a number on it is stored `blocked` at intake.
// - inbound_parts: fragments of concatenated inbound messages until every part is in.
// - jobs.inbound_id: an inbound message forwarded to its traffic account's webhook (trigger).
// - credit_used_micros: what a credit-limited traffic account has been charged; messages that
//   end without reaching a carrier (failed, expired in the queue, blocked in the queue) give
//   their price back.
// - messages.category: the report category as a generated column, so campaign reports can
//   group by it; src/storage/intake-screening.test.ts checks it against domain/message-state.ts.
const TEMPORARY_CODES = '6,8,27,31,32,34,35,36';
const CATEGORY = `CASE
      WHEN state = 'delivered' THEN 'delivered'
      WHEN state IN ('queued','submitting','submitted') THEN 'pending'
      WHEN state IN ('expired','unknown') THEN 'temporary_error'
      WHEN state = 'undelivered' AND error_code IN (${TEMPORARY_CODES}) THEN 'temporary_error'
      WHEN state IN ('undelivered','rejected','failed') THEN 'permanent_error'
      WHEN state = 'blocked' THEN 'unsubscribed'
    END`;
const twoWayTables = (int: string, serial: string, id: string) => [
  `CREATE TABLE numbers (
      id ${serial},
      number TEXT NOT NULL UNIQUE,
      traffic_account_id ${int} NOT NULL REFERENCES traffic_accounts(id),
      created_at ${int} NOT NULL)`,
  `CREATE TABLE blacklist (
      account_id ${int} NOT NULL REFERENCES accounts(id),
      number TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('keyword','api','cli')),
      reason TEXT,
      inbound_id ${id},
      created_at ${int} NOT NULL,
      PRIMARY KEY (account_id, number))`,
  `CREATE TABLE inbound_parts (
      connector_id ${int} NOT NULL,
      sender TEXT NOT NULL,
      recipient TEXT NOT NULL,
      ref INTEGER NOT NULL,
      total INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      text TEXT NOT NULL,
      encoding TEXT NOT NULL,
      received_at ${int} NOT NULL,
      PRIMARY KEY (connector_id, sender, recipient, ref, total, seq))`,
  `CREATE INDEX inbound_parts_age ON inbound_parts (received_at)`,
  `ALTER TABLE accounts ADD COLUMN opt_out_keywords TEXT`,
  `ALTER TABLE accounts ADD COLUMN opt_in_keywords TEXT`,
  `ALTER TABLE traffic_accounts ADD COLUMN inbound_url TEXT`,
  `ALTER TABLE traffic_accounts ADD COLUMN credit_used_micros ${int} NOT NULL DEFAULT 0`,
  `ALTER TABLE inbound_messages ADD COLUMN account_id ${int}`,
  `ALTER TABLE inbound_messages ADD COLUMN traffic_account_id ${int}`,
  `ALTER TABLE inbound_messages ADD COLUMN action TEXT`,
  `ALTER TABLE inbound_messages ADD COLUMN parts INTEGER NOT NULL DEFAULT 1`,
  `CREATE INDEX inbound_account ON inbound_messages (account_id, id)`,
  `ALTER TABLE jobs ADD COLUMN inbound_id ${id}`,
  `CREATE UNIQUE INDEX jobs_inbound_once ON jobs (inbound_id) WHERE kind = 'inbound'`,
  // One worker claims both kinds, oldest first: an index led by the kind made that a scan and
  // a sort of every pending job. A claim moves run_at to the lease's end, so leased jobs leave
  // the due end of the index (and are due again by themselves if their worker dies). The kind
  // in the index answers the claim's look without reading the table.
  `DROP INDEX jobs_due`,
  `CREATE INDEX jobs_due ON jobs (run_at, kind) WHERE state = 'pending'`,
];
const enqueueInbound = `INSERT INTO jobs (kind, inbound_id, state, attempts, run_at, created_at, updated_at)
      SELECT 'inbound', NEW.id, 'pending', 0, NEW.received_at, NEW.received_at, NEW.received_at
      FROM traffic_accounts t WHERE t.id = NEW.traffic_account_id AND t.inbound_url IS NOT NULL
      ON CONFLICT (inbound_id) WHERE kind = 'inbound' DO NOTHING`;
/**
 * A message that ends without reaching a carrier (failed, expired in the queue, blocked when its
 * recipient opted out while it waited) gives the price it was charged back to a credit-limited
 * account. OLD's price: blocking clears it.
 */
const UNSENT_END = `NEW.state IN ('failed','expired','blocked') AND NEW.submitted_at IS NULL AND OLD.price_micros IS NOT NULL
       AND OLD.state IN ('queued','submitting')`;
const refund = (max: string) => `UPDATE traffic_accounts SET credit_used_micros = ${max}(0, credit_used_micros - OLD.price_micros)
       WHERE id = NEW.traffic_account_id AND credit_limit_micros IS NOT NULL`;
// A callback job carries what its report says, taken when the message becomes final, in the
// transaction that makes it final (where its pages are at hand): the worker then needs no
// lookup of the message, which on another thread's connection cost ~45 µs (a cold page cache
// after every other writer's commit) where the whole callback costs ~30.
const PAYLOAD_FIELDS = ['id', 'state', 'error_code', 'reference', 'recipient', 'sender', 'price_micros', 'segments', 'submitted_at', 'done_at', 'callback_url', 'traffic_account_id'];
const payload = (fn: string) =>
  `${fn}(${PAYLOAD_FIELDS.map((f) => `'${f}', NEW.${f}`).join(', ')},
      'network', (SELECT p.network FROM message_parts p WHERE p.message_id = NEW.id AND p.network IS NOT NULL LIMIT 1))`;
const enqueueWithPayload = (json: string) => `INSERT INTO jobs (kind, message_id, state, attempts, run_at, created_at, updated_at, payload)
      SELECT 'callback', NEW.id, 'pending', 0, NEW.updated_at, NEW.updated_at, NEW.updated_at, ${json}
      FROM traffic_accounts t WHERE t.id = NEW.traffic_account_id AND coalesce(NEW.callback_url, t.callback_url) IS NOT NULL
      ON CONFLICT (message_id) WHERE kind = 'callback' DO NOTHING`;
const twoWay: Statements = {
  sqlite: [
    ...twoWayTables('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT', 'TEXT'),
    `ALTER TABLE messages ADD COLUMN category TEXT GENERATED ALWAYS AS (${CATEGORY}) VIRTUAL`,
    `CREATE TRIGGER inbound_forward AFTER INSERT ON inbound_messages BEGIN ${enqueueInbound}; END`,
    `CREATE TRIGGER messages_refund_unsent AFTER UPDATE OF state ON messages WHEN ${UNSENT_END} BEGIN ${refund('max')}; END`,
    `ALTER TABLE jobs ADD COLUMN payload TEXT`,
    `DROP TRIGGER messages_report_on_final`,
    `DROP TRIGGER messages_report_born_final`,
    `CREATE TRIGGER messages_report_on_final AFTER UPDATE OF state ON messages
       WHEN NEW.state IN ${REPORTED} AND OLD.state NOT IN ${REPORTED}
     BEGIN ${enqueueWithPayload(payload('json_object'))}; END`,
    `CREATE TRIGGER messages_report_born_final AFTER INSERT ON messages
       WHEN NEW.state IN ${REPORTED}
     BEGIN ${enqueueWithPayload(payload('json_object'))}; END`,
  ],
  postgres: [
    ...twoWayTables('BIGINT', 'BIGSERIAL PRIMARY KEY', 'UUID'),
    `ALTER TABLE messages ADD COLUMN category TEXT GENERATED ALWAYS AS (${CATEGORY}) STORED`,
    `CREATE FUNCTION inbound_forward() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN ${enqueueInbound}; RETURN NULL; END $$`,
    `CREATE TRIGGER inbound_forward AFTER INSERT ON inbound_messages FOR EACH ROW EXECUTE FUNCTION inbound_forward()`,
    `CREATE FUNCTION messages_refund_unsent() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN ${refund('greatest')}; RETURN NULL; END $$`,
    `CREATE TRIGGER messages_refund_unsent AFTER UPDATE OF state ON messages FOR EACH ROW WHEN (${UNSENT_END}) EXECUTE FUNCTION messages_refund_unsent()`,
    `ALTER TABLE jobs ADD COLUMN payload TEXT`,
    `CREATE OR REPLACE FUNCTION messages_report() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.state IN ${REPORTED} AND (TG_OP = 'INSERT' OR OLD.state NOT IN ${REPORTED}) THEN
         ${enqueueWithPayload(`${payload('json_build_object')}::text`)};
       END IF;
       RETURN NULL;
     END $$`,
  ],
};

const steps: Array<[string, Statements]> = [
  ['0001_init', init],
  ['0002_connectors', connectors],
  ['0003_dispatch', dispatch],
  ['0004_routing', routing],
  ['0005_jobs', jobs],
  ['0006_two_way', twoWay],
  ['0007_key_scopes', keyScopes],
  ['0008_people', people],
  ['0009_audit', audit],
  ['0010_invitations', invitations],
  ['0011_second_factor', secondFactor],
  ['0012_notifications', notifications],
  ['0013_preferences', preferences],
  ['0014_branding', branding],
  ['0015_totp_step', totpStep],
  ['0016_opened_account', openedAccount],
  ['0017_lists', lists],
  ['0018_templates', templates],
  ['0019_campaigns', campaigns],
];

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const out: Record<string, Migration> = {};
  for (const [name, statements] of steps) {
    out[name] = {
      async up(db: Kysely<unknown>) {
        for (const s of statements[dialect]) await sql.raw(s).execute(db);
      },
    };
  }
  return out;
}
