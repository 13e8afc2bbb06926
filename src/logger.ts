// pino JSON logs on standard output.

import pino, { type Logger } from 'pino';
import type { Config } from './config/config.ts';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid } });
}
