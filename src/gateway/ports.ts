// What the gateway needs from storage. storage/ implements these; main.ts wires them.

import type { Encoding, RequestedType } from '../domain/encoding.ts';
import type { MessageState } from '../domain/message-state.ts';
import type { PriceRow } from '../domain/pricing.ts';
import type { SenderForm } from '../domain/sender.ts';
import type { Route } from '../domain/routing.ts';

export type TrafficAccountType = 'api' | 'campaign' | 'two_way';
export type KeyRole = 'sender' | 'admin';

export interface TrafficAccount {
  id: number;
  accountId: number;
  name: string;
  displayName: string;
  type: TrafficAccountType;
  status: 'active' | 'inactive';
  defaultSender: string | null;
  callbackUrl: string | null;
  callbackMethod: 'GET' | 'POST';
  conversionTracking: boolean;
  currency: string;
  creditLimitMicros: number | null;
  createdAt: number;
}

/** Who is calling: resolved from an API key. */
export interface Principal {
  keyId: number;
  role: KeyRole;
  accountId: number;
  accountName: string;
  trafficAccount: TrafficAccount;
}

export interface MessageRecord {
  id: string;
  accountId: number;
  trafficAccountId: number;
  apiKeyId: number | null;
  state: MessageState;
  sender: string;
  senderForm: SenderForm;
  /** E.164 with `+`. */
  recipient: string;
  country: string | null;
  text: string;
  type: RequestedType;
  encoding: Encoding;
  characters: number;
  units: number;
  segments: number;
  udh: string | null;
  priceMicros: number | null;
  currency: string;
  reference: string | null;
  callbackUrl: string | null;
  validityMinutes: number;
  pid: number | null;
  flash: boolean;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  convertedAt: number | null;
  /** The route that chose the connector; null when no routes are configured. */
  routeId: number | null;
  /** The connector routing chose (null: the first enabled one sends it). */
  connectorId: number | null;
  /** The route's buy price for all parts (micro-units); null when the route has none. */
  buyPriceMicros: number | null;
  /** Set when the message is final at intake (failed with no route). */
  doneAt: number | null;
  /** The carrier's error code (receipt `err:` or submit status), once there is one. */
  errorCode: number | null;
  errorReason: string | null;
}

export interface MessageFilter {
  from?: number;
  to?: number;
  recipient?: string;
  state?: MessageState;
  reference?: string;
  trafficAccountId?: number;
}

export interface CountryUsage {
  country: string | null;
  /** SMS parts: what a carrier counts and what a price applies to. */
  messages: number;
  costMicros: number;
}

export interface MessageStore {
  /** Inserts every record in one transaction: all or none. */
  insert(records: readonly MessageRecord[]): Promise<void>;
  get(accountId: number, id: string): Promise<MessageRecord | null>;
  /** Newest first; `before` is the id of the last row of the previous page. */
  list(accountId: number, filter: MessageFilter, before: string | null, limit: number): Promise<MessageRecord[]>;
  usageByCountry(trafficAccountIds: readonly number[], from: number, to: number): Promise<CountryUsage[]>;
  /** Sets converted_at once; false when the id is not the account's. */
  markConverted(accountId: number, id: string, at: number): Promise<boolean>;
}

export interface NewTrafficAccount {
  accountId: number;
  name: string;
  displayName?: string;
  type?: TrafficAccountType;
  status?: 'active' | 'inactive';
  defaultSender?: string | null;
  callbackUrl?: string | null;
  callbackMethod?: 'GET' | 'POST';
  conversionTracking?: boolean;
  currency?: string;
  creditLimitMicros?: number | null;
}

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  role: KeyRole;
  accountName: string;
  trafficAccountName: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface TenancyStore {
  hasAccounts(): Promise<boolean>;
  createAccount(name: string, at: number): Promise<number>;
  findAccountId(name: string): Promise<number | null>;
  createTrafficAccount(t: NewTrafficAccount, at: number): Promise<TrafficAccount>;
  findTrafficAccount(accountId: number, name: string): Promise<TrafficAccount | null>;
  listTrafficAccounts(accountId: number): Promise<TrafficAccount[]>;
  createKey(k: { accountId: number; trafficAccountId: number; name: string; prefix: string; secretHash: string; role: KeyRole }, at: number): Promise<number>;
  findPrincipalByHash(secretHash: string): Promise<Principal | null>;
  listKeys(accountId: number | null): Promise<ApiKeyInfo[]>;
  revokeKey(id: number, at: number): Promise<boolean>;
  prices(trafficAccountId: number): Promise<PriceRow[]>;
  setPrice(trafficAccountId: number, row: PriceRow): Promise<void>;
}

/** What a route is made of (domain/routing.ts), as the API and the store exchange it. */
export type RouteFields = Omit<Route, 'id'>;
export type StoredRoute = Route & { createdAt: number; updatedAt: number };

export interface RouteStore {
  create(f: RouteFields, at: number): Promise<StoredRoute>;
  /** By position, then id. */
  list(): Promise<StoredRoute[]>;
  get(id: number): Promise<StoredRoute | null>;
  findByName(name: string): Promise<StoredRoute | null>;
  /** Applies a change atomically (merged into the stored route); null when there is no such route. */
  update(id: number, change: Partial<RouteFields>, at: number): Promise<StoredRoute | null>;
  remove(id: number): Promise<boolean>;
}
