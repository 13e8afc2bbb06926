// Entry point of the callback thread: a composition root of its own, with its own database
// connection, writing under the process's write lock.

import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/config.ts';
import { createLogger } from '../logger.ts';
import { startCallbacks } from './callbacks-role.ts';
import { openConfiguredDatabase } from './open-database.ts';
import { Rpc } from './rpc.ts';
import { writeLock } from './write-lock.ts';

const { config, lockMemory } = workerData as { config: Config; lockMemory: SharedArrayBuffer | null };
const database = await openConfiguredDatabase(config, { poolSize: 4 });
const callbacks = startCallbacks(config, { database, logger: createLogger(config), writeLock: lockMemory ? writeLock(lockMemory) : undefined });
const main = new Rpc(parentPort!, {
  async close() {
    await callbacks.close();
    await database.close();
  },
});
await main.call('ready');
