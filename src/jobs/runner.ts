// Claims due jobs of the kinds it has handlers for and runs them, a few at a time, each under a
// lease it keeps renewing while the handler works: a worker killed mid-job lets its lease run
// out, and another (or the restarted one) takes the job again. Handlers resume from what they
// committed (an import from its counters), so a job run twice does its work once.

import type { Logger } from 'pino';
import { type Backoff, backoffDelay } from '../domain/backoff.ts';
import { type Job, JobFailed, type JobHandler, type JobStore, JobStopped } from './ports.ts';

export interface JobRunnerOptions {
  store: JobStore;
  handlers: Record<string, JobHandler>;
  owner: string;
  leaseMs: number;
  pollMs: number;
  concurrency: number;
  maxAttempts: number;
  backoff: Backoff;
  logger: Logger;
  now?: () => number;
}

export class JobRunner {
  readonly #o: JobRunnerOptions;
  readonly #running = new Map<number, Promise<void>>();
  readonly #stop = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;

  constructor(o: JobRunnerOptions) {
    this.#o = o;
  }

  start(): void {
    this.#schedule(0);
  }

  /** Stops claiming, tells running handlers to stop, waits for them; their jobs are due again. */
  async stop(): Promise<void> {
    this.#stop.abort();
    if (this.#timer) clearTimeout(this.#timer);
    await this.#polling;
    await Promise.allSettled(this.#running.values());
  }

  /** Claims and starts what is due now (tests call it to run jobs without waiting for a poll). */
  async poll(): Promise<void> {
    const free = this.#o.concurrency - this.#running.size;
    if (free <= 0 || this.#stop.signal.aborted) return;
    const now = this.#now();
    const jobs = await this.#o.store.claim(Object.keys(this.#o.handlers), free, now, now + this.#o.leaseMs, this.#o.owner);
    for (const job of jobs) {
      const run = this.#run(job).finally(() => this.#running.delete(job.id));
      this.#running.set(job.id, run);
    }
  }

  /** Resolves when no job is running (tests). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled(this.#running.values());
  }

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }

  #schedule(ms: number): void {
    if (this.#stop.signal.aborted) return;
    this.#timer = setTimeout(() => {
      this.#polling = this.poll()
        .catch((e: unknown) => this.#o.logger.warn({ err: e }, 'job queue: claiming failed; trying again'))
        .finally(() => this.#schedule(this.#o.pollMs));
    }, ms);
  }

  async #run(job: Job): Promise<void> {
    const { store, owner, leaseMs, logger } = this.#o;
    const renew = setInterval(
      () => {
        store.extend(job.id, owner, this.#now() + leaseMs).catch((e: unknown) => logger.warn({ err: e, job: job.id }, 'job queue: a lease could not be renewed'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    try {
      await this.#o.handlers[job.kind]!(job, { signal: this.#stop.signal, lastAttempt: job.attempts + 1 >= this.#o.maxAttempts });
      await store.done(job.id, owner, this.#now());
    } catch (e) {
      await this.#settle(job, e).catch((err: unknown) => logger.error({ err, job: job.id }, 'job queue: a job’s outcome could not be recorded; its lease will run out'));
    } finally {
      clearInterval(renew);
    }
  }

  async #settle(job: Job, e: unknown): Promise<void> {
    const { store, owner, logger } = this.#o;
    const now = this.#now();
    if (e instanceof JobStopped) return store.retry(job.id, owner, now, null, now, false);
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof JobFailed || job.attempts + 1 >= this.#o.maxAttempts) {
      logger.warn({ job: job.id, kind: job.kind, error: message }, 'job failed');
      return store.failed(job.id, owner, message, now);
    }
    logger.warn({ job: job.id, kind: job.kind, error: message, attempt: job.attempts + 1 }, 'job failed; retrying');
    return store.retry(job.id, owner, now + backoffDelay(job.attempts, this.#o.backoff), message, now);
  }
}
