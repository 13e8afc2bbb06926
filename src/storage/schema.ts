// Table types for Kysely. Times are epoch milliseconds (UTC); money is integer micro-units.

import type { Generated } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  created_at: number;
  // Opt-out and opt-in keywords (0006), JSON arrays; null: the defaults (domain/opt-out.ts).
  opt_out_keywords: string | null;
  opt_in_keywords: string | null;
  /** 1: every user of the account signs in with a second factor (0011). */
  require_second_factor: Generated<number>;
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
  // Callbacks (0005): the signing secret, and the POST body template (null: the default shape).
  callback_secret: string | null;
  callback_template: string | null;
  // Two-way and credit (0006): where inbound messages are forwarded; what a credit-limited
  // account has been charged.
  inbound_url: string | null;
  credit_used_micros: Generated<number>;
  /** The last credit threshold (0, 80, 100) its people were told of (0012). */
  credit_alerted: Generated<number>;
}

export interface ApiKeysTable {
  id: Generated<number>;
  account_id: number;
  traffic_account_id: number;
  name: string;
  prefix: string;
  secret_hash: string;
  role: string;
  /** 1: an admin key of the platform's operator (migration 0007). */
  operator: Generated<number>;
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
  // Routing (0004): set by intake when routes exist.
  route_id: number | null;
  buy_price_micros: number | null;
  // Dispatch (0003): the connector routing chose (or, unrouted, the lane that claimed it).
  connector_id: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  submitted_at: number | null;
  done_at: number | null;
  error_code: number | null;
  error_reason: string | null;
  /** The report category (0006): generated from state and error_code. */
  category: Generated<string | null>;
}

export interface MessagePartsTable {
  message_id: string;
  /** 1-based part number. */
  seq: number;
  /** Parts the message was sent in (may differ from its billed segments per connector method). */
  total: number;
  connector_id: number;
  /** The SMSC's id from submit_sm_resp, normalised (smscIdKey). */
  smsc_id: string | null;
  state: string;
  submit_status: number | null;
  submitted_at: number | null;
  receipt_stat: string | null;
  receipt_error: string | null;
  network: string | null;
  done_at: number | null;
  receipt_at: number | null;
}

export interface ParkedReceiptsTable {
  id: Generated<number>;
  connector_id: number;
  smsc_id: string;
  stat: string | null;
  error: string | null;
  network: string | null;
  done_at: number | null;
  received_at: number;
  orphaned_at: number | null;
}

export interface InboundMessagesTable {
  id: string;
  connector_id: number;
  sender: string;
  recipient: string;
  text: string;
  encoding: string;
  received_at: number;
  // 0006: the account its number belongs to (null: a number no traffic account has), the
  // keyword action it triggered (opt_out, opt_in), and how many parts it came in.
  account_id: number | null;
  traffic_account_id: number | null;
  action: string | null;
  parts: number;
}

export interface InboundPartsTable {
  connector_id: number;
  sender: string;
  recipient: string;
  ref: number;
  total: number;
  seq: number;
  text: string;
  encoding: string;
  received_at: number;
}

export interface NumbersTable {
  id: Generated<number>;
  number: string;
  traffic_account_id: number;
  created_at: number;
}

export interface BlacklistTable {
  account_id: number;
  number: string;
  source: string;
  reason: string | null;
  inbound_id: string | null;
  created_at: number;
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

export interface RoutesTable {
  id: Generated<number>;
  name: string;
  position: number;
  enabled: number;
  strategy: string;
  /** RouteFilters as JSON. */
  filters: string;
  /** RouteConnector[] as JSON. */
  connectors: string;
  buy_price_micros: number | null;
  created_at: number;
  updated_at: number;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  message_id: string | null;
  state: string;
  attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  done_at: number | null;
  /** 0006: an inbound message to forward (kind 'inbound'). */
  inbound_id: string | null;
  /** 0006: a callback's facts as JSON, taken when its message became final (null: look the message up). */
  payload: string | null;
}

export interface CallbackAttemptsTable {
  id: Generated<number>;
  job_id: number;
  message_id: string;
  at: number;
  url: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  account_id: number;
  /** Lower case: the sign-in name, unique across accounts. */
  email: string;
  name: string;
  /** argon2id; null while invited and not yet joined. */
  password_hash: string | null;
  role: string;
  operator: Generated<number>;
  status: string;
  /** Comma-separated permissions beyond the role's preset (domain/permissions.ts). */
  permissions: Generated<string>;
  /** E.164, once given; verified when phone_verified_at is set. */
  phone: string | null;
  phone_verified_at: number | null;
  second_factor: Generated<string>;
  /** Base32 TOTP secret once confirmed; totp_pending while being set up. */
  totp_secret: string | null;
  totp_pending: string | null;
  /** The TOTP step last signed in with (0015). */
  totp_last_step: number | null;
  /** Settings (0013). */
  language: string | null;
  time_zone: string | null;
  unicode_detection: Generated<number>;
  default_sender: string | null;
  /** A data URL; never read with the user (it is large), only by itself. */
  avatar: string | null;
  created_at: number;
  updated_at: number;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  type: string;
  tag: string;
  content: string;
  created_at: number;
  read_at: number | null;
  archived_at: number | null;
}

export interface PlatformSettingsTable {
  key: string;
  value: string;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: number | null;
}

export interface UserCodesTable {
  user_id: number;
  purpose: 'phone' | 'sign_in';
  code_hash: string;
  phone: string;
  expires_at: number;
  attempts: Generated<number>;
}

export interface SignInChallengesTable {
  token_hash: string;
  user_id: number;
  address: string | null;
  expires_at: number;
  attempts: Generated<number>;
}

export interface UserTrafficAccountsTable {
  user_id: number;
  traffic_account_id: number;
}

export interface UserLinksTable {
  /** SHA-256 of the link's token. */
  token_hash: string;
  user_id: number;
  purpose: 'invitation' | 'password_reset';
  created_at: number;
  expires_at: number;
}

export interface MailOutboxTable {
  id: Generated<number>;
  account_id: number | null;
  to_address: string;
  subject: string;
  /** Cleared once sent. */
  body: string | null;
  created_at: number;
  sent_at: number | null;
  attempts: Generated<number>;
  error: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  address: string | null;
  created_at: number;
  last_seen_at: number;
  /** The account an operator's administrator opened to help (0016); null: their own. */
  opened_account_id: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  account_id: number | null;
  user_id: number | null;
  email: string | null;
  action: string;
  address: string | null;
  detail: string | null;
  created_at: number;
}

export interface ListsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  /** The name lower-cased: unique per account, and what the seed's exact-match search compares. */
  name_key: string;
  /** JSON array: the placeholder names its contacts' fields go by. */
  placeholders: string;
  contacts: number;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface ContactsTable {
  id: Generated<number>;
  list_id: number;
  phone: string;
  country: string | null;
  /** JSON object: placeholder name → the cell's text. */
  fields: string;
  /** The number and the fields' values, lower-cased, for the contacts search. */
  search: string;
  created_at: number;
}

export interface ListImportsTable {
  id: Generated<number>;
  list_id: number;
  user_id: number | null;
  source: string;
  file_name: string | null;
  bytes: Generated<number>;
  separator: string | null;
  header: Generated<number>;
  placeholders: string | null;
  phone_column: number | null;
  default_country: string | null;
  status: string;
  rows_read: Generated<number>;
  imported: Generated<number>;
  duplicates: Generated<number>;
  rejected: Generated<number>;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface ImportChunksTable {
  import_id: number;
  seq: number;
  data: Uint8Array;
}

export interface ImportRejectsTable {
  import_id: number;
  row_number: number;
  reason: string;
  raw: string;
}

export interface TemplatesTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  /** The name lower-cased: unique per account. */
  name_key: string;
  text: string;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface CampaignsTable {
  id: Generated<number>;
  account_id: number;
  kind: Generated<string>;
  name: string;
  status: string;
  /** Why it is suspended, or the content rule that rejected it. */
  status_reason: string | null;
  sender: string | null;
  text: Generated<string>;
  /** JSON: { columns: placeholder → list column, fallbacks: placeholder → text }. */
  personalization: Generated<string>;
  traffic_account_id: number | null;
  schedule_at: number | null;
  time_zone: string | null;
  recipients: Generated<number>;
  sent: Generated<number>;
  created_by: number | null;
  created_at: number;
  updated_at: number;
  launched_at: number | null;
  finished_at: number | null;
}

export interface CampaignListsTable {
  campaign_id: number;
  list_id: number;
  position: number;
}

export interface Schema {
  accounts: AccountsTable;
  traffic_accounts: TrafficAccountsTable;
  api_keys: ApiKeysTable;
  prices: PricesTable;
  messages: MessagesTable;
  connectors: ConnectorsTable;
  routes: RoutesTable;
  jobs: JobsTable;
  callback_attempts: CallbackAttemptsTable;
  message_parts: MessagePartsTable;
  parked_receipts: ParkedReceiptsTable;
  inbound_messages: InboundMessagesTable;
  inbound_parts: InboundPartsTable;
  numbers: NumbersTable;
  blacklist: BlacklistTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  user_traffic_accounts: UserTrafficAccountsTable;
  user_links: UserLinksTable;
  mail_outbox: MailOutboxTable;
  recovery_codes: RecoveryCodesTable;
  platform_settings: PlatformSettingsTable;
  notifications: NotificationsTable;
  user_codes: UserCodesTable;
  sign_in_challenges: SignInChallengesTable;
  lists: ListsTable;
  contacts: ContactsTable;
  list_imports: ListImportsTable;
  import_chunks: ImportChunksTable;
  import_rejects: ImportRejectsTable;
  templates: TemplatesTable;
  campaigns: CampaignsTable;
  campaign_lists: CampaignListsTable;
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
  'route_id',
  'buy_price_micros',
  'connector_id',
  'done_at',
  'error_code',
  'error_reason',
] as const satisfies ReadonlyArray<keyof MessagesTable>;

/** The columns intake writes. */
export type MessageRow = Pick<MessagesTable, (typeof MESSAGE_COLUMNS)[number]>;
