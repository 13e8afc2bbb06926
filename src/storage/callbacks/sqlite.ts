// CallbackStore on SQLite: prepared statements run synchronously in one IMMEDIATE transaction
// under the process's write lock, like the dispatch store: a Kysely query compiles and
// prepares its statement on every call, which cost more than the callback's HTTP request.

import type { Database as Sqlite } from 'better-sqlite3';
import type { CallbackAttempt, CallbackJob, CallbackStore, JobOutcome, WebhookTarget } from '../../webhooks/ports.ts';
import type { Database } from '../database.ts';
import { readAttempts } from './attempts.ts';
import { AccountCache, ACCOUNT_SQL, CALLBACK_TARGET_SQL, carriedRow, INBOUND_TARGET_SQL, JOB_COLUMNS, parsePayload, toJob, toTargets, type AccountRow, type JobRow, type TargetRow } from './common.ts';

type Serialize = <T>(fn: () => T) => T;
const FREE = 'lease_owner = NULL, lease_until = NULL, updated_at = ?';

function statements(raw: Sqlite) {
  return {
    // A leased job's run_at is its lease's end: the due end of the index holds only what may be claimed.
    due: raw.prepare(`SELECT id FROM jobs WHERE state = 'pending' AND run_at <= ? AND kind IN ('callback','inbound') ORDER BY run_at LIMIT ?`).pluck(),
    lease: raw.prepare(`UPDATE jobs SET lease_owner = ?, lease_until = ?, run_at = ? WHERE id = ? AND state = 'pending' RETURNING ${JOB_COLUMNS}`),
    account: raw.prepare(`${ACCOUNT_SQL} WHERE id = ?`),
    callbackTarget: raw.prepare(`${CALLBACK_TARGET_SQL} WHERE m.id = ?`),
    inboundTarget: raw.prepare(`${INBOUND_TARGET_SQL} WHERE i.id = ?`),
    attempt: raw.prepare(`INSERT INTO callback_attempts (job_id, message_id, at, url, status_code, latency_ms, error) VALUES (?,?,?,?,?,?,?)`),
    done: raw.prepare(`UPDATE jobs SET state = 'done', attempts = attempts + 1, done_at = ?, last_error = NULL, ${FREE} WHERE id = ?`),
    failed: raw.prepare(`UPDATE jobs SET state = 'failed', attempts = attempts + 1, done_at = ?, last_error = ?, ${FREE} WHERE id = ?`),
    retry: raw.prepare(`UPDATE jobs SET attempts = attempts + 1, run_at = ?, last_error = ?, ${FREE} WHERE id = ?`),
    later: raw.prepare(`UPDATE jobs SET run_at = ?, ${FREE} WHERE id = ?`),
  };
}

export class SqliteCallbackStore implements CallbackStore {
  readonly #database: Database;
  readonly #raw: Sqlite;
  readonly #s: ReturnType<typeof statements>;
  readonly #serialize: Serialize;
  readonly #accounts = new AccountCache();

  constructor(database: Database, serialize: Serialize = (fn) => fn()) {
    this.#database = database;
    this.#raw = database.sqlite!;
    this.#s = statements(this.#raw);
    this.#serialize = serialize;
  }

  #tx<T>(fn: () => T): T {
    return this.#serialize(() => this.#raw.transaction(fn).immediate());
  }

  async claim(limit: number, now: number, leaseUntil: number, owner: string): Promise<CallbackJob[]> {
    // Look before taking the write lock: an idle worker polls often, and the intake and engine
    // writers would wait for a transaction that changes nothing.
    const ids = this.#s.due.all(now, limit) as number[];
    if (ids.length === 0) return [];
    return this.#tx(() => ids.flatMap((id) => (this.#s.lease.all(owner, leaseUntil, leaseUntil, id) as JobRow[]).map(toJob)));
  }

  async targets(jobs: readonly CallbackJob[]): Promise<Map<number, WebhookTarget>> {
    // One read transaction for the batch: one snapshot, and the page cache stays valid between
    // the lookups (each on its own re-checked the WAL: ~45 µs a lookup where this costs ~5).
    // A callback job carries its message's facts: only its account's settings are read (cached).
    const byJob = new Map(this.#raw.transaction(() => jobs.map((j): [number, TargetRow | undefined] => [j.id, this.#row(j)]))());
    return toTargets(this.#database, jobs, (j) => byJob.get(j.id));
  }

  #row(j: CallbackJob): TargetRow | undefined {
    if (j.kind === 'callback' && j.payload) {
      const facts = parsePayload(j.payload);
      const account = this.#account(facts.traffic_account_id);
      return account ? carriedRow(facts, account) : undefined;
    }
    return (j.kind === 'inbound' ? this.#s.inboundTarget : this.#s.callbackTarget).get(j.subjectId) as TargetRow | undefined;
  }

  #account(id: number): AccountRow | null {
    let row = this.#accounts.get(id);
    if (row === undefined) this.#accounts.set(id, (row = (this.#s.account.get(id) as AccountRow | undefined) ?? null));
    return row;
  }

  async record(attempts: readonly CallbackAttempt[], outcomes: readonly JobOutcome[], now: number): Promise<void> {
    const s = this.#s;
    this.#tx(() => {
      for (const a of attempts) s.attempt.run(a.jobId, a.messageId, a.at, a.url, a.statusCode, a.latencyMs, a.error);
      for (const o of outcomes) {
        if (o.kind === 'done') s.done.run(now, now, o.id);
        else if (o.kind === 'failed') s.failed.run(now, o.error, now, o.id);
        else if (o.kind === 'retry') s.retry.run(o.runAt, o.error, now, o.id);
        else s.later.run(o.runAt, now, o.id);
      }
    });
  }

  attempts(messageId: string): Promise<CallbackAttempt[]> {
    return readAttempts(this.#database.db, messageId);
  }
}
