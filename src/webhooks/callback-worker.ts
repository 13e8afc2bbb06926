// Delivers delivery-report callbacks (and forwards inbound messages) from the jobs table:
// claim due jobs in batches, look their targets up in one query, render each (GET URL or POST
// body, domain/callback.ts), sign it, send it, record the attempts in batches, and retry with
// exponential backoff until the job is older than maxAgeMs.
//
// At most `concurrency` requests are in flight and at most `perHost` to one host. Claimed jobs
// wait in memory in one queue per host, taken round-robin, so one customer's slow or failing
// endpoint holds only its own jobs. One host may fill at most half of the memory backlog; its
// further jobs go back (`later`, no attempt spent) instead of crowding out the others, which a
// few claims a second keep finding.

import type { Logger } from 'pino';
import { backoffDelay } from '../domain/backoff.ts';
import { defaultBody, inboundBody, placeholderValues, renderTemplate, signCallback } from '../domain/callback.ts';
import { GroupCommitter } from '../gateway/group-commit.ts';
import { Nap } from '../gateway/nap.ts';
import type { HttpCall, HttpResult } from './http-sender.ts';
import type { CallbackAttempt, CallbackJob, CallbackStore, JobOutcome, WebhookTarget } from './ports.ts';

export interface CallbackWorkerOptions {
  store: CallbackStore;
  send(call: HttpCall): Promise<HttpResult>;
  concurrency: number;
  perHost: number;
  /** A job this old (since its message became final) gives up: `failed`. */
  maxAgeMs: number;
  leaseMs: number;
  /** How long one request may take (the sender's timeout): a job is not started that could outlive its lease. */
  timeoutMs: number;
  pollMs: number;
  backoff: { baseMs: number; maxMs: number };
  owner: string;
  logger: Logger;
}

const SIGNATURE_HEADER = 'x-petrel-signature';
/** Claimed jobs kept waiting, as a multiple of the requests in flight: enough to keep every slot busy between claims. */
const BACKLOG = 4;

/** The request a delivery report or an inbound forward makes. */
export function callbackCall(t: WebhookTarget, nowSeconds: number): HttpCall {
  const headers: Record<string, string> = { 'user-agent': 'Petrel callbacks' };
  if (t.kind === 'inbound') return signedPost(t.url, inboundBody(t.facts), t.secret, headers, nowSeconds);
  const values = placeholderValues(t.facts);
  const url = renderTemplate(t.url, values, 'url');
  if (t.method === 'GET') return { method: 'GET', url, headers: { ...headers, [SIGNATURE_HEADER]: signCallback(t.secret, url, nowSeconds) } };
  const body = t.template === null ? defaultBody(values) : renderTemplate(t.template, values, 'json');
  return signedPost(url, body, t.secret, headers, nowSeconds);
}

function signedPost(url: string, body: string, secret: string, headers: Record<string, string>, nowSeconds: number): HttpCall {
  return { method: 'POST', url, body, headers: { ...headers, 'content-type': 'application/json', [SIGNATURE_HEADER]: signCallback(secret, body, nowSeconds) } };
}

interface Waiting {
  job: CallbackJob;
  target: WebhookTarget;
  leaseUntil: number;
}

export class CallbackWorker {
  readonly #o: CallbackWorkerOptions;
  readonly #results: GroupCommitter<{ attempt: CallbackAttempt | null; outcome: JobOutcome }>;
  /** Claimed jobs waiting for a slot, per host (Map order: the round-robin). */
  readonly #queues = new Map<string, Waiting[]>();
  readonly #busy = new Map<string, number>();
  #waiting = 0;
  #inFlight = 0;
  /** When a full host last made the loop claim a few jobs anyway (for the other hosts). */
  #probedAt = 0;
  /** Jobs one host may have waiting: half the backlog, so the others always find room. */
  readonly #hostCapacity: number;
  #stopping = false;
  #loop: Promise<void> | null = null;
  readonly #idle = new Nap();

  constructor(o: CallbackWorkerOptions) {
    this.#o = o;
    this.#hostCapacity = o.concurrency * BACKLOG;
    this.#results = new GroupCommitter(
      async (items) => {
        const attempts = items.flatMap((i) => (i.attempt ? [i.attempt] : []));
        await o.store.record(
          attempts,
          items.map((i) => i.outcome),
          Date.now(),
        );
      },
      // Results wait up to 20 ms for company: a batch of hundreds costs a few statements, where
      // one per response would cost a statement each (the lease gives them 30 s). At most 250 a
      // transaction: 1,000 held the write lock for up to 40 ms, and the intake waited behind it.
      { maxBatch: 250, maxDelayMs: 20 },
    );
  }

  start(): void {
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#idle.wake();
    await this.#loop;
    // What waits unsent goes back at once (its lease would hold it until it ran out).
    for (const queue of this.#queues.values()) for (const w of queue.splice(0)) this.#record(null, { id: w.job.id, kind: 'later', runAt: Date.now() });
    this.#queues.clear();
    while (this.#inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    await this.#results.drain();
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        const size = this.#claimSize();
        if (size === 0) {
          await this.#idle.nap(1000); // enough waits: a finished request wakes the loop
          continue;
        }
        const now = Date.now();
        const leaseUntil = now + this.#o.leaseMs;
        const jobs = await this.#o.store.claim(size, now, leaseUntil, this.#o.owner);
        if (jobs.length === 0) {
          await this.#idle.nap(this.#o.pollMs);
          continue;
        }
        const targets = await this.#o.store.targets(jobs);
        for (const job of jobs) {
          const target = targets.get(job.id) ?? null;
          if (!target) this.#record(null, { id: job.id, kind: 'failed', error: `the ${job.kind === 'inbound' ? 'inbound message or its webhook URL' : 'message or its callback URL'} is gone` });
          else this.#enqueue({ job, target, leaseUntil }, now + 1000);
        }
        this.#pump();
      } catch (e) {
        this.#o.logger.error({ err: e }, 'callback worker: claiming failed; retrying');
        await this.#idle.nap(1000);
      }
    }
  }

  /**
   * How many jobs to claim now: none while the fullest host has more than half its queue
   * waiting (claims come in batches of half a queue or more, a few statements each); then as
   * many as it can still queue, so a busy host's jobs are not claimed only to go back. While
   * one host's queue stays full, a few jobs a second, so that other hosts' jobs keep coming.
   */
  #claimSize(): number {
    let fullest = 0;
    for (const q of this.#queues.values()) fullest = Math.max(fullest, q.length);
    const hostCapacity = this.#hostCapacity;
    const room = 2 * hostCapacity - this.#waiting - this.#inFlight;
    if (fullest <= hostCapacity / 2) return Math.max(0, Math.min(room, hostCapacity - fullest));
    if (Date.now() - this.#probedAt < 1000 || room <= 0) return 0;
    this.#probedAt = Date.now();
    return Math.min(room, this.#o.perHost);
  }

  /** Queues a job for its host, or, when the host's queue is full, hands it back (to run at `later`). */
  #enqueue(w: Waiting, later: number): void {
    const host = hostOf(w.target.url);
    let queue = this.#queues.get(host);
    if (!queue) this.#queues.set(host, (queue = []));
    if (queue.length >= this.#hostCapacity) {
      // This host has more waiting than it can take soon: back to the table, no attempt spent.
      this.#record(null, { id: w.job.id, kind: 'later', runAt: later });
      return;
    }
    queue.push(w);
    this.#waiting++;
  }

  /** Starts what the free slots allow, one host after another. */
  #pump(): void {
    for (const [host, queue] of this.#queues) {
      if (this.#inFlight >= this.#o.concurrency) return;
      let busy = this.#busy.get(host) ?? 0;
      while (queue.length > 0 && busy < this.#o.perHost && this.#inFlight < this.#o.concurrency) {
        const w = queue.shift()!;
        this.#waiting--;
        busy++;
        this.#inFlight++;
        void this.#deliver(w).finally(() => {
          this.#inFlight--;
          const left = (this.#busy.get(host) ?? 1) - 1;
          if (left > 0) this.#busy.set(host, left);
          else this.#busy.delete(host); // hosts come and go: keep only the busy ones
          this.#pump();
          this.#idle.wake();
        });
      }
      if (busy > 0) this.#busy.set(host, busy);
      if (queue.length === 0) this.#queues.delete(host);
    }
  }

  #record(attempt: CallbackAttempt | null, outcome: JobOutcome): void {
    this.#results.add([{ attempt, outcome }]).catch((e) => this.#o.logger.error({ err: e, job: outcome.id }, 'could not record a callback attempt'));
  }

  async #deliver({ job, target, leaseUntil }: Waiting): Promise<void> {
    const now = Date.now();
    // Its lease could end while the request runs (another worker may then take it): hand it back.
    if (now + this.#o.timeoutMs >= leaseUntil) return this.#record(null, { id: job.id, kind: 'later', runAt: now });
    const call = callbackCall(target, Math.floor(now / 1000));
    const r = await this.#o.send(call);
    const attempt: CallbackAttempt = { jobId: job.id, messageId: job.subjectId, at: now, url: call.url, statusCode: r.statusCode, latencyMs: r.latencyMs, error: r.error };
    if (r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300) return this.#record(attempt, { id: job.id, kind: 'done' });
    const error = r.error ?? `HTTP ${r.statusCode}`;
    const runAt = Date.now() + backoffDelay(job.attempts, this.#o.backoff);
    if (runAt - job.createdAt > this.#o.maxAgeMs) return this.#record(attempt, { id: job.id, kind: 'failed', error });
    this.#record(attempt, { id: job.id, kind: 'retry', runAt, error });
  }
}

/** The host[:port] of an http(s) URL (template): what per-host limits count by. */
function hostOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(url)?.[1]?.toLowerCase() ?? url;
}
