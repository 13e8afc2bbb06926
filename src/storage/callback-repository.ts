// CallbackStore over the jobs and callback_attempts tables (both dialects, through Kysely):
// delivery-report callbacks of messages and forwards of inbound messages.
// Claims lease a batch (PostgreSQL: FOR UPDATE SKIP LOCKED, so workers take disjoint jobs).

import { sql } from 'kysely';
import type { InboundFacts } from '../domain/callback.ts';
import type { CallbackAttempt, CallbackJob, CallbackStore, CallbackTarget, InboundTarget, JobKind, JobOutcome, WebhookTarget } from '../webhooks/ports.ts';
import type { Database } from './database.ts';
import { signingSecret } from './tenancy-repository.ts';

/** Rows per multi-row statement: well inside both dialects' bind-parameter limits. */
const ROWS_PER_INSERT = 500;

export class SqlCallbackStore implements CallbackStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async claim(limit: number, now: number, leaseUntil: number, owner: string): Promise<CallbackJob[]> {
    // A leased job's run_at is its lease's end (below): the due end of the index holds only what may be claimed.
    const due = sql`SELECT id FROM jobs WHERE state = 'pending' AND run_at <= ${now} AND kind IN ('callback','inbound') ORDER BY run_at LIMIT ${limit}`;
    if (this.#database.dialect === 'sqlite') {
      // Look before taking SQLite's write lock: an idle worker polls often, and an UPDATE that
      // changes nothing would still make the intake and engine writers wait.
      const ids = (await due.execute(this.#database.db)).rows as Array<{ id: number }>;
      if (ids.length === 0) return [];
    }
    const lock = this.#database.dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const r = await sql<{ id: number; kind: JobKind; message_id: string | null; inbound_id: string | null; attempts: number; created_at: number }>`
      UPDATE jobs SET lease_owner = ${owner}, lease_until = ${leaseUntil}, run_at = ${leaseUntil}
      WHERE id IN (${due} ${lock}) AND state = 'pending'
      RETURNING id, kind, message_id, inbound_id, attempts, created_at`.execute(this.#database.db);
    return r.rows.map((j) => ({ id: Number(j.id), kind: j.kind, subjectId: (j.message_id ?? j.inbound_id)!, attempts: Number(j.attempts), createdAt: Number(j.created_at) }));
  }

  async targets(jobs: readonly CallbackJob[]): Promise<Map<number, WebhookTarget>> {
    const out = new Map<number, WebhookTarget>();
    const ids = (kind: CallbackJob['kind']) => jobs.filter((j) => j.kind === kind).map((j) => j.subjectId);
    const [callbacks, inbound] = await Promise.all([this.#callbackTargets(ids('callback')), this.#inboundTargets(ids('inbound'))]);
    for (const j of jobs) {
      const t = (j.kind === 'inbound' ? inbound : callbacks).get(j.subjectId);
      if (t) out.set(j.id, t);
    }
    return out;
  }

  /** The traffic accounts' signing secrets, each created on first use. */
  async #secrets(rows: ReadonlyArray<{ ta_id: number; callback_secret: string | null }>): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const r of rows) if (!out.has(r.ta_id)) out.set(r.ta_id, r.callback_secret ?? (await signingSecret(this.#database, r.ta_id)));
    return out;
  }

  async #inboundTargets(inboundIds: readonly string[]): Promise<Map<string, InboundTarget>> {
    if (inboundIds.length === 0) return new Map();
    const rows = await this.#database.db
      .selectFrom('inbound_messages as i')
      .innerJoin('traffic_accounts as t', 't.id', 'i.traffic_account_id')
      .select(['i.id', 'i.sender', 'i.recipient', 'i.text', 'i.encoding', 'i.parts', 'i.action', 'i.received_at', 't.id as ta_id', 't.name', 't.inbound_url', 't.callback_secret'])
      .where('i.id', 'in', inboundIds)
      .execute();
    const secrets = await this.#secrets(rows);
    const out = new Map<string, InboundTarget>();
    for (const r of rows) {
      if (!r.inbound_url) continue;
      out.set(r.id, {
        kind: 'inbound',
        facts: {
          id: r.id, from: r.sender, to: r.recipient, text: r.text, encoding: r.encoding, parts: r.parts,
          action: r.action as InboundFacts['action'], receivedAt: Number(r.received_at), account: r.name,
        },
        url: r.inbound_url,
        secret: secrets.get(r.ta_id)!,
      });
    }
    return out;
  }

  async #callbackTargets(messageIds: readonly string[]): Promise<Map<string, CallbackTarget>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.#database.db
      .selectFrom('messages as m')
      .innerJoin('traffic_accounts as t', 't.id', 'm.traffic_account_id')
      .select([
        'm.id', 'm.state', 'm.error_code', 'm.reference', 'm.recipient', 'm.sender', 'm.price_micros', 'm.segments', 'm.submitted_at', 'm.done_at',
        'm.callback_url', 't.id as ta_id', 't.name as account', 't.callback_url as ta_url', 't.callback_method', 't.callback_template', 't.callback_secret',
        // The network a receipt named, in the same round trip.
        (eb) => eb.selectFrom('message_parts as p').select('p.network').whereRef('p.message_id', '=', 'm.id').where('p.network', 'is not', null).limit(1).as('network'),
      ])
      .where('m.id', 'in', messageIds)
      .execute();
    const secrets = await this.#secrets(rows);
    const out = new Map<string, CallbackTarget>();
    for (const m of rows) {
      const url = m.callback_url ?? m.ta_url;
      if (!url) continue;
      out.set(m.id, {
        kind: 'callback',
        facts: {
          id: m.id, state: m.state, errorCode: m.error_code, reference: m.reference, to: m.recipient, from: m.sender, network: m.network ?? null,
          priceMicros: m.price_micros, parts: m.segments, submittedAt: m.submitted_at, doneAt: m.done_at, account: m.account,
        },
        url,
        method: m.callback_method === 'GET' ? 'GET' : 'POST',
        template: m.callback_template,
        secret: secrets.get(m.ta_id)!,
      });
    }
    return out;
  }

  /**
   * One transaction for a batch: the attempts in multi-row inserts, the jobs that succeeded in
   * one UPDATE, those handed back for the same time in one UPDATE each, the rest (failures,
   * retries) one by one: a few per batch.
   */
  async record(attempts: readonly CallbackAttempt[], outcomes: readonly JobOutcome[], now: number): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < attempts.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('callback_attempts')
          .values(attempts.slice(i, i + ROWS_PER_INSERT).map((a) => ({ job_id: a.jobId, message_id: a.messageId, at: a.at, url: a.url, status_code: a.statusCode, latency_ms: a.latencyMs, error: a.error })))
          .execute();
      }
      const base = { lease_owner: null, lease_until: null, updated_at: now };
      const tried = { ...base, attempts: sql<number>`attempts + 1` };
      const done = outcomes.filter((o) => o.kind === 'done').map((o) => o.id);
      for (let i = 0; i < done.length; i += ROWS_PER_INSERT) {
        await trx.updateTable('jobs').set({ ...tried, state: 'done', done_at: now, last_error: null }).where('id', 'in', done.slice(i, i + ROWS_PER_INSERT)).execute();
      }
      const later = new Map<number, number[]>();
      for (const o of outcomes) if (o.kind === 'later') later.set(o.runAt, [...(later.get(o.runAt) ?? []), o.id]);
      for (const [runAt, ids] of later) {
        for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) await trx.updateTable('jobs').set({ ...base, run_at: runAt }).where('id', 'in', ids.slice(i, i + ROWS_PER_INSERT)).execute();
      }
      for (const o of outcomes) {
        if (o.kind === 'failed') await trx.updateTable('jobs').set({ ...tried, state: 'failed', done_at: now, last_error: o.error }).where('id', '=', o.id).execute();
        else if (o.kind === 'retry') await trx.updateTable('jobs').set({ ...tried, run_at: o.runAt, last_error: o.error }).where('id', '=', o.id).execute();
      }
    });
  }

  async attempts(messageId: string): Promise<CallbackAttempt[]> {
    const rows = await this.#database.db.selectFrom('callback_attempts').selectAll().where('message_id', '=', messageId).orderBy('at').orderBy('id').execute();
    return rows.map((r) => ({ jobId: Number(r.job_id), messageId: r.message_id, at: Number(r.at), url: r.url, statusCode: r.status_code, latencyMs: r.latency_ms, error: r.error }));
  }
}
