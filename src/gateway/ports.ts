// What the gateway needs from storage. storage/ implements these; main.ts wires them.

import type { Encoding, RequestedType } from '../domain/encoding.ts';
import type { MessageState } from '../domain/message-state.ts';
import type { PriceRow } from '../domain/pricing.ts';
import type { SenderForm } from '../domain/sender.ts';
import type { Route } from '../domain/routing.ts';
import type { InboundFacts } from '../domain/callback.ts';
import type { KeywordLists } from '../domain/opt-out.ts';
import type { InboundPart } from '../engine/ports.ts';
import type { DataScope, KeyRole } from '../domain/scopes.ts';

export type TrafficAccountType = 'api' | 'campaign' | 'two_way';
export type { KeyRole } from '../domain/scopes.ts';

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
  /** What a credit-limited account has been charged since its credit was last reset. */
  creditUsedMicros: number;
  /** Where inbound messages to its numbers are forwarded (signed POST); null: not forwarded. */
  inboundUrl: string | null;
  createdAt: number;
}

/** Who is calling: resolved from an API key. */
export interface Principal {
  /** Null: Petrel sends on the account's behalf (a sign-in code), not through an API key. */
  keyId: number | null;
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

/** One request's messages: stored together or not at all. */
export interface Submission {
  records: readonly MessageRecord[];
  /** Charge the traffic account's credit in the transaction, refusing what would exceed its limit. */
  creditLimited: boolean;
}

/** A traffic account's credit when a submission was refused (micro-units). */
export interface CreditState {
  limitMicros: number;
  usedMicros: number;
  /** What the refused submission would have cost. */
  costMicros: number;
}

export interface InsertResult {
  /** Ids of queued records whose recipient is on their account's blacklist: stored `blocked` (domain/opt-out.ts blockedMessage). */
  blocked: ReadonlySet<string>;
  /** Submissions that would have taken their traffic account past its credit limit: nothing of them was stored. */
  refused: ReadonlyMap<Submission, CreditState>;
}

/** What a traffic account sent in a period, and how much of it converted. */
export interface TrafficAccountUsage {
  trafficAccountId: number;
  currency: string;
  messages: number;
  parts: number;
  delivered: number;
  converted: number;
  costMicros: number;
}

/** Sell and buy sums of what was sent, per connector or per traffic account, in one currency. */
export interface MarginRow {
  connectorId: number | null;
  trafficAccountId: number | null;
  currency: string;
  messages: number;
  parts: number;
  sellMicros: number;
  buyMicros: number;
}

export type ConversionResult = 'recorded' | 'not_found' | 'not_delivered';

export interface AccountSummary {
  id: number;
  name: string;
  trafficAccounts: number;
  users: number;
  createdAt: number;
}

export interface MessageStore {
  /**
   * Stores the submissions in one transaction: a queued message to a blacklisted number as
   * `blocked`, a credit-limited submission charged (or refused whole) at its price. A failed
   * transaction stores none of them.
   */
  insert(submissions: readonly Submission[]): Promise<InsertResult>;
  get(scope: DataScope, id: string): Promise<MessageRecord | null>;
  /** Newest first; `before` is the id of the last row of the previous page. */
  list(scope: DataScope, filter: MessageFilter, before: string | null, limit: number): Promise<MessageRecord[]>;
  usageByCountry(trafficAccountIds: readonly number[], from: number, to: number): Promise<CountryUsage[]>;
  /** Per traffic account in the scope: what was sent, delivered and converted. */
  usageByTrafficAccount(scope: DataScope, from: number, to: number): Promise<TrafficAccountUsage[]>;
  /** Across every account: the operator's margin per connector or per traffic account. */
  margin(by: 'connector' | 'trafficAccount', from: number, to: number): Promise<MarginRow[]>;
  /** Sets converted_at once, on a delivered message of the account. */
  markConverted(accountId: number, id: string, at: number): Promise<ConversionResult>;
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
  inboundUrl?: string | null;
}

/** A traffic account with what only its owner and admins see: the POST template and the signing secret. */
export interface TrafficAccountSettings extends TrafficAccount {
  callbackTemplate: string | null;
  callbackSecret: string;
}

/** What an admin may change of a traffic account's delivery settings (absent: unchanged). */
export interface TrafficAccountChange {
  displayName?: string;
  callbackUrl?: string | null;
  callbackMethod?: 'GET' | 'POST';
  callbackTemplate?: string | null;
  inboundUrl?: string | null;
  creditLimitMicros?: number | null;
  /** Credit used back to zero (an invoice was paid). */
  resetCredit?: boolean;
  rotateSecret?: boolean;
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
  /** The first account, the bootstrap's: the operator's own. */
  operatorAccountId(): Promise<number | null>;
  createAccount(name: string, at: number): Promise<number>;
  findAccountId(name: string): Promise<number | null>;
  /** Every account, by name, with how many traffic accounts and users each has. */
  listAccounts(): Promise<AccountSummary[]>;
  createTrafficAccount(t: NewTrafficAccount, at: number): Promise<TrafficAccount>;
  findTrafficAccount(accountId: number, name: string): Promise<TrafficAccount | null>;
  listTrafficAccounts(accountId: number): Promise<TrafficAccount[]>;
  trafficAccountSettings(id: number): Promise<TrafficAccountSettings | null>;
  /** Traffic accounts of any account by id, each with its account's name. */
  trafficAccountsByIds(ids: readonly number[]): Promise<Array<TrafficAccount & { accountName: string }>>;
  /** Null when there is no such traffic account. */
  updateTrafficAccount(id: number, change: TrafficAccountChange): Promise<TrafficAccountSettings | null>;
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

export type BlacklistSource = 'keyword' | 'api' | 'cli';

/** A number an account never texts: opted out by keyword, or added by hand. */
export interface BlacklistEntry {
  /** E.164 with `+` (domain/inbound.ts addressKey). */
  number: string;
  source: BlacklistSource;
  /** The opt-out message's text, or why it was added. */
  reason: string | null;
  /** The inbound message that opted the number out. */
  inboundId: string | null;
  createdAt: number;
}

export interface BlacklistStore {
  /** By number, after `after` (the last number of the previous page). */
  list(accountId: number, filter: { source?: BlacklistSource; after: string | null; limit: number }): Promise<BlacklistEntry[]>;
  get(accountId: number, number: string): Promise<BlacklistEntry | null>;
  /** False when the number is on the list already (the first entry stands). */
  add(accountId: number, entry: BlacklistEntry): Promise<boolean>;
  remove(accountId: number, number: string): Promise<boolean>;
  /** The account's own keyword lists; null: the defaults. */
  keywords(accountId: number): Promise<KeywordLists | null>;
  setKeywords(accountId: number, lists: KeywordLists | null): Promise<void>;
}

/**
 * A mobile-originated message, whole (a long one once every part came in): what its webhook
 * receives (domain/callback.ts), less the account's name. `from` and `to` are keyed as
 * domain/inbound.ts addressKey does (E.164 with `+` for phone numbers); `action` is what its
 * keyword did.
 */
export interface InboundMessage extends Omit<InboundFacts, 'account'> {
  connectorId: number;
  /** The account and traffic account of the number it was sent to; null when no traffic account has that number. */
  accountId: number | null;
  trafficAccountId: number | null;
}

export interface InboundFilter {
  from?: number;
  to?: number;
  sender?: string;
  recipient?: string;
}

export interface InboundStore {
  /**
   * In one transaction: keeps a part until its message is whole; stores the whole message
   * with the account of the number it was sent to; applies an opt-out or opt-in keyword to
   * that account's blacklist. The stored message, or null while parts are missing.
   */
  receive(part: InboundPart): Promise<InboundMessage | null>;
  /** Newest first; `scope` null: messages to numbers no traffic account has. */
  list(scope: DataScope | null, filter: InboundFilter, before: string | null, limit: number): Promise<InboundMessage[]>;
  get(scope: DataScope | null, id: string): Promise<InboundMessage | null>;
  /** Parts of long messages that never completed, received before `before`, are dropped. */
  dropStaleParts(before: number): Promise<number>;
}

/** A number (long number or short code) inbound messages arrive on, and whose traffic account gets them. */
export interface InboundNumber {
  number: string;
  trafficAccountId: number;
  createdAt: number;
}

export interface NumberStore {
  /** Conflict when the number belongs to a traffic account already. */
  add(n: InboundNumber): Promise<boolean>;
  list(accountId: number | null): Promise<InboundNumber[]>;
  remove(number: string): Promise<boolean>;
}
