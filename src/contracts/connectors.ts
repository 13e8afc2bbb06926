// Management API v1: SMSC connectors (admin keys). camelCase; the password is write-only.

import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

// No `default` keywords here: the validator would fill them into a PATCH and undo settings
// the client did not send. Creation applies CONNECTOR_DEFAULTS (engine/ports.ts) instead.
const settings = {
  host: Type.String({ minLength: 1, maxLength: 255 }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  systemId: Type.String({ minLength: 1, maxLength: 15, description: 'SMPP system_id (at most 15 octets).' }),
  password: Type.String({ maxLength: 8, description: 'SMPP password (at most 8 octets); never returned.' }),
  systemType: Type.Optional(Type.String({ maxLength: 12, description: "Default ''." })),
  bindMode: Type.Optional(Type.Union([Type.Literal('transceiver'), Type.Literal('transmitter_receiver')], { description: 'Default transceiver.' })),
  sessions: Type.Optional(Type.Integer({ minimum: 1, maximum: 32, description: 'SMPP sessions (binds) to open. Default 1.' })),
  window: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Outstanding submit_sm per session. Default 10.' })),
  throughput: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, description: 'Messages per second across all sessions; 0 = unthrottled (default).' })),
  longMessageMethod: Type.Optional(Type.Union([Type.Literal('udh8'), Type.Literal('udh16'), Type.Literal('sar'), Type.Literal('payload')], { description: 'Default udh8.' })),
  latin1: Type.Optional(Type.Boolean({ description: 'Send data_coding 3 (Latin-1) when the text fits it. Default false.' })),
  receiptIdFormat: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('hex'), Type.Literal('decimal')], { description: 'How receipts write message ids; narrows matching. Default auto.' })),
  statusMap: Type.Optional(
    Type.Record(Type.String({ pattern: '^(0x[0-9A-Fa-f]{1,8}|[0-9]{1,10})$' }), Type.Union([Type.Literal('throttled'), Type.Literal('temporary'), Type.Literal('permanent')]), {
      description: 'command_status ("0x45" or 69) → throttled | temporary | permanent, over the defaults. Default {}.',
    }),
  ),
  sourceTon: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 6 }), { description: 'Default null: from the sender (alphanumeric 5, international 1, short code 3).' })),
  sourceNpi: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 18 }), { description: 'Default null: from the sender.' })),
  destTon: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 6 }), { description: 'Default null: 1 (international).' })),
  destNpi: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 18 }), { description: 'Default null: 1 (E.164).' })),
  resendUnconfirmed: Type.Optional(Type.Boolean({ description: 'Resend parts that were on the wire when a connection or Petrel died (may duplicate an SMS). Default false: they become unknown.' })),
  anyPartDelivers: Type.Optional(Type.Boolean({ description: 'The carrier reports only one part of a long message: one delivered part delivers it. Default false.' })),
  tls: Type.Optional(Type.Boolean({ description: 'Connect with TLS. Default false.' })),
  tlsCa: Type.Optional(
    Nullable(Type.String({ maxLength: 65536, pattern: '-----BEGIN CERTIFICATE-----' }), {
      description: "PEM of a private CA to check the SMSC's certificate against. Default null: the system's CAs.",
    }),
  ),
  responseTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000, description: 'How long a submit_sm waits for its response. Default 10000.' })),
};
const NAME = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });

export const ConnectorCreate = Type.Object(
  { name: NAME, ...settings, enabled: Type.Optional(Type.Boolean({ description: 'Default true.' })), paused: Type.Optional(Type.Boolean({ description: 'Default false.' })) },
  { additionalProperties: false },
);
export type ConnectorCreate = Static<typeof ConnectorCreate>;

export const ConnectorPatch = Type.Partial(Type.Object({ name: NAME, ...settings, enabled: Type.Boolean(), paused: Type.Boolean() }), {
  additionalProperties: false,
  minProperties: 1,
});
export type ConnectorPatch = Static<typeof ConnectorPatch>;

export const ConnectorLive = Type.Object(
  {
    sessions: Type.Integer({ description: 'SMPP sessions the connector keeps.' }),
    bound: Type.Integer({ description: 'Sessions bound now.' }),
    inFlight: Type.Integer({ description: 'submit_sm awaiting their response.' }),
    queued: Type.Integer({ description: 'Messages waiting in the queue for this connector.' }),
    held: Type.Integer({ description: 'Messages claimed by the lane, not yet sent.' }),
    paused: Type.Boolean(),
    lastError: Type.Union([Type.String(), Type.Null()]),
    lastErrorAt: Type.Union([Type.String(), Type.Null()]),
    reconnects: Type.Integer(),
    counters: Type.Record(Type.String(), Type.Integer(), { description: 'Since the lane started: claimed, submitted, failed, unknown, expired, receipts, parked, orphans, throttled.' }),
  },
  { description: 'The running lane; null when no worker in this process runs one (disabled, or API-only process).' },
);

export const ConnectorView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  systemId: Type.String(),
  systemType: Type.String(),
  bindMode: Type.String(),
  sessions: Type.Integer(),
  window: Type.Integer(),
  throughput: Type.Integer(),
  longMessageMethod: Type.String(),
  latin1: Type.Boolean(),
  receiptIdFormat: Type.String(),
  statusMap: Type.Record(Type.String(), Type.String()),
  sourceTon: Type.Union([Type.Integer(), Type.Null()]),
  sourceNpi: Type.Union([Type.Integer(), Type.Null()]),
  destTon: Type.Union([Type.Integer(), Type.Null()]),
  destNpi: Type.Union([Type.Integer(), Type.Null()]),
  resendUnconfirmed: Type.Boolean(),
  anyPartDelivers: Type.Boolean(),
  tls: Type.Boolean(),
  tlsCa: Type.Union([Type.String(), Type.Null()]),
  responseTimeoutMs: Type.Integer(),
  passwordSet: Type.Boolean(),
  enabled: Type.Boolean(),
  paused: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  live: Type.Optional(Type.Union([ConnectorLive, Type.Null()])),
});
export type ConnectorView = Static<typeof ConnectorView>;

export const ConnectorParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ConnectorList = Type.Object({ connectors: Type.Array(ConnectorView) });
