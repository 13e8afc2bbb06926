// The mail outbox (migration 0010): every mail is a row before anything tries to send it. An
// attempt is claimed by bumping `attempts` from the value the sender saw, so two processes
// never both send one mail; a sent mail's body is cleared.

import type { OutboxEntry, OutboxStore, OutgoingMail } from '../people/ports.ts';
import type { Database } from './database.ts';
import type { MailOutboxTable } from './schema.ts';

type Row = Omit<MailOutboxTable, 'id' | 'attempts'> & { id: number; attempts: number; account_name: string | null };

function toEntry(r: Row): OutboxEntry {
  return {
    id: r.id,
    accountId: r.account_id,
    accountName: r.account_name,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    attempts: r.attempts,
    error: r.error,
  };
}

export class SqlOutboxStore implements OutboxStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  get #db() {
    return this.#database.db;
  }

  get #entries() {
    return this.#db.selectFrom('mail_outbox as m').leftJoin('accounts as a', 'a.id', 'm.account_id').selectAll('m').select('a.name as account_name');
  }

  async add(m: OutgoingMail, at: number): Promise<number> {
    const r = await this.#db
      .insertInto('mail_outbox')
      .values({ account_id: m.accountId, to_address: m.to, subject: m.subject, body: m.body, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async claim(id: number, attempts: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('mail_outbox')
      .set({ attempts: attempts + 1 })
      .where('id', '=', id)
      .where('attempts', '=', attempts)
      .where('sent_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async sent(id: number, at: number): Promise<void> {
    await this.#db.updateTable('mail_outbox').set({ sent_at: at, body: null, error: null }).where('id', '=', id).execute();
  }

  async failed(id: number, error: string): Promise<void> {
    await this.#db
      .updateTable('mail_outbox')
      .set({ error: error.slice(0, 500) })
      .where('id', '=', id)
      .execute();
  }

  async retryable(maxAttempts: number, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.#entries.where('m.sent_at', 'is', null).where('m.error', 'is not', null).where('m.attempts', '<', maxAttempts).orderBy('m.id').limit(limit).execute();
    return rows.map(toEntry);
  }

  async entry(id: number): Promise<OutboxEntry | null> {
    const r = await this.#entries.where('m.id', '=', id).executeTakeFirst();
    return r ? toEntry(r) : null;
  }

  async list(accountId: number | null, beforeId: number | null, limit: number): Promise<OutboxEntry[]> {
    let q = this.#entries;
    if (accountId !== null) q = q.where('m.account_id', '=', accountId);
    if (beforeId !== null) q = q.where('m.id', '<', beforeId);
    return (await q.orderBy('m.id', 'desc').limit(limit).execute()).map(toEntry);
  }
}
