// Typed configuration from the environment, and optionally a JSON file named by PETREL_CONFIG
// (environment wins). A bad value stops start-up with a message naming the variable.

import { readFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOutcomeRules } from '../simulator/rules.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL schema; tests use one each. */
  pgSchema: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bootstrapApiKey: string | undefined;
  bodyLimitBytes: number;
  maxTextCharacters: number;
  maxRecipients: number;
  /** Group commit: a batch closes after this many messages … */
  commitMaxBatch: number;
  /** … or after this many milliseconds (0: the next turn of the event loop). */
  commitMaxDelayMs: number;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** HTTP worker threads for the API role; 0 = one per core. */
  apiThreads: number;
  /** Requests per second per API key; 0 = unlimited. */
  rateLimitPerKey: number;
  /** The session cookie only over https (PETREL_SECURE_COOKIES; behind a TLS proxy, true). */
  secureCookies: boolean;
  /** The first administrator's sign-in, created with the first start's operator key. */
  adminEmail: string;
  /** smtp:// or smtps:// URL of the mail server; unset: mail is kept in the outbox only. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How often traffic accounts' credit is checked for the 80 % and 100 % alerts. */
  budgetCheckMs: number;
  /** Where mailed links point (https://sms.example.com); unset: the address the API listens on. */
  publicUrl: string | undefined;
  /** The built web app (`web/dist/` of this package unless PETREL_WEB_DIST says otherwise). */
  webDist: string;
  engine: {
    /** Names this worker's leases; workers sharing a PostgreSQL need distinct ids. */
    workerId: string;
    /** How long a claim or a submit holds a message before the reaper may take it back. */
    leaseMs: number;
    reapEveryMs: number;
    /** An idle lane looks for new messages this often. */
    pollMs: number;
    /** A receipt that matches no part is retried for this long, then counted as an orphan. */
    receiptParkMs: number;
    /** A sent message with no final receipt this long after its validity ends becomes unknown. */
    receiptGraceMs: number;
    /** A connector down (unbound, paused or disabled) this long hands its failover routes' queue on. */
    failoverAfterMs: number;
  };
  callbacks: {
    /** One callback request, connect to last byte. */
    timeoutMs: number;
    /** A callback still failing this long after its message became final is given up. */
    maxAgeMs: number;
    /** Requests in flight, and to one host at most. */
    concurrency: number;
    perHost: number;
    /** Let callbacks reach private, loopback and link-local addresses (tests, local set-ups). */
    allowPrivate: boolean;
    /** The first retry's delay; each next one doubles (with jitter), up to an hour. */
    retryBaseMs: number;
    /** Run the callback worker on a thread of its own (default: when there are two cores or more). */
    thread: boolean;
  };
  simulator: {
    /** auto: run one embedded when no connector is configured; off: never. */
    embedded: 'auto' | 'off';
    port: number;
    systemId: string;
    password: string;
    idFormat: 'hex' | 'decimal' | 'uuid';
    receiptDelayMs: number;
    /** Each receipt waits a further random 0 to this many ms. */
    receiptJitterMs: number;
    /** Outcome rules as written (simulator/rules.ts), checked at load. */
    rules: string;
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

function int(src: Source, name: string, dflt: number, min: number, max: number): number {
  const raw = src[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

function oneOf<T extends string>(src: Source, name: string, dflt: T, allowed: readonly T[]): T {
  const raw = src[name];
  if (raw === undefined || raw === '') return dflt;
  const hit = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!hit) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return hit;
}

/** An SMPP C-string setting: printable ASCII within the field's size. */
function smppString(src: Source, name: string, dflt: string, max: number): string {
  const v = src[name] || dflt;
  if (v.length > max || !/^[\x20-\x7e]*$/.test(v)) throw new ConfigError(`${name} must be at most ${max} printable ASCII characters`);
  return v;
}

function simulatorRules(src: Source): string {
  const text = src.PETREL_SIMULATOR_RULES ?? '';
  try {
    parseOutcomeRules(text);
  } catch (e) {
    throw new ConfigError(`PETREL_SIMULATOR_RULES: ${(e as Error).message}`);
  }
  return text;
}

function workerId(src: Source): string {
  const id =
    src.PETREL_WORKER_ID ||
    hostname()
      .replace(/[^\w.-]/g, '-')
      .slice(0, 64) ||
    'worker';
  if (!/^[\w.-]{1,64}$/.test(id)) throw new ConfigError(`PETREL_WORKER_ID must be 1 to 64 letters, digits, '.', '-' or '_', got ${JSON.stringify(id)}`);
  return id;
}

function fileSource(env: Source): Source {
  const path = env.PETREL_CONFIG;
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`PETREL_CONFIG: cannot read ${path}: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`PETREL_CONFIG: ${path} must hold a JSON object of variable names to values`);
  }
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v === null ? undefined : String(v)]));
}

/** An optional URL of the given form; a malformed one stops start-up naming the variable. */
function url(src: Source, name: string, form: RegExp, words: string): string | undefined {
  const v = src[name] || undefined;
  if (v !== undefined && (!form.test(v) || !URL.canParse(v))) throw new ConfigError(`${name} must be ${words}, got ${JSON.stringify(v)}`);
  return v;
}

export function loadConfig(env: Source = process.env): Config {
  const src: Source = { ...fileSource(env), ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) };
  const databaseUrl = src.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL (unset it for the embedded SQLite), got ${JSON.stringify(databaseUrl)}`);
  }
  const host = src.HOST || '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) throw new ConfigError(`HOST must be a host name or address, got ${JSON.stringify(host)}`);
  const pgSchema = src.PETREL_PG_SCHEMA || undefined;
  if (pgSchema && !/^[a-z_][a-z0-9_]*$/i.test(pgSchema)) throw new ConfigError(`PETREL_PG_SCHEMA must be an SQL identifier`);
  return {
    port: int(src, 'PORT', 3000, 0, 65535),
    host,
    dataDir: resolve(src.PETREL_DATA_DIR || './data'),
    databaseUrl,
    pgSchema,
    logLevel: oneOf(src, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    bootstrapApiKey: src.PETREL_BOOTSTRAP_API_KEY || undefined,
    bodyLimitBytes: int(src, 'PETREL_BODY_LIMIT', 1_048_576, 1024, 64 * 1_048_576),
    maxTextCharacters: int(src, 'PETREL_MAX_TEXT_CHARS', 1600, 1, 100_000),
    maxRecipients: int(src, 'PETREL_MAX_RECIPIENTS', 10_000, 1, 1_000_000),
    commitMaxBatch: int(src, 'PETREL_COMMIT_MAX_BATCH', 2000, 1, 100_000),
    commitMaxDelayMs: int(src, 'PETREL_COMMIT_MAX_DELAY_MS', 0, 0, 1000),
    sqliteSynchronous: oneOf(src, 'PETREL_SQLITE_SYNCHRONOUS', 'FULL', ['FULL', 'NORMAL'] as const),
    apiThreads: int(src, 'PETREL_API_THREADS', 0, 0, 64),
    rateLimitPerKey: int(src, 'PETREL_RATE_LIMIT', 0, 0, 10_000_000),
    secureCookies: oneOf(src, 'PETREL_SECURE_COOKIES', 'false', ['true', 'false'] as const) === 'true',
    adminEmail: src.PETREL_ADMIN_EMAIL || 'admin@petrel.local',
    smtpUrl: url(src, 'PETREL_SMTP_URL', /^smtps?:\/\//, 'an smtp:// or smtps:// URL'),
    mailFrom: src.PETREL_MAIL_FROM || 'Petrel <petrel@localhost>',
    budgetCheckMs: int(src, 'PETREL_BUDGET_CHECK_MS', 30_000, 100, 3_600_000),
    publicUrl: url(src, 'PETREL_PUBLIC_URL', /^https?:\/\/[^/\s]+/, 'an http:// or https:// URL'),
    webDist: resolve(src.PETREL_WEB_DIST || fileURLToPath(new URL('../../web/dist', import.meta.url))),
    engine: {
      workerId: workerId(src),
      leaseMs: int(src, 'PETREL_LEASE_MS', 30_000, 100, 3_600_000),
      reapEveryMs: int(src, 'PETREL_REAP_MS', 5_000, 50, 3_600_000),
      pollMs: int(src, 'PETREL_DISPATCH_POLL_MS', 50, 1, 60_000),
      receiptParkMs: int(src, 'PETREL_RECEIPT_PARK_MS', 600_000, 0, 7 * 86_400_000),
      receiptGraceMs: int(src, 'PETREL_RECEIPT_GRACE_MS', 3_600_000, 0, 30 * 86_400_000),
      failoverAfterMs: int(src, 'PETREL_FAILOVER_AFTER_MS', 30_000, 0, 86_400_000),
    },
    callbacks: {
      timeoutMs: int(src, 'PETREL_CALLBACK_TIMEOUT_MS', 10_000, 100, 300_000),
      maxAgeMs: int(src, 'PETREL_CALLBACK_MAX_AGE_MS', 48 * 3_600_000, 0, 30 * 86_400_000),
      concurrency: int(src, 'PETREL_CALLBACK_CONCURRENCY', 64, 1, 10_000),
      perHost: int(src, 'PETREL_CALLBACK_PER_HOST', 8, 1, 1_000),
      allowPrivate: oneOf(src, 'PETREL_ALLOW_PRIVATE_CALLBACKS', 'false', ['true', 'false'] as const) === 'true',
      retryBaseMs: int(src, 'PETREL_CALLBACK_RETRY_BASE_MS', 5_000, 10, 3_600_000),
      thread: { auto: availableParallelism() > 1, on: true, off: false }[oneOf(src, 'PETREL_CALLBACK_THREAD', 'auto', ['auto', 'on', 'off'] as const)],
    },
    simulator: {
      embedded: oneOf(src, 'PETREL_SIMULATOR', 'auto', ['auto', 'off'] as const),
      port: int(src, 'PETREL_SIMULATOR_PORT', 2775, 0, 65535),
      systemId: smppString(src, 'PETREL_SIMULATOR_SYSTEM_ID', 'petrel', 15),
      password: smppString(src, 'PETREL_SIMULATOR_PASSWORD', 'petrel', 8),
      idFormat: oneOf(src, 'PETREL_SIMULATOR_ID_FORMAT', 'hex', ['hex', 'decimal', 'uuid'] as const),
      receiptDelayMs: int(src, 'PETREL_SIMULATOR_RECEIPT_DELAY_MS', 100, 0, 3_600_000),
      receiptJitterMs: int(src, 'PETREL_SIMULATOR_RECEIPT_JITTER_MS', 0, 0, 3_600_000),
      rules: simulatorRules(src),
    },
  };
}
