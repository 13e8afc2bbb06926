// Accounts, traffic accounts and API keys: creating them, and resolving a key to its caller.
// Keys are shown once and stored as SHA-256 hashes; they carry 190 bits of randomness, so a
// slow password hash would add latency to every request and no safety.

import { createHash, randomBytes } from 'node:crypto';
import { templateProblem } from '../domain/callback.ts';
import { checkWebhookUrl } from '../domain/webhook-url.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { PriceRow } from '../domain/pricing.ts';
import type { AccountSummary, KeyRole, NewTrafficAccount, Principal, TenancyStore, TrafficAccount, TrafficAccountChange, TrafficAccountSettings } from './ports.ts';
import { TtlCache } from './ttl-cache.ts';

const KEY_PREFIX = 'ptl_';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** How long a resolved key or price list is reused. Revocation takes effect within this. */
const CACHE_MS = 5_000;

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function newSecret(): string {
  const bytes = randomBytes(32);
  let s = KEY_PREFIX;
  for (const b of bytes) s += BASE62[b % 62]; // 62 of 256: a slight bias, still ~190 bits
  return s;
}

/** The visible part of a key: enough to tell keys apart in a list, too little to use. */
function keyPrefix(key: string): string {
  return key.startsWith(KEY_PREFIX) ? key.slice(0, KEY_PREFIX.length + 6) : key.slice(0, 4);
}

function checkTrafficAccountChange(c: TrafficAccountChange): void {
  if (c.displayName !== undefined && c.displayName.trim() === '') throw new ValidationError('invalid_parameter', 'displayName', 'displayName may not be blank');
  checkWebhookUrl(c.callbackUrl, 'callbackUrl');
  checkWebhookUrl(c.inboundUrl, 'inboundUrl');
  const problem = c.callbackTemplate ? templateProblem(c.callbackTemplate) : null;
  if (problem) throw new ValidationError('invalid_parameter', 'callbackTemplate', `callbackTemplate: ${problem}`);
  if (c.creditLimitMicros != null && (!Number.isSafeInteger(c.creditLimitMicros) || c.creditLimitMicros < 0)) {
    throw new ValidationError('invalid_parameter', 'creditLimit', 'creditLimit is a non-negative amount');
  }
}

export interface CreatedKey {
  id: number;
  key: string;
  prefix: string;
  role: KeyRole;
  accountName: string;
  trafficAccountName: string;
}

export class Tenancy {
  readonly #store: TenancyStore;
  readonly #principals = new TtlCache<string, Principal | null>(CACHE_MS);
  readonly #prices = new TtlCache<number, readonly PriceRow[]>(CACHE_MS);

  constructor(store: TenancyStore) {
    this.#store = store;
  }

  /** The cached caller behind a key (null: known to be invalid), or undefined when not cached. */
  cachedPrincipal(key: string): Principal | null | undefined {
    return this.#principals.get(key);
  }

  /** The caller behind an API key, or null for an unknown or revoked key. */
  async authenticate(key: string): Promise<Principal | null> {
    // Cached by the key as presented, so a hit costs no hash (SHA-256 was 3% of intake CPU).
    const hit = this.cachedPrincipal(key);
    if (hit !== undefined) return hit;
    const value = await this.#store.findPrincipalByHash(hashKey(key));
    this.#principals.set(key, value);
    return value;
  }

  async prices(trafficAccountId: number): Promise<readonly PriceRow[]> {
    const hit = this.#prices.get(trafficAccountId);
    if (hit) return hit;
    const value = await this.#store.prices(trafficAccountId);
    this.#prices.set(trafficAccountId, value);
    return value;
  }

  async setPrice(trafficAccountId: number, row: PriceRow): Promise<void> {
    await this.#store.setPrice(trafficAccountId, row);
    this.#prices.delete(trafficAccountId);
  }

  async createAccount(name: string, trafficAccount: Omit<NewTrafficAccount, 'accountId' | 'name'> & { name?: string } = {}): Promise<TrafficAccount> {
    if (await this.#store.findAccountId(name)) throw new ConflictError(`account ${JSON.stringify(name)} exists`);
    const now = Date.now();
    const accountId = await this.#store.createAccount(name, now);
    return this.#store.createTrafficAccount({ ...trafficAccount, accountId, name: trafficAccount.name ?? 'default' }, now);
  }

  async createTrafficAccount(accountName: string, t: Omit<NewTrafficAccount, 'accountId'>): Promise<TrafficAccount> {
    const accountId = await this.#requireAccount(accountName);
    if (await this.#store.findTrafficAccount(accountId, t.name)) {
      throw new ConflictError(`traffic account ${JSON.stringify(t.name)} exists in ${JSON.stringify(accountName)}`);
    }
    return this.#store.createTrafficAccount({ ...t, accountId }, Date.now());
  }

  async findTrafficAccount(accountId: number, name: string): Promise<TrafficAccount | null> {
    return this.#store.findTrafficAccount(accountId, name);
  }

  listTrafficAccounts(accountId: number): Promise<TrafficAccount[]> {
    return this.#store.listTrafficAccounts(accountId);
  }

  /** The account's traffic accounts by id (to name them in answers). */
  async trafficAccountMap(accountId: number): Promise<Map<number, TrafficAccount>> {
    return new Map((await this.#store.listTrafficAccounts(accountId)).map((t) => [t.id, t]));
  }

  /** Traffic accounts of any account, by id. */
  async trafficAccountsById(ids: readonly number[]): Promise<Map<number, TrafficAccount & { accountName: string }>> {
    return new Map((await this.#store.trafficAccountsByIds(ids)).map((t) => [t.id, t]));
  }

  /** A traffic account of the account with its callback template and signing secret. */
  async trafficAccountSettings(accountId: number, name: string): Promise<TrafficAccountSettings> {
    const ta = await this.#requireTrafficAccount(accountId, name);
    return (await this.#store.trafficAccountSettings(ta.id))!;
  }

  /**
   * Changes where a traffic account's reports and inbound messages go, and its credit. URLs
   * must be http(s); a POST template must render JSON. Callers see the change within the key
   * cache's 5 s (this thread at once).
   */
  async changeTrafficAccount(accountId: number, name: string, change: TrafficAccountChange): Promise<TrafficAccountSettings> {
    checkTrafficAccountChange(change);
    const ta = await this.#requireTrafficAccount(accountId, name);
    const updated = await this.#store.updateTrafficAccount(ta.id, change);
    this.#principals.clear();
    return updated!;
  }

  async #requireTrafficAccount(accountId: number, name: string): Promise<TrafficAccount> {
    const ta = await this.#store.findTrafficAccount(accountId, name);
    if (!ta) throw new NotFoundError(`no traffic account ${JSON.stringify(name)} in this account`);
    return ta;
  }

  /** Creates a key; `key` is given only by the bootstrap (PETREL_BOOTSTRAP_API_KEY). */
  async createKey(opts: { accountName: string; trafficAccountName?: string; role: KeyRole; name?: string; key?: string }): Promise<CreatedKey> {
    const accountId = await this.#requireAccount(opts.accountName);
    // The operator's keys are the operator's people's: a customer's account cannot hold one.
    if (opts.role === 'operator' && accountId !== (await this.#store.operatorAccountId())) {
      throw new ValidationError('invalid_parameter', 'role', `operator keys belong to the operator's account (the first one), not to ${JSON.stringify(opts.accountName)}`);
    }
    const taName = opts.trafficAccountName ?? 'default';
    const ta = await this.#store.findTrafficAccount(accountId, taName);
    if (!ta) throw new NotFoundError(`traffic account ${JSON.stringify(taName)} not found in ${JSON.stringify(opts.accountName)}`);
    const key = opts.key ?? newSecret();
    const prefix = keyPrefix(key);
    const id = await this.#store.createKey({ accountId, trafficAccountId: ta.id, name: opts.name ?? `${opts.role} key`, prefix, secretHash: hashKey(key), role: opts.role }, Date.now());
    return { id, key, prefix, role: opts.role, accountName: opts.accountName, trafficAccountName: ta.name };
  }

  listKeys(accountName: string | null) {
    return accountName === null ? this.#store.listKeys(null) : this.#requireAccount(accountName).then((id) => this.#store.listKeys(id));
  }

  async revokeKey(id: number): Promise<void> {
    if (!(await this.#store.revokeKey(id, Date.now()))) throw new NotFoundError(`no active key with id ${id}`);
    this.#principals.clear();
  }

  /**
   * First start on an empty database: account `default`, traffic account `default`, and an
   * admin key (the given one, or a new one). Returns the key to print, or null when not empty.
   */
  async bootstrap(givenKey: string | undefined): Promise<CreatedKey | null> {
    if (await this.#store.hasAccounts()) return null;
    await this.createAccount('default', { name: 'default', displayName: 'Default', type: 'api' });
    return this.createKey({ accountName: 'default', role: 'operator', name: "bootstrap operator's key", ...(givenKey ? { key: givenKey } : {}) });
  }

  /** The first account, the bootstrap's: the operator's own. */
  operatorAccountId(): Promise<number | null> {
    return this.#store.operatorAccountId();
  }

  listAccounts(): Promise<AccountSummary[]> {
    return this.#store.listAccounts();
  }

  /** The account id behind a name, for admin commands; NotFoundError when there is none. */
  accountIdOf(accountName: string): Promise<number> {
    return this.#requireAccount(accountName);
  }

  async #requireAccount(name: string): Promise<number> {
    const id = await this.#store.findAccountId(name);
    if (id === null) throw new NotFoundError(`account ${JSON.stringify(name)} not found`);
    return id;
  }
}
