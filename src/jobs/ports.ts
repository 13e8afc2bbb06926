// The general job queue (DESIGN.md D5, D14): background work other than the callbacks' hot
// path (which claims its own kinds from the same table): list imports, and next campaign
// preparation and exports. A job is added in the transaction that needs it, so it exists
// exactly when the work it stands for was committed.

export interface Job {
  id: number;
  kind: string;
  /** JSON the adder chose: the job's subject (an import's id…). */
  payload: unknown;
  /** Runs so far that ended in an error. */
  attempts: number;
}

export interface JobStore {
  /**
   * Leases up to `limit` due jobs of these kinds to `owner` until `leaseUntil`. A job whose
   * lease ran out (its worker died) is due again.
   */
  claim(kinds: readonly string[], limit: number, now: number, leaseUntil: number, owner: string): Promise<Job[]>;
  /** Moves the lease on; false when the job is no longer this owner's. */
  extend(id: number, owner: string, leaseUntil: number): Promise<boolean>;
  done(id: number, owner: string, now: number): Promise<void>;
  /** Due again at `runAt`, the error kept; `counts` false for a stop that was not the job's fault. */
  retry(id: number, owner: string, runAt: number, error: string | null, now: number, counts?: boolean): Promise<void>;
  failed(id: number, owner: string, error: string, now: number): Promise<void>;
}

/** What a handler gets besides its job: a signal that fires when the process stops. */
export interface JobContext {
  signal: AbortSignal;
  /** An error now fails the job for good: the handler records why its subject stopped. */
  lastAttempt: boolean;
}

/**
 * Runs one job. Returning normally means done; throwing means retry with backoff (failed after
 * maxAttempts). A handler stopped by the signal throws JobStopped: its job is due again at once.
 */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

export class JobStopped extends Error {
  constructor() {
    super('stopped with the process');
    this.name = 'JobStopped';
  }
}

/** A handler's permanent refusal: failed at once, no retry (a file that is not text). */
export class JobFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobFailed';
  }
}
