// What the callback worker needs from storage (storage/callback-repository.ts implements it).

import type { CallbackFacts, InboundFacts } from '../domain/callback.ts';

/** A delivery report (`callback`, of a message) or an inbound message to forward (`inbound`). */
export type JobKind = 'callback' | 'inbound';

export interface CallbackJob {
  id: number;
  kind: JobKind;
  /** The message's id, or the inbound message's. */
  subjectId: string;
  attempts: number;
  createdAt: number;
  /** What a callback says, taken when its message became final (storage's JSON); null: read the message. */
  payload: string | null;
}

/** Where and how an inbound message is forwarded: a signed JSON POST to its traffic account's URL. */
export interface InboundTarget {
  kind: 'inbound';
  facts: InboundFacts;
  url: string;
  secret: string;
}

export type WebhookTarget = CallbackTarget | InboundTarget;

/** Where and how a message's report goes, and what it says. */
export interface CallbackTarget {
  kind: 'callback';
  facts: CallbackFacts;
  /** The message's own callback URL, else its traffic account's. */
  url: string;
  method: 'GET' | 'POST';
  /** The POST body template; null: the default JSON shape. */
  template: string | null;
  /** The traffic account's signing secret (created on first use). */
  secret: string;
}

export interface CallbackAttempt {
  jobId: number;
  /** The message's id, or the inbound message's: whose timeline shows the attempt. */
  messageId: string;
  at: number;
  url: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

export type JobOutcome =
  | { id: number; kind: 'done' }
  | { id: number; kind: 'retry'; runAt: number; error: string }
  | { id: number; kind: 'failed'; error: string }
  /** Not attempted (its host was busy): later, without spending an attempt. */
  | { id: number; kind: 'later'; runAt: number };

export interface CallbackStore {
  /** Up to `limit` due callback jobs, leased to `owner` until `leaseUntil`. */
  claim(limit: number, now: number, leaseUntil: number, owner: string): Promise<CallbackJob[]>;
  /** Each job's target, by job id; absent when the message or its URL is gone (the job is then failed). */
  targets(jobs: readonly CallbackJob[]): Promise<Map<number, WebhookTarget>>;
  /** Attempts and the jobs' next state, in one transaction. */
  record(attempts: readonly CallbackAttempt[], outcomes: readonly JobOutcome[], now: number): Promise<void>;
  /** A message's attempts, oldest first (its timeline). */
  attempts(messageId: string): Promise<CallbackAttempt[]>;
}
