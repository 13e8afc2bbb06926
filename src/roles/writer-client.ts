// An API thread's side of the writer: accepted messages are grouped per event-loop turn and
// sent as one call, so the writer gets one message per turn instead of one per request.

import type { MessagePort } from 'node:worker_threads';
import { GroupCommitter } from '../gateway/group-commit.ts';
import type { MessageRecord } from '../gateway/ports.ts';
import { Rpc } from './rpc.ts';

export interface WriterClient {
  /** Resolves once the writer has committed the records. */
  commit(records: readonly MessageRecord[]): Promise<void>;
  /** Resolves when everything sent so far is answered. */
  drain(): Promise<void>;
}

export function connectWriter(port: MessagePort, maxBatch: number): WriterClient {
  const rpc = new Rpc(port);
  const batcher = new GroupCommitter<MessageRecord>((records) => rpc.call('commit', records), { maxBatch, maxDelayMs: 0 });
  return { commit: (records) => batcher.add(records), drain: () => batcher.drain() };
}
