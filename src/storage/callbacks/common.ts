// What both dialects' callback stores share: the SQL that reads a job's target, the rows it
// returns, and how a row becomes the worker's target.

import type { InboundFacts } from '../../domain/callback.ts';
import type { CallbackJob, CallbackTarget, InboundTarget, JobKind, WebhookTarget } from '../../webhooks/ports.ts';
import type { Database } from '../database.ts';
import { signingSecret } from '../tenancy-repository.ts';

/** A delivery report's target: the message, its traffic account, and the network a receipt named. */
export const CALLBACK_TARGET_SQL = `SELECT m.id, m.state, m.error_code, m.reference, m.recipient, m.sender, m.price_micros, m.segments,
    m.submitted_at, m.done_at, m.callback_url, t.id AS ta_id, t.name AS account, t.callback_url AS ta_url, t.callback_method,
    t.callback_template, t.callback_secret,
    (SELECT p.network FROM message_parts p WHERE p.message_id = m.id AND p.network IS NOT NULL LIMIT 1) AS network
  FROM messages m JOIN traffic_accounts t ON t.id = m.traffic_account_id`;

export interface CallbackTargetRow {
  id: string;
  state: string;
  error_code: number | null;
  reference: string | null;
  recipient: string;
  sender: string;
  price_micros: number | null;
  segments: number;
  submitted_at: number | null;
  done_at: number | null;
  callback_url: string | null;
  ta_id: number;
  account: string;
  ta_url: string | null;
  callback_method: string;
  callback_template: string | null;
  callback_secret: string | null;
  network: string | null;
}

/** An inbound forward's target: the inbound message and its traffic account. */
export const INBOUND_TARGET_SQL = `SELECT i.id, i.sender, i.recipient, i.text, i.encoding, i.parts, i.action, i.received_at,
    t.id AS ta_id, t.name AS account, t.inbound_url, t.callback_secret
  FROM inbound_messages i JOIN traffic_accounts t ON t.id = i.traffic_account_id`;

export interface InboundTargetRow {
  id: string;
  sender: string;
  recipient: string;
  text: string;
  encoding: string;
  parts: number;
  action: string | null;
  received_at: number;
  ta_id: number;
  account: string;
  inbound_url: string | null;
  callback_secret: string | null;
}

export interface JobRow {
  id: number;
  kind: JobKind;
  message_id: string | null;
  inbound_id: string | null;
  attempts: number;
  created_at: number;
  payload: string | null;
}

export const JOB_COLUMNS = 'id, kind, message_id, inbound_id, attempts, created_at, payload';

export const toJob = (j: JobRow): CallbackJob => ({
  id: Number(j.id),
  kind: j.kind,
  subjectId: (j.message_id ?? j.inbound_id)!,
  attempts: Number(j.attempts),
  createdAt: Number(j.created_at),
  payload: j.payload,
});

/** A traffic account's callback settings, as a target needs them. */
export const ACCOUNT_SQL = `SELECT id AS ta_id, name AS account, callback_url AS ta_url, callback_method, callback_template, callback_secret FROM traffic_accounts`;
export type AccountRow = Pick<CallbackTargetRow, 'ta_id' | 'account' | 'ta_url' | 'callback_method' | 'callback_template' | 'callback_secret'>;

/** What a job's payload (migrations 0006) says of its message: the target row's message columns. */
export type PayloadFacts = Omit<CallbackTargetRow, keyof AccountRow> & { traffic_account_id: number };

export const parsePayload = (payload: string) => JSON.parse(payload) as PayloadFacts;

/** How long a traffic account's callback settings are reused: a change reaches callbacks within this. */
export const ACCOUNT_CACHE_MS = 2000;

/** Traffic accounts' callback settings by id, each read at most once per ACCOUNT_CACHE_MS. */
export class AccountCache {
  readonly #rows = new Map<number, { row: AccountRow | null; until: number }>();

  /** The cached settings; undefined when they must be read (again). */
  get(id: number): AccountRow | null | undefined {
    const hit = this.#rows.get(id);
    return hit && hit.until > Date.now() ? hit.row : undefined;
  }

  set(id: number, row: AccountRow | null): void {
    this.#rows.set(id, { row, until: Date.now() + ACCOUNT_CACHE_MS });
  }
}

/** The row's callback, or null when neither the message nor its account has a URL. */
export function callbackTarget(m: CallbackTargetRow, secret: string): CallbackTarget | null {
  const url = m.callback_url ?? m.ta_url;
  if (!url) return null;
  return {
    kind: 'callback',
    facts: {
      id: m.id,
      state: m.state,
      errorCode: m.error_code,
      reference: m.reference,
      to: m.recipient,
      from: m.sender,
      network: m.network ?? null,
      priceMicros: m.price_micros === null ? null : Number(m.price_micros),
      parts: m.segments,
      submittedAt: m.submitted_at === null ? null : Number(m.submitted_at),
      doneAt: m.done_at === null ? null : Number(m.done_at),
      account: m.account,
    },
    url,
    method: m.callback_method === 'GET' ? 'GET' : 'POST',
    template: m.callback_template,
    secret,
  };
}

/** The row's forward, or null when its traffic account has no inbound URL (any more). */
export function inboundTarget(r: InboundTargetRow, secret: string): InboundTarget | null {
  if (!r.inbound_url) return null;
  return {
    kind: 'inbound',
    facts: {
      id: r.id,
      from: r.sender,
      to: r.recipient,
      text: r.text,
      encoding: r.encoding,
      parts: r.parts,
      action: r.action as InboundFacts['action'],
      receivedAt: Number(r.received_at),
      account: r.account,
    },
    url: r.inbound_url,
    secret,
  };
}

/** A job's row: a callback's (looked up, or its payload with its account's settings) or a forward's. */
export type TargetRow = CallbackTargetRow | InboundTargetRow;

/** A callback job's payload joined to its account's settings: the row a lookup would have read. */
export const carriedRow = (facts: PayloadFacts, account: AccountRow): CallbackTargetRow => ({ ...facts, ...account });

/**
 * The jobs' targets, by job id, from each job's row (absent: its message or URL is gone); each
 * traffic account's signing secret is created on first use, once per batch.
 */
export async function toTargets(database: Database, jobs: readonly CallbackJob[], rowOf: (job: CallbackJob) => TargetRow | undefined): Promise<Map<number, WebhookTarget>> {
  const out = new Map<number, WebhookTarget>();
  const secrets = new Map<number, string>();
  for (const job of jobs) {
    const row = rowOf(job);
    if (!row) continue;
    if (!secrets.has(row.ta_id)) secrets.set(row.ta_id, row.callback_secret ?? (await signingSecret(database, row.ta_id)));
    const secret = secrets.get(row.ta_id)!;
    const t = job.kind === 'inbound' ? inboundTarget(row as InboundTargetRow, secret) : callbackTarget(row as CallbackTargetRow, secret);
    if (t) out.set(job.id, t);
  }
  return out;
}
