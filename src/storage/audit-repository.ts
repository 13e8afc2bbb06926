// The audit log (migration 0009): appended to, read newest first a page at a time.

import type { AuditAction, AuditEntry, AuditStore } from '../people/ports.ts';
import type { Database } from './database.ts';

export class SqlAuditStore implements AuditStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async record(e: AuditEntry): Promise<void> {
    await this.#database.db
      .insertInto('audit_log')
      .values({ account_id: e.accountId, user_id: e.userId, email: e.email, action: e.action, address: e.address, detail: e.detail, created_at: e.at })
      .execute();
  }

  async list(accountId: number | null, beforeId: number | null, limit: number): Promise<Array<AuditEntry & { id: number; accountName: string | null }>> {
    let q = this.#database.db.selectFrom('audit_log as l').leftJoin('accounts as a', 'a.id', 'l.account_id').selectAll('l').select('a.name as account_name');
    if (accountId !== null) q = q.where('l.account_id', '=', accountId);
    if (beforeId !== null) q = q.where('l.id', '<', beforeId);
    const rows = await q.orderBy('l.id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      accountName: r.account_name,
      accountId: r.account_id,
      userId: r.user_id,
      email: r.email,
      action: r.action as AuditAction,
      address: r.address,
      detail: r.detail,
      at: r.created_at,
    }));
  }
}
