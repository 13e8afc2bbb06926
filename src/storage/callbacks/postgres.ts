// CallbackStore on PostgreSQL: claims lease a batch with FOR UPDATE SKIP LOCKED (workers take
// disjoint jobs), targets are read for a whole batch in one query, results are written in a
// few set-based statements.

import { sql, type Kysely } from 'kysely';
import type { CallbackAttempt, CallbackJob, CallbackStore, JobOutcome, WebhookTarget } from '../../webhooks/ports.ts';
import type { Database } from '../database.ts';
import type { Schema } from '../schema.ts';
import {
  AccountCache,
  ACCOUNT_SQL,
  CALLBACK_TARGET_SQL,
  carriedRow,
  INBOUND_TARGET_SQL,
  JOB_COLUMNS,
  parsePayload,
  toJob,
  toTargets,
  type AccountRow,
  type CallbackTargetRow,
  type InboundTargetRow,
  type JobRow,
  type TargetRow,
} from './common.ts';
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
    const carried = (j: CallbackJob) => j.kind === 'callback' && j.payload !== null;
    const ids = (kind: CallbackJob['kind']) => jobs.filter((j) => j.kind === kind && !carried(j)).map((j) => j.subjectId);
    const facts = new Map(jobs.filter(carried).map((j) => [j.id, parsePayload(j.payload!)]));
    const [looked, inbound] = await Promise.all([
      this.#rows<CallbackTargetRow>(CALLBACK_TARGET_SQL, 'm', ids('callback')),
      this.#rows<InboundTargetRow>(INBOUND_TARGET_SQL, 'i', ids('inbound')),
      this.#readAccounts([...facts.values()].map((f) => f.traffic_account_id)),
    ]);
    const bySubject = new Map<string, TargetRow>([...looked, ...inbound].map((r) => [r.id, r]));
    return toTargets(this.#database, jobs, (j) => {
      const f = facts.get(j.id);
      if (!f) return bySubject.get(j.subjectId);
      const account = this.#accounts.get(f.traffic_account_id);
      return account ? carriedRow(f, account) : undefined;
    });
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
          .values(
            attempts.slice(i, i + ROWS_PER_INSERT).map((a) => ({ job_id: a.jobId, message_id: a.messageId, at: a.at, url: a.url, status_code: a.statusCode, latency_ms: a.latencyMs, error: a.error })),
          )
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
