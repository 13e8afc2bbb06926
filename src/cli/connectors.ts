// `petrel connectors …`: the same connectors as POST/GET/PATCH/DELETE /api/v1/connectors,
// validated by the same schema, for operators at a shell. A running Petrel picks changes up
// within two seconds.

import { readFileSync } from 'node:fs';
import { ConnectorCreate, ConnectorPatch } from '../contracts/connectors.ts';
import { CONNECTOR_DEFAULTS, type Connector, type ConnectorChanges, type ConnectorStore } from '../engine/ports.ts';

import { byIdOrName, checkOptions, CliError } from './options.ts';

export { CliError };

/** Command-line option → connector field, and how to read its text. */
const FIELDS: Record<string, [field: string, kind: 'string' | 'int' | 'bool' | 'nullable-int' | 'file']> = {
  host: ['host', 'string'],
  port: ['port', 'int'],
  'system-id': ['systemId', 'string'],
  password: ['password', 'string'],
  'system-type': ['systemType', 'string'],
  'bind-mode': ['bindMode', 'string'],
  sessions: ['sessions', 'int'],
  window: ['window', 'int'],
  throughput: ['throughput', 'int'],
  'long-messages': ['longMessageMethod', 'string'],
  latin1: ['latin1', 'bool'],
  'receipt-ids': ['receiptIdFormat', 'string'],
  'source-ton': ['sourceTon', 'nullable-int'],
  'source-npi': ['sourceNpi', 'nullable-int'],
  'dest-ton': ['destTon', 'nullable-int'],
  'dest-npi': ['destNpi', 'nullable-int'],
  'resend-unconfirmed': ['resendUnconfirmed', 'bool'],
  'any-part-delivers': ['anyPartDelivers', 'bool'],
  tls: ['tls', 'bool'],
  'tls-ca': ['tlsCa', 'file'],
  'response-timeout-ms': ['responseTimeoutMs', 'int'],
};

export const CONNECTOR_OPTIONS = Object.fromEntries(Object.keys(FIELDS).map((o) => [o, { type: 'string' as const }]));

export const CONNECTORS_USAGE = `  connectors list | show ID|NAME | remove ID|NAME
  connectors add NAME --host H --port P --system-id ID --password PW [settings] [--paused] [--disabled]
  connectors set ID|NAME [settings] | pause | resume | enable | disable ID|NAME
      settings: ${Object.keys(FIELDS)
        .filter((o) => !['host', 'port', 'system-id', 'password'].includes(o))
        .map((o) => `--${o}`)
        .join(' ')}
      (booleans take true|false; TON/NPI take a number or "auto"; --tls-ca takes a PEM file or "none")`;

function read(option: string, kind: string, text: string): unknown {
  if (kind === 'string') return text;
  if (kind === 'file') {
    if (text === 'none') return null;
    try {
      return readFileSync(text, 'utf8');
    } catch (e) {
      throw new CliError(`--${option}: cannot read ${text}: ${(e as Error).message}`);
    }
  }
  if (kind === 'bool') {
    if (text !== 'true' && text !== 'false') throw new CliError(`--${option} takes true or false`);
    return text === 'true';
  }
  if (kind === 'nullable-int' && text === 'auto') return null;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new CliError(`--${option} takes a whole number${kind === 'nullable-int' ? ' or auto' : ''}`);
  return n;
}

function settingsFrom(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [option, [field, kind]] of Object.entries(FIELDS)) {
    const text = values[option];
    if (typeof text === 'string') out[field] = read(option, kind, text);
  }
  return out;
}

function check(schema: typeof ConnectorCreate | typeof ConnectorPatch, value: object): void {
  checkOptions(schema, value, (field) => Object.entries(FIELDS).find(([, [f]]) => f === field)?.[0], 'connector');
}

const present = ({ password, ...c }: Connector) => ({ ...c, passwordSet: password.length > 0 });

const find = (store: ConnectorStore, ref: string | undefined) => byIdOrName<Connector>(store, ref, 'connector');

export async function connectorsCommand(store: ConnectorStore, sub: string | undefined, args: string[], values: Record<string, unknown>): Promise<unknown> {
  const flagChanges: Record<string, ConnectorChanges> = {
    pause: { paused: true },
    resume: { paused: false },
    enable: { enabled: true },
    disable: { enabled: false },
  };
  switch (sub) {
    case 'list':
      return (await store.list()).map(present);
    case 'show':
      return present(await find(store, args[0]));
    case 'add': {
      const body = { name: args[0], ...settingsFrom(values), ...(values.paused ? { paused: true } : {}), ...(values.disabled ? { enabled: false } : {}) };
      check(ConnectorCreate, body);
      const { name, enabled = true, paused = false, ...given } = body as ConnectorCreate;
      if (await store.findByName(name)) throw new CliError(`a connector named ${JSON.stringify(name)} exists`);
      return present(await store.create(name, { ...CONNECTOR_DEFAULTS, ...given }, { enabled, paused }, Date.now()));
    }
    case 'set':
    case 'pause':
    case 'resume':
    case 'enable':
    case 'disable': {
      const c = await find(store, args[0]);
      const changes = sub === 'set' ? settingsFrom(values) : flagChanges[sub]!;
      check(ConnectorPatch, changes);
      return present((await store.update(c.id, changes as ConnectorChanges, Date.now()))!);
    }
    case 'remove': {
      const c = await find(store, args[0]);
      await store.remove(c.id);
      return { removed: c.name };
    }
    default:
      throw new CliError('connectors takes: list | show | add | set | pause | resume | enable | disable | remove');
  }
}
