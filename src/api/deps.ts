// What the HTTP layer needs; main.ts provides it.

import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { ConnectorStore } from '../engine/ports.ts';
import type { MessageRecord, MessageStore, Principal } from '../gateway/ports.ts';
import type { SubmitRequest } from '../gateway/submit.ts';
import type { Tenancy } from '../gateway/tenancy.ts';
import type { Metrics } from './metrics.ts';

export interface ApiDeps {
  config: Pick<Config, 'bodyLimitBytes' | 'rateLimitPerKey'>;
  logger: Logger;
  tenancy: Tenancy;
  messages: MessageStore;
  connectors: ConnectorStore;
  /** gateway.submit bound to its dependencies: resolves after commit. */
  submit(req: SubmitRequest, principal: Principal): Promise<MessageRecord[]>;
  metrics: Metrics;
  /** The Prometheus text of the whole process (all threads). */
  renderMetrics(): Promise<string>;
  /** Readiness: the database answers. */
  ready(): Promise<boolean>;
}
