// The process's message committer: group commit into the message store, with its metrics.
// Used by the writer thread, or by the main thread when the API runs in one thread.

import type { Metrics } from '../api/metrics.ts';
import type { Config } from '../config/config.ts';
import { GroupCommitter } from '../gateway/group-commit.ts';
import type { MessageRecord, MessageStore } from '../gateway/ports.ts';

export function createMessageCommitter(store: MessageStore, config: Config, metrics: Metrics): GroupCommitter<MessageRecord> {
  return new GroupCommitter<MessageRecord>((records) => store.insert(records), {
    maxBatch: config.commitMaxBatch,
    maxDelayMs: config.commitMaxDelayMs,
    onBatch(items, _requests, ms) {
      metrics.commitBatchSize.observe(items);
      metrics.commitSeconds.observe(ms / 1000);
    },
  });
}
