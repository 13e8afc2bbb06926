// Delivers delivery-report callbacks (and forwards inbound messages) from the jobs table: claim due jobs, render each (GET URL
// or POST body, domain/callback.ts), sign it, send it, record the attempt, and retry with
// exponential backoff until the job is older than maxAgeMs. At most `concurrency` requests are
// in flight and at most `perHost` to one host, so one customer's slow or failing endpoint never
// holds up the others: a job for a busy host waits its turn without spending an attempt.

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
  pollMs: number;
  backoff: { baseMs: number; maxMs: number };
  owner: string;
  logger: Logger;
}

const SIGNATURE_HEADER = 'x-petrel-signature';

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

export class CallbackWorker {
  readonly #o: CallbackWorkerOptions;
  readonly #results: GroupCommitter<{ attempt: CallbackAttempt | null; outcome: JobOutcome }>;
  readonly #perHost = new Map<string, number>();
  #inFlight = 0;
  #stopping = false;
  #loop: Promise<void> | null = null;
  readonly #idle = new Nap();

  constructor(o: CallbackWorkerOptions) {
    this.#o = o;
    this.#results = new GroupCommitter(
      async (items) => {
        const attempts = items.flatMap((i) => (i.attempt ? [i.attempt] : []));
        await o.store.record(attempts, items.map((i) => i.outcome), Date.now());
      },
      { maxBatch: 500, maxDelayMs: 0 },
    );
  }

  start(): void {
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#idle.wake();
    await this.#loop;
    while (this.#inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    await this.#results.drain();
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        const free = this.#o.concurrency - this.#inFlight;
        const now = Date.now();
        const jobs = free > 0 ? await this.#o.store.claim(free, now, now + this.#o.leaseMs, this.#o.owner) : [];
        if (jobs.length === 0) {
          await this.#idle.nap(this.#o.pollMs);
          continue;
        }
        for (const job of jobs) {
          this.#inFlight++;
          void this.#deliver(job).finally(() => {
            this.#inFlight--;
            this.#idle.wake();
          });
        }
      } catch (e) {
        this.#o.logger.error({ err: e }, 'callback worker: claiming failed; retrying');
        await this.#idle.nap(1000);
      }
    }
  }

  async #deliver(job: CallbackJob): Promise<void> {
    const record = (attempt: CallbackAttempt | null, outcome: JobOutcome) =>
      this.#results.add([{ attempt, outcome }]).catch((e) => this.#o.logger.error({ err: e, job: job.id }, 'could not record a callback attempt'));
    const target = await this.#o.store.target(job);
    if (!target) return record(null, { id: job.id, kind: 'failed', error: `the ${job.kind === 'inbound' ? 'inbound message or its webhook URL' : 'message or its callback URL'} is gone` });
    const host = hostOf(target.url);
    const busy = this.#perHost.get(host) ?? 0;
    if (busy >= this.#o.perHost) {
      // Not an attempt: the host has enough requests open; this one waits a moment.
      return record(null, { id: job.id, kind: 'later', runAt: Date.now() + 200 });
    }
    this.#perHost.set(host, busy + 1);
    try {
      const now = Date.now();
      const call = callbackCall(target, Math.floor(now / 1000));
      const r = await this.#o.send(call);
      const attempt: CallbackAttempt = { jobId: job.id, messageId: job.subjectId, at: now, url: call.url, statusCode: r.statusCode, latencyMs: r.latencyMs, error: r.error };
      if (r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300) return record(attempt, { id: job.id, kind: 'done' });
      const error = r.error ?? `HTTP ${r.statusCode}`;
      const runAt = Date.now() + backoffDelay(job.attempts, this.#o.backoff);
      if (runAt - job.createdAt > this.#o.maxAgeMs) return record(attempt, { id: job.id, kind: 'failed', error });
      return record(attempt, { id: job.id, kind: 'retry', runAt, error });
    } finally {
      this.#perHost.set(host, (this.#perHost.get(host) ?? 1) - 1);
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
