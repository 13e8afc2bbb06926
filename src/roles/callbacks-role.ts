// The callback worker (delivery reports and inbound forwards) with its HTTP sender, over a
// database connection: in the worker role's thread, or on a thread of its own
// (roles/callback-thread.ts) so that its requests do not queue behind the engine's work.

import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { callbackStore } from '../storage/callback-repository.ts';
import type { Database } from '../storage/database.ts';
import { CallbackWorker } from '../webhooks/callback-worker.ts';
import { HttpSender } from '../webhooks/http-sender.ts';
import type { WriteLock } from './write-lock.ts';

export interface CallbacksRole {
  /** Lets requests in flight finish and records them; what waits goes back to the table. */
  close(): Promise<void>;
}

export function startCallbacks(config: Config, o: { database: Database; logger: Logger; writeLock?: WriteLock | undefined }): CallbacksRole {
  const sender = new HttpSender({ timeoutMs: config.callbacks.timeoutMs, allowPrivate: config.callbacks.allowPrivate, socketsPerHost: config.callbacks.perHost });
  const worker = new CallbackWorker({
    store: callbackStore(o.database, o.writeLock ? { serialize: o.writeLock } : {}),
    send: (call) => sender.send(call),
    concurrency: config.callbacks.concurrency,
    perHost: config.callbacks.perHost,
    maxAgeMs: config.callbacks.maxAgeMs,
    // Long enough for a job to wait its turn behind its host's slow requests, then run one.
    leaseMs: Math.max(config.engine.leaseMs, 3 * config.callbacks.timeoutMs),
    timeoutMs: config.callbacks.timeoutMs,
    pollMs: config.engine.pollMs,
    backoff: { baseMs: config.callbacks.retryBaseMs, maxMs: 3_600_000 },
    owner: `${config.engine.workerId}/callbacks`,
    logger: o.logger,
  });
  worker.start();
  return {
    async close() {
      await worker.stop();
      sender.close();
    },
  };
}
