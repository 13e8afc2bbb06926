// Users and their sessions (migration 0008). A status change away from active and a password
// change delete sessions in the same transaction, so no request signed in before the change
// is served after it.

import { coded, ConflictError } from '../domain/errors.ts';
import { isPermission, type Permission } from '../domain/permissions.ts';
import type { LanguageCode } from '../domain/preferences.ts';
import type { LinkPurpose, LinkStore, Membership, NewUser, PersonRole, SecondFactorMethod, SessionRow, SessionStore, User, UserChange, UserStatus, UserStore } from '../people/ports.ts';
import { writeTransaction, type Database } from './database.ts';
import type { SessionsTable, UsersTable } from './schema.ts';

type UserRow = Omit<UsersTable, 'id' | 'operator' | 'permissions' | 'second_factor' | 'unicode_detection' | 'avatar' | 'totp_last_step'> & {
  id: number;
  operator: number;
  permissions: string;
  second_factor: string;
  unicode_detection: number;
  has_avatar: number;
  account_name: string;
  require_second_factor: number;
};

/** Every column but the avatar, which is read only by itself. */
const USER_COLUMNS = [
  'u.id',
  'u.account_id',
  'u.email',
  'u.name',
  'u.password_hash',
  'u.role',
  'u.operator',
  'u.status',
  'u.permissions',
  'u.phone',
  'u.phone_verified_at',
  'u.second_factor',
  'u.totp_secret',
  'u.totp_pending',
  'u.language',
  'u.time_zone',
  'u.unicode_detection',
  'u.default_sender',
  'u.created_at',
  'u.updated_at',
] as const;

const permissionList = (stored: string): Permission[] => stored.split(',').filter(isPermission);

function toUser(r: UserRow): User {
  return {
    id: r.id,
    accountId: r.account_id,
    accountName: r.account_name,
    email: r.email,
    name: r.name,
    role: r.role as PersonRole,
    operator: r.operator === 1,
    status: r.status as UserStatus,
    permissions: permissionList(r.permissions),
    phone: r.phone,
    phoneVerified: r.phone_verified_at !== null,
    secondFactor: r.second_factor as SecondFactorMethod,
    accountRequiresSecondFactor: r.require_second_factor === 1,
    preferences: { language: r.language as LanguageCode | null, timeZone: r.time_zone, unicodeDetection: r.unicode_detection === 1, defaultSender: r.default_sender },
    hasAvatar: Number(r.has_avatar) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toSession(r: Omit<SessionsTable, 'opened_account_id'> & { opened_account_id?: number | null; opened_account_name?: string | null }): SessionRow {
  const opened = r.opened_account_id != null && r.opened_account_name != null ? { id: r.opened_account_id, name: r.opened_account_name } : null;
  return { tokenHash: r.token_hash, userId: r.user_id, csrfToken: r.csrf_token, address: r.address, createdAt: r.created_at, lastSeenAt: r.last_seen_at, openedAccount: opened };
}

export class SqlPeopleStore implements UserStore, SessionStore, LinkStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  get #db() {
    return this.#database.db;
  }

  /** Users with their account's name. */
  get #users() {
    return this.#db
      .selectFrom('users as u')
      .innerJoin('accounts as a', 'a.id', 'u.account_id')
      .select(USER_COLUMNS)
      .select((eb) => [eb.case().when('u.avatar', 'is', null).then(0).else(1).end().as('has_avatar'), 'a.name as account_name', 'a.require_second_factor']);
  }

  async hasUsers(): Promise<boolean> {
    return (await this.#db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  async createUser(u: NewUser, at: number): Promise<User> {
    const row = await this.#db
      .insertInto('users')
      .values({
        account_id: u.accountId,
        email: u.email,
        name: u.name,
        password_hash: u.passwordHash,
        role: u.role,
        operator: u.operator ? 1 : 0,
        status: u.status,
        permissions: (u.permissions ?? []).join(','),
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw coded(new ConflictError(`a user with the email ${JSON.stringify(u.email)} exists`), 'email_taken', { email: u.email });
    return (await this.user(row.id))!;
  }

  async userByEmail(email: string): Promise<{ user: User; passwordHash: string | null } | null> {
    const r = await this.#users.where('u.email', '=', email).executeTakeFirst();
    return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
  }

  async user(id: number): Promise<User | null> {
    const r = await this.#users.where('u.id', '=', id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async listUsers(accountId: number | null): Promise<User[]> {
    let q = this.#users;
    if (accountId !== null) q = q.where('u.account_id', '=', accountId);
    return (await q.orderBy('u.account_id').orderBy('u.name').orderBy('u.id').execute()).map(toUser);
  }

  setStatus(id: number, status: UserStatus, at: number): Promise<boolean> {
    return writeTransaction(this.#database, async (trx) => {
      const r = await trx.updateTable('users').set({ status, updated_at: at }).where('id', '=', id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      if (status !== 'active') await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      return true;
    });
  }

  async setPasswordHash(id: number, hash: string, at: number, keep: string | null): Promise<void> {
    await writeTransaction(this.#database, async (trx) => {
      await trx.updateTable('users').set({ password_hash: hash, updated_at: at }).where('id', '=', id).execute();
      let ending = trx.deleteFrom('sessions').where('user_id', '=', id);
      if (keep !== null) ending = ending.where('token_hash', '!=', keep);
      await ending.execute();
    });
  }

  async updateUser(id: number, c: UserChange, at: number): Promise<User | null> {
    const set = {
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.role !== undefined ? { role: c.role } : {}),
      ...(c.permissions !== undefined ? { permissions: c.permissions.join(',') } : {}),
      ...(c.preferences?.language !== undefined ? { language: c.preferences.language } : {}),
      ...(c.preferences?.timeZone !== undefined ? { time_zone: c.preferences.timeZone } : {}),
      ...(c.preferences?.unicodeDetection !== undefined ? { unicode_detection: c.preferences.unicodeDetection ? 1 : 0 } : {}),
      ...(c.preferences?.defaultSender !== undefined ? { default_sender: c.preferences.defaultSender } : {}),
      ...(c.avatar !== undefined ? { avatar: c.avatar } : {}),
      updated_at: at,
    };
    await this.#db.updateTable('users').set(set).where('id', '=', id).execute();
    return this.user(id);
  }

  async avatar(id: number): Promise<string | null> {
    return (await this.#db.selectFrom('users').select('avatar').where('id', '=', id).executeTakeFirst())?.avatar ?? null;
  }

  async deleteUser(id: number): Promise<boolean> {
    return writeTransaction(this.#database, async (trx) => {
      // The audit log keeps the entries (user_id becomes null); the rest goes with the user.
      for (const table of ['sessions', 'user_links', 'user_traffic_accounts', 'recovery_codes', 'user_codes', 'sign_in_challenges'] as const)
        await trx.deleteFrom(table).where('user_id', '=', id).execute();
      const r = await trx.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }

  async setMemberships(userId: number, trafficAccountIds: number[]): Promise<void> {
    await writeTransaction(this.#database, async (trx) => {
      await trx.deleteFrom('user_traffic_accounts').where('user_id', '=', userId).execute();
      if (trafficAccountIds.length)
        await trx
          .insertInto('user_traffic_accounts')
          .values([...new Set(trafficAccountIds)].map((t) => ({ user_id: userId, traffic_account_id: t })))
          .execute();
    });
  }

  async memberships(userIds: number[]): Promise<Map<number, Membership[]>> {
    const out = new Map<number, Membership[]>(userIds.map((id) => [id, []]));
    if (!userIds.length) return out;
    const rows = await this.#db
      .selectFrom('user_traffic_accounts as m')
      .innerJoin('traffic_accounts as t', 't.id', 'm.traffic_account_id')
      .select(['m.user_id', 't.id', 't.name'])
      .where('m.user_id', 'in', userIds)
      .orderBy('t.id')
      .execute();
    for (const r of rows) out.get(r.user_id)!.push({ id: r.id, name: r.name });
    return out;
  }

  async countActive(accountId: number, role: PersonRole): Promise<number> {
    const r = await this.#db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('account_id', '=', accountId)
      .where('role', '=', role)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createLink(l: { tokenHash: string; userId: number; purpose: LinkPurpose; createdAt: number; expiresAt: number }): Promise<void> {
    await writeTransaction(this.#database, async (trx) => {
      await trx.deleteFrom('user_links').where('user_id', '=', l.userId).where('purpose', '=', l.purpose).execute();
      await trx.insertInto('user_links').values({ token_hash: l.tokenHash, user_id: l.userId, purpose: l.purpose, created_at: l.createdAt, expires_at: l.expiresAt }).execute();
    });
  }

  async linkUser(tokenHash: string, purpose: LinkPurpose, now: number): Promise<User | null> {
    const r = await this.#db.selectFrom('user_links').select('user_id').where('token_hash', '=', tokenHash).where('purpose', '=', purpose).where('expires_at', '>', now).executeTakeFirst();
    return r ? this.user(r.user_id) : null;
  }

  redeemLink(tokenHash: string, purpose: LinkPurpose, passwordHash: string, now: number): Promise<User | null> {
    const needs: UserStatus = purpose === 'invitation' ? 'pending' : 'active';
    return writeTransaction(this.#database, async (trx) => {
      const link = await trx.deleteFrom('user_links').where('token_hash', '=', tokenHash).where('purpose', '=', purpose).where('expires_at', '>', now).returning('user_id').executeTakeFirst();
      if (!link) return null;
      const r = await trx.updateTable('users').set({ password_hash: passwordHash, status: 'active', updated_at: now }).where('id', '=', link.user_id).where('status', '=', needs).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return null;
      await trx.deleteFrom('sessions').where('user_id', '=', link.user_id).execute();
      await trx.deleteFrom('user_links').where('user_id', '=', link.user_id).where('purpose', '=', purpose).execute();
      return link.user_id;
    }).then((id) => (id === null ? null : this.user(id)));
  }

  async createSession(s: SessionRow): Promise<void> {
    await this.#db
      .insertInto('sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, address: s.address, created_at: s.createdAt, last_seen_at: s.lastSeenAt })
      .execute();
  }

  async sessionByHash(tokenHash: string): Promise<{ session: SessionRow; user: User } | null> {
    const r = await this.#users
      .innerJoin('sessions as s', 's.user_id', 'u.id')
      .leftJoin('accounts as opened', 'opened.id', 's.opened_account_id')
      .select(['s.token_hash', 's.user_id', 's.csrf_token', 's.address', 's.created_at as session_created_at', 's.last_seen_at', 's.opened_account_id', 'opened.name as opened_account_name'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r ? { session: toSession({ ...r, created_at: r.session_created_at }), user: toUser(r) } : null;
  }

  async touchSession(tokenHash: string, at: number): Promise<void> {
    await this.#db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).where('last_seen_at', '<', at).execute();
  }

  async setOpenedAccount(tokenHash: string, accountId: number | null): Promise<void> {
    await this.#db.updateTable('sessions').set({ opened_account_id: accountId }).where('token_hash', '=', tokenHash).execute();
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async endIdleSessions(before: number): Promise<number> {
    const r = await this.#db.deleteFrom('sessions').where('last_seen_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
