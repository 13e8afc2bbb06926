// The general job queue on the jobs table (its callback kinds are claimed by callbacks/).
// As there, a leased job's run_at is its lease's end: a job whose worker died is due again
// when the lease runs out, and the due end of the index holds only what may be claimed.

import { type Kysely, sql, type Transaction } from 'kysely';
import type { Job, JobStore } from '../jobs/ports.ts';
import type { Database } from './database.ts';
import type { Schema } from './schema.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Adds a job in the caller's transaction: it exists exactly when the work it stands for does. */
export async function addJob(db: Db, kind: string, payload: unknown, now: number, runAt = now): Promise<number> {
  const r = await db
    .insertInto('jobs')
    .values({ kind, message_id: null, inbound_id: null, payload: JSON.stringify(payload), state: 'pending', attempts: 0, run_at: runAt, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

type Row = { id: number; kind: string; payload: string | null; attempts: number };
const toJob = (r: Row): Job => ({ id: Number(r.id), kind: r.kind, payload: r.payload === null ? null : JSON.parse(r.payload), attempts: Number(r.attempts) });

export class SqlJobStore implements JobStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async claim(kinds: readonly string[], limit: number, now: number, leaseUntil: number, owner: string): Promise<Job[]> {
    if (kinds.length === 0 || limit <= 0) return [];
    const { db } = this.#database;
    if (this.#database.dialect === 'postgres') {
      const r = await sql<Row>`
        UPDATE jobs SET lease_owner = ${owner}, lease_until = ${leaseUntil}, run_at = ${leaseUntil}, updated_at = ${now}
        WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND run_at <= ${now} AND kind IN (${sql.join(kinds)})
                     ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) AND state = 'pending'
        RETURNING id, kind, payload, attempts`.execute(db);
      return r.rows.map(toJob);
    }
    // SQLite has one writer: the select and the lease are one transaction.
    return db.transaction().execute(async (trx) => {
      const due = await trx.selectFrom('jobs').select('id').where('state', '=', 'pending').where('run_at', '<=', now).where('kind', 'in', kinds).orderBy('run_at').limit(limit).execute();
      if (due.length === 0) return [];
      const rows = await trx
        .updateTable('jobs')
        .set({ lease_owner: owner, lease_until: leaseUntil, run_at: leaseUntil, updated_at: now })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .where('state', '=', 'pending')
        .returning(['id', 'kind', 'payload', 'attempts'])
        .execute();
      return rows.map(toJob);
    });
  }

  async extend(id: number, owner: string, leaseUntil: number): Promise<boolean> {
    const r = await this.#mine(id, owner).set({ lease_until: leaseUntil, run_at: leaseUntil }).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async done(id: number, owner: string, now: number): Promise<void> {
    await this.#mine(id, owner).set({ state: 'done', done_at: now, last_error: null, lease_owner: null, lease_until: null, updated_at: now }).execute();
  }

  async retry(id: number, owner: string, runAt: number, error: string | null, now: number, counts = true): Promise<void> {
    await this.#mine(id, owner)
      .set((eb) => ({ attempts: counts ? eb('attempts', '+', 1) : eb.ref('attempts'), run_at: runAt, last_error: error, lease_owner: null, lease_until: null, updated_at: now }))
      .execute();
  }

  async failed(id: number, owner: string, error: string, now: number): Promise<void> {
    await this.#mine(id, owner)
      .set((eb) => ({ state: 'failed', attempts: eb('attempts', '+', 1), done_at: now, last_error: error, lease_owner: null, lease_until: null, updated_at: now }))
      .execute();
  }

  /** Only the lease holder settles a job: one whose lease ran out and was taken again is not touched. */
  #mine(id: number, owner: string) {
    return this.#database.db.updateTable('jobs').where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'pending');
  }
}
