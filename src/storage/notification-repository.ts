// Notifications and their audience (migration 0012). Every read and write of notifications is
// bounded by the user id the caller passes (their own session's), so no id reaches another's.

import type { CreditLevel, NotificationStatus } from '../domain/notifications.ts';
import type { AudienceStore, CreditCrossing, Notification, NotificationContent, NotificationFilter, NotificationStore, User } from '../people/ports.ts';
import type { Database } from './database.ts';
import { contains } from './search.ts';
import type { NotificationsTable } from './schema.ts';
import { creditLevel } from '../domain/notifications.ts';

type Row = Omit<NotificationsTable, 'id'> & { id: number };

const toNotification = (r: Row): Notification => ({
  id: r.id,
  type: r.type as Notification['type'],
  tag: r.tag as Notification['tag'],
  content: r.content,
  createdAt: r.created_at,
  readAt: r.read_at,
  archivedAt: r.archived_at,
});

export class SqlNotificationStore implements NotificationStore, AudienceStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  get #db() {
    return this.#database.db;
  }

  async add(userIds: number[], n: NotificationContent, at: number): Promise<void> {
    await this.#db
      .insertInto('notifications')
      .values([...new Set(userIds)].map((u) => ({ user_id: u, type: n.type, tag: n.tag, content: n.content, created_at: at })))
      .execute();
  }

  #filtered(userId: number, f: NotificationFilter) {
    let q = this.#db.selectFrom('notifications').where('user_id', '=', userId);
    if (f.search) q = q.where(contains('content', f.search, true));
    if (f.types?.length) q = q.where('type', 'in', f.types);
    if (f.tags?.length) q = q.where('tag', 'in', f.tags);
    // Archived is a status of its own: unread and read mean not archived.
    const statuses = f.statuses ?? ['unread', 'read'];
    q = q.where((eb) =>
      eb.or(
        statuses.map((s) => (s === 'archived' ? eb('archived_at', 'is not', null) : eb.and([eb('archived_at', 'is', null), s === 'read' ? eb('read_at', 'is not', null) : eb('read_at', 'is', null)]))),
      ),
    );
    return q;
  }

  async list(userId: number, f: NotificationFilter, offset: number, limit: number): Promise<{ rows: Notification[]; total: number }> {
    const q = this.#filtered(userId, f);
    const [rows, count] = await Promise.all([
      limit > 0 ? q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute() : [],
      q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map(toNotification), total: Number(count.n) };
  }

  async unread(userId: number, latest: number): Promise<{ count: number; latest: Notification[] }> {
    return this.list(userId, { statuses: ['unread'] }, 0, latest).then((r) => ({ count: r.total, latest: r.rows }));
  }

  async mark(userId: number, ids: number[] | null, as: NotificationStatus, at: number): Promise<number> {
    const set = as === 'archived' ? { archived_at: at } : as === 'read' ? { read_at: at, archived_at: null } : { read_at: null, archived_at: null };
    let q = this.#db.updateTable('notifications').set(set).where('user_id', '=', userId);
    if (ids !== null) {
      if (!ids.length) return 0;
      q = q.where('id', 'in', ids);
    }
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async audience(accountId: number, trafficAccountId: number): Promise<Array<Pick<User, 'id' | 'email'>>> {
    const active = this.#db.selectFrom('users as u').select(['u.id', 'u.email']).where('u.account_id', '=', accountId).where('u.status', '=', 'active').orderBy('u.id');
    const members = await active.innerJoin('user_traffic_accounts as m', 'm.user_id', 'u.id').where('m.traffic_account_id', '=', trafficAccountId).execute();
    return members.length ? members : active.where('u.role', '=', 'administrator').execute();
  }

  async creditCrossings(): Promise<CreditCrossing[]> {
    const rows = await this.#db
      .selectFrom('traffic_accounts')
      .select(['id', 'account_id', 'name', 'display_name', 'currency', 'credit_used_micros', 'credit_limit_micros', 'credit_alerted'])
      .where((eb) => eb.or([eb('credit_limit_micros', 'is not', null), eb('credit_alerted', '!=', 0)]))
      .execute();
    return rows
      .map((r) => ({
        trafficAccountId: r.id,
        accountId: r.account_id,
        name: r.name,
        displayName: r.display_name,
        currency: r.currency,
        usedMicros: Number(r.credit_used_micros),
        limitMicros: Number(r.credit_limit_micros ?? 0),
        level: creditLevel(Number(r.credit_used_micros), r.credit_limit_micros === null ? null : Number(r.credit_limit_micros)),
        alerted: r.credit_alerted as CreditLevel,
      }))
      .filter((c) => c.level !== c.alerted);
  }

  async markCreditLevel(trafficAccountId: number, from: CreditLevel, to: CreditLevel): Promise<boolean> {
    const r = await this.#db.updateTable('traffic_accounts').set({ credit_alerted: to }).where('id', '=', trafficAccountId).where('credit_alerted', '=', from).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
