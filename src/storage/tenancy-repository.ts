// Accounts, traffic accounts (and their callback, inbound and credit settings), API keys and
// price lists.

import { randomBytes } from 'node:crypto';

import type { PriceRow } from '../domain/pricing.ts';
import type {
  AccountSummary,
  ApiKeyInfo,
  KeyRole,
  NewTrafficAccount,
  Principal,
  TenancyStore,
  TrafficAccount,
  TrafficAccountChange,
  TrafficAccountSettings,
  TrafficAccountType,
} from '../gateway/ports.ts';
import type { Database } from './database.ts';
import type { TrafficAccountsTable } from './schema.ts';

type TrafficAccountRow = Omit<TrafficAccountsTable, 'id' | 'credit_used_micros' | 'credit_alerted'> & { id: number; credit_used_micros: number; credit_alerted: number };

function toTrafficAccount(r: TrafficAccountRow): TrafficAccount {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    displayName: r.display_name,
    type: r.type as TrafficAccountType,
    status: r.status as 'active' | 'inactive',
    defaultSender: r.default_sender,
    callbackUrl: r.callback_url,
    callbackMethod: r.callback_method as 'GET' | 'POST',
    conversionTracking: r.conversion_tracking === 1,
    currency: r.currency,
    creditLimitMicros: r.credit_limit_micros,
    creditUsedMicros: Number(r.credit_used_micros),
    inboundUrl: r.inbound_url,
    createdAt: r.created_at,
  };
}

export class SqlTenancyStore implements TenancyStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  get #db() {
    return this.#database.db;
  }

  async hasAccounts(): Promise<boolean> {
    return (await this.#db.selectFrom('accounts').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  async operatorAccountId(): Promise<number | null> {
    const r = await this.#db.selectFrom('accounts').select('id').orderBy('id').limit(1).executeTakeFirst();
    return r?.id ?? null;
  }

  async listAccounts(): Promise<AccountSummary[]> {
    const rows = await this.#db
      .selectFrom('accounts as a')
      .select((eb) => [
        'a.id',
        'a.name',
        'a.created_at',
        eb
          .selectFrom('traffic_accounts as t')
          .select((x) => x.fn.countAll<number | string>().as('n'))
          .whereRef('t.account_id', '=', 'a.id')
          .as('traffic_accounts'),
        eb
          .selectFrom('users as u')
          .select((x) => x.fn.countAll<number | string>().as('n'))
          .whereRef('u.account_id', '=', 'a.id')
          .as('users'),
      ])
      .orderBy('a.name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, trafficAccounts: Number(r.traffic_accounts ?? 0), users: Number(r.users ?? 0) }));
  }

  async createAccount(name: string, at: number): Promise<number> {
    const r = await this.#db.insertInto('accounts').values({ name, created_at: at }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  async findAccountId(name: string): Promise<number | null> {
    const r = await this.#db.selectFrom('accounts').select('id').where('name', '=', name).executeTakeFirst();
    return r?.id ?? null;
  }

  async createTrafficAccount(t: NewTrafficAccount, at: number): Promise<TrafficAccount> {
    const row = await this.#db
      .insertInto('traffic_accounts')
      .values({
        account_id: t.accountId,
        name: t.name,
        display_name: t.displayName ?? t.name,
        type: t.type ?? 'api',
        status: t.status ?? 'active',
        default_sender: t.defaultSender ?? null,
        callback_url: t.callbackUrl ?? null,
        callback_method: t.callbackMethod ?? 'GET', // issue #4: GET unless set to POST
        conversion_tracking: t.conversionTracking ? 1 : 0,
        currency: t.currency ?? 'EUR',
        credit_limit_micros: t.creditLimitMicros ?? null,
        inbound_url: t.inboundUrl ?? null,
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTrafficAccount(row);
  }

  async findTrafficAccount(accountId: number, name: string): Promise<TrafficAccount | null> {
    const r = await this.#db.selectFrom('traffic_accounts').selectAll().where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
    return r ? toTrafficAccount(r) : null;
  }

  async trafficAccountSettings(id: number): Promise<TrafficAccountSettings | null> {
    const r = await this.#db.selectFrom('traffic_accounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    return { ...toTrafficAccount(r), callbackTemplate: r.callback_template, callbackSecret: r.callback_secret ?? (await signingSecret(this.#database, id)) };
  }

  async trafficAccountsByIds(ids: readonly number[]): Promise<Array<TrafficAccount & { accountName: string }>> {
    if (ids.length === 0) return [];
    const rows = await this.#db
      .selectFrom('traffic_accounts as t')
      .innerJoin('accounts as a', 'a.id', 't.account_id')
      .selectAll('t')
      .select('a.name as account_name')
      .where('t.id', 'in', [...new Set(ids)])
      .execute();
    return rows.map((r) => ({ ...toTrafficAccount(r), accountName: r.account_name }));
  }

  async updateTrafficAccount(id: number, c: TrafficAccountChange): Promise<TrafficAccountSettings | null> {
    const set = {
      ...(c.displayName !== undefined ? { display_name: c.displayName } : {}),
      ...(c.callbackUrl !== undefined ? { callback_url: c.callbackUrl } : {}),
      ...(c.callbackMethod !== undefined ? { callback_method: c.callbackMethod } : {}),
      ...(c.callbackTemplate !== undefined ? { callback_template: c.callbackTemplate } : {}),
      ...(c.inboundUrl !== undefined ? { inbound_url: c.inboundUrl } : {}),
      ...(c.creditLimitMicros !== undefined ? { credit_limit_micros: c.creditLimitMicros } : {}),
      ...(c.resetCredit ? { credit_used_micros: 0 } : {}),
      ...(c.rotateSecret ? { callback_secret: newSigningSecret() } : {}),
    };
    if (Object.keys(set).length) await this.#db.updateTable('traffic_accounts').set(set).where('id', '=', id).execute();
    return this.trafficAccountSettings(id);
  }

  async listTrafficAccounts(accountId: number): Promise<TrafficAccount[]> {
    const rows = await this.#db.selectFrom('traffic_accounts').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
    return rows.map(toTrafficAccount);
  }

  async createKey(k: { accountId: number; trafficAccountId: number; name: string; prefix: string; secretHash: string; role: KeyRole }, at: number): Promise<number> {
    const r = await this.#db
      .insertInto('api_keys')
      .values({
        account_id: k.accountId,
        traffic_account_id: k.trafficAccountId,
        name: k.name,
        prefix: k.prefix,
        secret_hash: k.secretHash,
        role: k.role === 'operator' ? 'admin' : k.role,
        operator: k.role === 'operator' ? 1 : 0,
        created_at: at,
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async findPrincipalByHash(secretHash: string): Promise<Principal | null> {
    const r = await this.#db
      .selectFrom('api_keys as k')
      .innerJoin('accounts as a', 'a.id', 'k.account_id')
      .innerJoin('traffic_accounts as t', 't.id', 'k.traffic_account_id')
      .selectAll('t')
      .select(['k.id as key_id', 'k.role as key_role', 'k.operator as key_operator', 'a.name as account_name'])
      .where('k.secret_hash', '=', secretHash)
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!r) return null;
    return {
      keyId: r.key_id,
      role: roleOf(r.key_role, r.key_operator),
      accountId: r.account_id,
      accountName: r.account_name,
      trafficAccount: toTrafficAccount(r),
    };
  }

  async listKeys(accountId: number | null): Promise<ApiKeyInfo[]> {
    let q = this.#db
      .selectFrom('api_keys as k')
      .innerJoin('accounts as a', 'a.id', 'k.account_id')
      .innerJoin('traffic_accounts as t', 't.id', 'k.traffic_account_id')
      .select(['k.id', 'k.name', 'k.prefix', 'k.role', 'k.operator', 'k.created_at', 'k.revoked_at', 'a.name as account_name', 't.name as ta_name']);
    if (accountId !== null) q = q.where('k.account_id', '=', accountId);
    const rows = await q.orderBy('k.id').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      role: roleOf(r.role, r.operator),
      accountName: r.account_name,
      trafficAccountName: r.ta_name,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }

  async revokeKey(id: number, at: number): Promise<boolean> {
    const r = await this.#db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async prices(trafficAccountId: number): Promise<PriceRow[]> {
    const rows = await this.#db.selectFrom('prices').select(['country', 'network', 'price_micros']).where('traffic_account_id', '=', trafficAccountId).execute();
    return rows.map((r) => ({ country: r.country, network: r.network, priceMicros: r.price_micros }));
  }

  async setPrice(trafficAccountId: number, row: PriceRow): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('prices')
        .where('traffic_account_id', '=', trafficAccountId)
        .where((eb) => (row.country === null ? eb('country', 'is', null) : eb('country', '=', row.country)))
        .where((eb) => (row.network === null ? eb('network', 'is', null) : eb('network', '=', row.network)))
        .execute();
      await trx.insertInto('prices').values({ traffic_account_id: trafficAccountId, country: row.country, network: row.network, price_micros: row.priceMicros }).execute();
    });
  }
}

const newSigningSecret = () => randomBytes(32).toString('hex');

/** The traffic account's signing secret, created on first use (another worker's, if it got there first). */
export async function signingSecret(database: Database, trafficAccountId: number): Promise<string> {
  const db = database.db;
  await db.updateTable('traffic_accounts').set({ callback_secret: newSigningSecret() }).where('id', '=', trafficAccountId).where('callback_secret', 'is', null).execute();
  const r = await db.selectFrom('traffic_accounts').select('callback_secret').where('id', '=', trafficAccountId).executeTakeFirstOrThrow();
  return r.callback_secret!;
}

/** A key's role from its row: an admin key with the operator flag is the operator's. */
function roleOf(role: string, operator: number): KeyRole {
  return operator === 1 ? 'operator' : (role as KeyRole);
}
