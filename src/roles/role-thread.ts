// A role on a thread of its own: its entry module, the call channel to it, and the rule that a
// thread that dies unasked ends the process (its callers would wait forever; a supervisor
// restarts Petrel, and nothing acknowledged is lost: answers go out only after commits).

import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { type Handler, Rpc } from './rpc.ts';

export interface RoleThread {
  rpc: Rpc;
  /** Asks the thread to close (its `close` handler), then ends it. */
  close(): Promise<void>;
}

/**
 * Starts `entry` with `workerData`; resolves once the thread calls `ready`. `handlers` answer
 * the thread's other calls; `name` says which thread died.
 */
export async function startRoleThread(entry: URL, workerData: object, handlers: Record<string, Handler>, o: { name: string; logger: Logger }): Promise<RoleThread> {
  const worker = new Worker(entry, { workerData });
  let closing = false;
  const crash = (err: Error) => {
    if (closing) return;
    o.logger.fatal({ err }, `${o.name} died; exiting`);
    process.exit(1);
  };
  worker.on('error', crash);
  worker.on('exit', (code) => crash(new Error(`${o.name} exited with code ${code}`)));
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const rpc = new Rpc(worker, { ...handlers, ready: () => ready() });
  await started;
  return {
    rpc,
    async close() {
      closing = true;
      await rpc.call('close');
      await worker.terminate();
    },
  };
}
