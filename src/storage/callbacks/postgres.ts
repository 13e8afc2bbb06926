// CallbackStore on PostgreSQL: claims lease a batch with FOR UPDATE SKIP LOCKED (workers take
// disjoint jobs), targets are read for a whole batch in one query, results are written in a
// few set-based statements.

import { sql, type Kysely } from 'kysely';
import type { CallbackAttempt, CallbackJob, CallbackStore, JobOutcome, WebhookTarget } from '../../webhooks/ports.ts';
import type { Database } from '../database.ts';
import type { Schema } from '../schema.ts';
import { signingSecret } from '../tenancy-repository.ts';
import { AccountCache, ACCOUNT_SQL, CALLBACK_TARGET_SQL, callbackTarget, INBOUND_TARGET_SQL, inboundTarget, JOB_COLUMNS, parsePayload, toJob, type AccountRow, type CallbackTargetRow, type InboundTargetRow, type JobRow } from './common.ts';
import { readAttempts } from './attempts.ts';

/** Rows per multi-row statement: well inside PostgreSQL's 65,535 bind parameters. */
const ROWS_PER_INSERT = 1000;

export class PgCallbackStore implements CallbackStore {
  readonly #database: Database;
  readonly #db: Kysely<Schema>;
  readonly #accounts = new AccountCache();

  constructor(database: Database) {
    this.#database = database;
    this.#db = database.db;
  }

  async claim(limit: number, now: number, leaseUntil: number, owner: string): Promise<CallbackJob[]> {
    // A leased job's run_at is its lease's end: the due end of the index holds only what may be claimed.
    const r = await sql<JobRow>`
      UPDATE jobs SET lease_owner = ${owner}, lease_until = ${leaseUntil}, run_at = ${leaseUntil}
      WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND run_at <= ${now} AND kind IN ('callback','inbound')
                   ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) AND state = 'pending'
      RETURNING ${sql.raw(JOB_COLUMNS)}`.execute(this.#db);
    return r.rows.map(toJob);
  }

  async targets(jobs: readonly CallbackJob[]): Promise<Map<number, WebhookTarget>> {
    // A callback job carries its message's facts: only its account's settings are read (cached).
    const carried = jobs.filter((j) => j.kind === 'callback' && j.payload).map((j) => parsePayload(j.payload!));
    const ids = (kind: CallbackJob['kind']) => jobs.filter((j) => j.kind === kind && !(kind === 'callback' && j.payload)).map((j) => j.subjectId);
    const [looked, inbound] = await Promise.all([
      this.#rows<CallbackTargetRow>(CALLBACK_TARGET_SQL, 'm', ids('callback')),
      this.#rows<InboundTargetRow>(INBOUND_TARGET_SQL, 'i', ids('inbound')),
      this.#readAccounts(carried.map((f) => f.traffic_account_id)),
    ]);
    const callbacks = [...looked, ...carried.flatMap((f) => {
      const account = this.#accounts.get(f.traffic_account_id);
      return account ? [{ ...f, ...account }] : [];
    })];
    const secrets = new Map<number, string>();
    const secret = async (r: { ta_id: number; callback_secret: string | null }) => {
      if (!secrets.has(r.ta_id)) secrets.set(r.ta_id, r.callback_secret ?? (await signingSecret(this.#database, r.ta_id)));
      return secrets.get(r.ta_id)!;
    };
    const byId = new Map<string, WebhookTarget>();
    for (const r of callbacks) {
      const t = callbackTarget(r, await secret(r));
      if (t) byId.set(r.id, t);
    }
    for (const r of inbound) {
      const t = inboundTarget(r, await secret(r));
      if (t) byId.set(r.id, t);
    }
    const out = new Map<number, WebhookTarget>();
    for (const j of jobs) if (byId.has(j.subjectId)) out.set(j.id, byId.get(j.subjectId)!);
    return out;
  }

  /** Reads the settings of the accounts not cached, in one query. */
  async #readAccounts(ids: readonly number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => this.#accounts.get(id) === undefined);
    if (missing.length === 0) return;
    const rows = (await sql<AccountRow>`${sql.raw(ACCOUNT_SQL)} WHERE id = ANY(${missing}::bigint[])`.execute(this.#db)).rows;
    for (const id of missing) this.#accounts.set(id, rows.find((r) => Number(r.ta_id) === id) ?? null);
  }

  async #rows<T>(query: string, alias: string, ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    return (await sql<T>`${sql.raw(query)} WHERE ${sql.raw(alias)}.id = ANY(${ids}::uuid[])`.execute(this.#db)).rows;
  }

  async record(attempts: readonly CallbackAttempt[], outcomes: readonly JobOutcome[], now: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      for (let i = 0; i < attempts.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('callback_attempts')
          .values(attempts.slice(i, i + ROWS_PER_INSERT).map((a) => ({ job_id: a.jobId, message_id: a.messageId, at: a.at, url: a.url, status_code: a.statusCode, latency_ms: a.latencyMs, error: a.error })))
          .execute();
      }
      // One statement for every outcome: its kind decides each column.
      if (outcomes.length === 0) return;
      const col = (f: (o: JobOutcome) => unknown) => outcomes.map(f);
      await sql`UPDATE jobs SET
          state = CASE v.k WHEN 'done' THEN 'done' WHEN 'failed' THEN 'failed' ELSE 'pending' END,
          attempts = attempts + CASE v.k WHEN 'later' THEN 0 ELSE 1 END,
          run_at = coalesce(v.r, run_at), done_at = CASE WHEN v.k IN ('done','failed') THEN ${now}::bigint END,
          last_error = CASE v.k WHEN 'later' THEN last_error ELSE v.e END,
          lease_owner = NULL, lease_until = NULL, updated_at = ${now}
        FROM unnest(${col((o) => o.id)}::bigint[], ${col((o) => o.kind)}::text[], ${col((o) => ('runAt' in o ? o.runAt : null))}::bigint[],
                    ${col((o) => ('error' in o ? o.error : null))}::text[]) AS v(id, k, r, e)
        WHERE jobs.id = v.id`.execute(trx);
    });
  }

  attempts(messageId: string): Promise<CallbackAttempt[]> {
    return readAttempts(this.#db, messageId);
  }
}
