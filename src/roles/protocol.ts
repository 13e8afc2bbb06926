// Messages between the main thread (the single writer) and its API threads.

import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Config } from '../config/config.ts';
import type { MessageRecord } from '../gateway/ports.ts';

export interface ApiThreadData {
  config: Config;
  /** The port to share (SO_REUSEPORT); the first thread may get 0 and report the real one. */
  port: number;
}

export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** API thread → writer. */
export type ToWriter =
  | { t: 'listening'; url: string }
  | { t: 'commit'; id: number; records: MessageRecord[] }
  | { t: 'metrics'; id: number }
  | { t: 'collected'; id: number; metrics: MetricsJson }
  | { t: 'closed' };

/** Writer → API thread. */
export type FromWriter =
  | { t: 'committed'; id: number }
  | { t: 'failed'; id: number; message: string }
  | { t: 'metrics'; id: number; text: string }
  | { t: 'collect'; id: number }
  | { t: 'close' };
