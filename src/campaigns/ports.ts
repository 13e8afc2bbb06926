// What the campaign manager's server side needs from storage: distribution lists, their
// contacts and imports. Every read and write is scoped by the caller's account (D13): a list
// of another account is not found, whatever its id.

import type { CampaignStatus } from '../domain/campaign-state.ts';
import type { ColumnMapping, RejectReason, Separator } from '../domain/contacts.ts';
import type { Personalization } from '../domain/personalize.ts';

export interface DistributionList {
  id: number;
  accountId: number;
  name: string;
  /** The placeholder names its contacts' fields go by, in the order of the last import. */
  placeholders: string[];
  /** Contacts in the list (the seed's rows). */
  contacts: number;
  /** Contacts whose number is not on the account's blacklist (the seed's recipients). */
  recipients: number;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Contact {
  id: number;
  phone: string;
  country: string | null;
  fields: Record<string, string>;
  createdAt: number;
}

export interface NewContact {
  phone: string;
  country: string | null;
  fields: Record<string, string>;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  search?: string | undefined;
  offset: number;
  limit: number;
}

export interface ListStore {
  /** ConflictError when the account has a list of that name (case-insensitive). */
  create(accountId: number, name: string, createdBy: number | null, now: number): Promise<DistributionList>;
  /** The seed's search: an exact, case-insensitive match on the name. */
  list(accountId: number, q: PageQuery): Promise<Page<DistributionList>>;
  get(accountId: number, id: number): Promise<DistributionList | null>;
  rename(accountId: number, id: number, name: string, now: number): Promise<DistributionList | null>;
  delete(accountId: number, id: number): Promise<boolean>;
  /** Contacts by phone or any field containing `search`. */
  contacts(accountId: number, listId: number, q: PageQuery): Promise<Page<Contact> | null>;
  /** ConflictError when the number is in the list already. */
  addContact(accountId: number, listId: number, c: NewContact, now: number): Promise<Contact | null>;
  removeContact(accountId: number, listId: number, contactId: number, now: number): Promise<boolean>;
  /** How many contacts of these lists (the account's) are in each country, numbers on the blacklist left out. */
  countries(accountId: number, listIds: readonly number[]): Promise<Map<string | null, number>>;
}

export type ImportSource = 'csv' | 'xlsx' | 'text';
export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'finished' | 'failed';

export interface ListImport {
  id: number;
  listId: number;
  userId: number | null;
  source: ImportSource;
  fileName: string | null;
  bytes: number;
  separator: Separator | null;
  /** The first row is a header, not a contact. */
  header: boolean;
  mapping: ColumnMapping | null;
  status: ImportStatus;
  /** Data rows read so far (the header not counted): the import's checkpoint. */
  rowsRead: number;
  imported: number;
  duplicates: number;
  rejected: number;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface RejectedRow {
  /** The row's line in the file, 1 = the first (the header, when there is one). */
  rowNumber: number;
  reason: RejectReason;
  /** The row as read, its cells joined by the separator. */
  raw: string;
}

/** One committed step of an import: contacts and rejects with the counters, in one transaction. */
export interface ImportBatch {
  contacts: NewContact[];
  rejects: RejectedRow[];
  /** The checkpoint before this batch: the commit is refused if the import has moved past it. */
  from: number;
  /** The checkpoint after this batch. */
  rowsRead: number;
}

export interface ImportStore {
  /** A new import of a list of this account, its bytes to follow; null when the list is not the account's. */
  create(accountId: number, listId: number, i: { userId: number | null; source: ImportSource; fileName: string | null; separator: Separator | null }, now: number): Promise<ListImport | null>;
  /** Appends the next piece of the upload. */
  appendChunk(importId: number, seq: number, data: Uint8Array): Promise<void>;
  /** The upload's size and the separator its rows are read with, once every chunk is in. */
  uploaded(importId: number, bytes: number, separator: Separator | null): Promise<void>;
  get(accountId: number, listId: number, importId: number): Promise<ListImport | null>;
  /** A list's imports, newest first. */
  ofList(accountId: number, listId: number, limit: number): Promise<ListImport[] | null>;
  /** The import by id alone, for its job. */
  byId(importId: number): Promise<ListImport | null>;
  /** The upload's bytes in order, one chunk at a time. */
  chunks(importId: number): AsyncIterable<Uint8Array>;
  /**
   * Uploaded → queued with the mapping, and its job added in the same transaction; false when
   * it was not waiting for one (started already).
   */
  start(importId: number, mapping: ColumnMapping, header: boolean, now: number): Promise<boolean>;
  /** Queued (or running, after a restart) → running; the list's placeholders become the mapping's. */
  running(importId: number, now: number): Promise<ListImport | null>;
  /**
   * Contacts (a number already in the list is a duplicate: merged, first values kept), rejects
   * and counters, in one transaction; false (nothing written) when the import is not at
   * `batch.from` (another worker took it on).
   */
  commit(importId: number, listId: number, batch: ImportBatch, now: number): Promise<boolean>;
  /** Finished or failed; the upload's bytes are dropped (the report stays). */
  finish(importId: number, status: 'finished' | 'failed', error: string | null, now: number): Promise<void>;
  /** A failed upload (bad bytes) is removed with its chunks. */
  discard(importId: number): Promise<void>;
  rejects(importId: number): AsyncIterable<RejectedRow>;
}

export interface Template {
  id: number;
  name: string;
  text: string;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateStore {
  /** ConflictError when the account has a template of that name (any case). */
  create(accountId: number, t: { name: string; text: string }, createdBy: number | null, now: number): Promise<Template>;
  /** Newest first; `search` finds part of the name or of the message, any case. */
  list(accountId: number, q: PageQuery): Promise<Page<Template>>;
  get(accountId: number, id: number): Promise<Template | null>;
  change(accountId: number, id: number, t: { name?: string | undefined; text?: string | undefined }, now: number): Promise<Template | null>;
  delete(accountId: number, id: number): Promise<boolean>;
}

export type CampaignKind = 'campaign' | 'quick_send';

export interface Campaign {
  id: number;
  accountId: number;
  kind: CampaignKind;
  name: string;
  status: CampaignStatus;
  /** Why it is suspended, or the content rule that rejected it. */
  statusReason: string | null;
  sender: string | null;
  text: string;
  personalization: Personalization;
  trafficAccountId: number | null;
  /** The lists it sends to, in the order chosen. */
  listIds: number[];
  /** UTC; null: at launch. */
  scheduleAt: number | null;
  /** The IANA zone the schedule was set in (the person's). */
  timeZone: string | null;
  recipients: number;
  sent: number;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  launchedAt: number | null;
  finishedAt: number | null;
}

/** What a draft holds; each field optional in a change. */
export interface CampaignFields {
  name: string;
  sender: string | null;
  text: string;
  personalization: Personalization;
  trafficAccountId: number | null;
  listIds: number[];
  scheduleAt: number | null;
  timeZone: string | null;
}

export interface CampaignStore {
  create(accountId: number, f: CampaignFields, createdBy: number | null, now: number): Promise<Campaign>;
  /** Newest first; `search` finds part of the name (any case); `statuses` filters. */
  list(accountId: number, q: PageQuery & { statuses?: readonly CampaignStatus[] | undefined }): Promise<Page<Campaign>>;
  get(accountId: number, id: number): Promise<Campaign | null>;
  /** Changes a draft; null when there is no such campaign, 'not_draft' when it has moved on. */
  changeDraft(accountId: number, id: number, f: Partial<CampaignFields>, now: number): Promise<Campaign | null | 'not_draft'>;
  /** Deletes a draft (or an ended campaign's row stays: only drafts go). */
  deleteDraft(accountId: number, id: number): Promise<'deleted' | 'not_found' | 'not_draft'>;
  /** The account's lists among `ids` (to check a draft's lists). */
  ownLists(accountId: number, ids: readonly number[]): Promise<number[]>;
}

/** The operator's content rules (blocked words, phrases, /patterns/), checked at launch. */
export interface ContentRuleStore {
  rules(): Promise<string[]>;
  setRules(rules: readonly string[]): Promise<void>;
}

/** How the campaign manager tells a person something (people/notifications.ts implements it). */
export interface Notifier {
  toUsers(userIds: number[], n: { type: 'success' | 'error' | 'warning' | 'info'; tag: 'campaign' | 'distribution_list'; content: string }, now: number): Promise<void>;
}
