// Table types for Kysely. Times are epoch milliseconds (UTC); money is integer micro-units.

import type { Generated } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  created_at: number;
}

export interface TrafficAccountsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  display_name: string;
  type: string;
  status: string;
  default_sender: string | null;
  callback_url: string | null;
  callback_method: string;
  conversion_tracking: number;
  currency: string;
  credit_limit_micros: number | null;
  created_at: number;
}

export interface ApiKeysTable {
  id: Generated<number>;
  account_id: number;
  traffic_account_id: number;
  name: string;
  prefix: string;
  secret_hash: string;
  role: string;
  created_at: number;
  revoked_at: number | null;
}

export interface PricesTable {
  id: Generated<number>;
  traffic_account_id: number;
  country: string | null;
  network: string | null;
  price_micros: number;
}

export interface MessagesTable {
  id: string;
  account_id: number;
  traffic_account_id: number;
  api_key_id: number | null;
  state: string;
  sender: string;
  sender_form: string;
  recipient: string;
  country: string | null;
  text: string;
  type: string;
  encoding: string;
  characters: number;
  units: number;
  segments: number;
  udh: string | null;
  price_micros: number | null;
  currency: string;
  reference: string | null;
  callback_url: string | null;
  validity_minutes: number;
  pid: number | null;
  flash: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
  converted_at: number | null;
}

export interface ConnectorsTable {
  id: Generated<number>;
  name: string;
  /** The connection settings as JSON: they grow with the engine, the row does not. */
  config: string;
  enabled: number;
  paused: number;
  created_at: number;
  updated_at: number;
}

export interface Schema {
  accounts: AccountsTable;
  traffic_accounts: TrafficAccountsTable;
  api_keys: ApiKeysTable;
  prices: PricesTable;
  messages: MessagesTable;
  connectors: ConnectorsTable;
}

/** The message columns in insert order; the SQLite fast path binds them positionally. */
export const MESSAGE_COLUMNS = [
  'id',
  'account_id',
  'traffic_account_id',
  'api_key_id',
  'state',
  'sender',
  'sender_form',
  'recipient',
  'country',
  'text',
  'type',
  'encoding',
  'characters',
  'units',
  'segments',
  'udh',
  'price_micros',
  'currency',
  'reference',
  'callback_url',
  'validity_minutes',
  'pid',
  'flash',
  'created_at',
  'updated_at',
  'expires_at',
  'converted_at',
] as const satisfies ReadonlyArray<keyof MessagesTable>;

export type MessageRow = MessagesTable;
