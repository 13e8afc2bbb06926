// Management API v1: traffic accounts (delivery settings, credit), usage and margin.

import { Type, type Static } from 'typebox';
import { MAX_WEBHOOK_URL } from '../domain/webhook-url.ts';
import { Nullable } from './nullable.ts';

const Amount = Type.String({ pattern: '^[0-9]{1,12}(\\.[0-9]{1,6})?$', description: 'A decimal amount of the account currency ("100", "99.50").' });

export const TrafficAccountView = Type.Object({
  id: Type.Integer({ description: 'What a campaign names it by (trafficAccountId).' }),
  name: Type.String(),
  displayName: Type.String(),
  type: Type.String(),
  status: Type.String(),
  defaultSender: Nullable(Type.String()),
  currency: Type.String(),
  callbackUrl: Nullable(Type.String(), { description: 'Where delivery reports go, unless a message names its own.' }),
  callbackMethod: Type.Union([Type.Literal('GET'), Type.Literal('POST')]),
  callbackTemplate: Type.Optional(Nullable(Type.String(), { description: 'The POST body template; null: the default JSON.' })),
  callbackSecret: Type.Optional(Type.String({ description: 'The HMAC-SHA256 key of the X-Petrel-Signature header (admin keys only).' })),
  inboundUrl: Nullable(Type.String(), { description: 'Where inbound messages to its numbers are forwarded (signed JSON POST).' }),
  conversionTracking: Type.Boolean(),
  creditLimit: Nullable(Type.String(), { description: 'The most its charges may reach; null: no limit.' }),
  creditUsed: Type.String({ description: 'What it has been charged since its credit was last reset (counted while a limit is set).' }),
});
export type TrafficAccountView = Static<typeof TrafficAccountView>;

/** An account as the operator lists them (GET /api/v1/accounts). */
export const AccountView = Type.Object({
  name: Type.String(),
  trafficAccounts: Type.Integer({ description: 'How many traffic accounts it has.' }),
  users: Type.Integer({ description: 'How many people (any status).' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AccountView = Static<typeof AccountView>;
export const AccountList = Type.Object({ accounts: Type.Array(AccountView) });

export const TrafficAccountList = Type.Object({ trafficAccounts: Type.Array(TrafficAccountView) });
export const TrafficAccountParams = Type.Object({ name: Type.String({ maxLength: 64 }) });

/** The operator may name another account; everyone else works in their own. */
export const AccountQuery = Type.Object({ account: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "Another account's name (the operator's key only)." })) });
export type AccountQuery = Static<typeof AccountQuery>;

export const TrafficAccountPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The name its users see.' })),
    callbackUrl: Type.Optional(Nullable(Type.String({ maxLength: MAX_WEBHOOK_URL }))),
    callbackMethod: Type.Optional(Type.Union([Type.Literal('GET'), Type.Literal('POST')])),
    callbackTemplate: Type.Optional(Nullable(Type.String({ maxLength: 4096 }))),
    inboundUrl: Type.Optional(Nullable(Type.String({ maxLength: MAX_WEBHOOK_URL }))),
    creditLimit: Type.Optional(Nullable(Amount)),
    resetCredit: Type.Optional(Type.Boolean({ description: 'Credit used back to zero.' })),
    rotateSecret: Type.Optional(Type.Boolean({ description: 'A new signing secret; the old one stops at once.' })),
  },
  { additionalProperties: false },
);
export type TrafficAccountPatch = Static<typeof TrafficAccountPatch>;

export const RangeQuery = Type.Object({
  from: Type.String({ description: 'Created at or after: YYYY-MM-DD or ISO 8601 (UTC).' }),
  to: Type.String({ description: 'Created before: YYYY-MM-DD (the whole day is included) or ISO 8601.' }),
});

export const UsageRow = Type.Object({
  trafficAccount: Type.String(),
  currency: Type.String(),
  messages: Type.Integer({ description: 'Messages sent (reached a carrier).' }),
  parts: Type.Integer(),
  delivered: Type.Integer(),
  converted: Type.Integer({ description: 'Delivered messages recorded as converted (POST /sms/converted).' }),
  conversionRate: Nullable(Type.Number(), { description: 'converted / delivered; null with nothing delivered.' }),
  cost: Type.String({ description: 'Sell price of what was sent, six decimals.' }),
});
export const UsageResponse = Type.Object({ usage: Type.Array(UsageRow) });

export const MarginQuery = Type.Object({
  ...RangeQuery.properties,
  by: Type.Optional(Type.Union([Type.Literal('connector'), Type.Literal('trafficAccount')], { default: 'connector' })),
});
export const MarginRow = Type.Object({
  connectorId: Type.Optional(Nullable(Type.Integer())),
  account: Type.Optional(Type.String()),
  trafficAccount: Type.Optional(Type.String()),
  currency: Type.String(),
  messages: Type.Integer(),
  parts: Type.Integer(),
  sell: Type.String({ description: 'What customers were charged.' }),
  buy: Type.String({ description: 'What the routes cost (buy prices).' }),
  margin: Type.String({ description: 'sell − buy.' }),
});
export const MarginResponse = Type.Object({ margin: Type.Array(MarginRow) });
