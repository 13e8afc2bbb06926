// Management API v1: inbound messages, the numbers they arrive on, the blacklist and the
// opt-out / opt-in keywords. camelCase throughout.

import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { MAX_KEYWORD_LENGTH, MAX_KEYWORDS } from '../domain/opt-out.ts';

export const ForwardAttempt = Type.Object({
  at: Type.String(),
  url: Type.String(),
  statusCode: Nullable(Type.Integer(), { description: "The receiver's HTTP status; null when none came." }),
  latencyMs: Type.Integer(),
  error: Nullable(Type.String()),
});

export const InboundView = Type.Object({
  id: Type.String(),
  from: Type.String({ description: 'The sender: E.164 with + for phone numbers.' }),
  to: Type.String({ description: 'Your number or short code it was sent to.' }),
  text: Type.String({ description: 'The whole text (a long message once every part came in).' }),
  encoding: Type.String(),
  parts: Type.Integer(),
  status: Type.Union([Type.Literal('RECEIVED'), Type.Literal('OPTOUT'), Type.Literal('OPTIN')], {
    description: 'OPTOUT: an opt-out keyword put the sender on the blacklist; OPTIN: an opt-in keyword took it off.',
  }),
  trafficAccount: Nullable(Type.String(), { description: 'The traffic account of the number; null when no traffic account has it.' }),
  receivedAt: Type.String(),
  forwards: Type.Optional(Type.Array(ForwardAttempt, { description: "Each POST to the traffic account's inbound URL, oldest first (GET by id only)." })),
});
export type InboundView = Static<typeof InboundView>;

export const InboundListQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'Received at or after: YYYY-MM-DD or ISO 8601 (UTC).' })),
  to: Type.Optional(Type.String({ description: 'Received before: YYYY-MM-DD (the whole day is included) or ISO 8601.' })),
  sender: Type.Optional(Type.String({ maxLength: 32 })),
  recipient: Type.Optional(Type.String({ maxLength: 32, description: 'Your number or short code.' })),
  unassigned: Type.Optional(Type.Boolean({ description: 'Admin keys: messages to numbers no traffic account has.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ description: 'nextCursor of the previous page.' })),
});

export const InboundList = Type.Object({ messages: Type.Array(InboundView), nextCursor: Nullable(Type.String()) });

export const NumberView = Type.Object({
  number: Type.String(),
  account: Type.String(),
  trafficAccount: Type.String(),
  createdAt: Type.String(),
});

export const NumberCreate = Type.Object(
  {
    number: Type.String({
      maxLength: 21,
      pattern: '^(\\*|\\+?[0-9A-Za-z]{3,20})$',
      description: 'A long number (E.164) or a short code; `*` takes every number no traffic account has (the catch-all).',
    }),
    account: Type.Optional(Type.String({ minLength: 1, description: "The account it belongs to; default: the caller's." })),
    trafficAccount: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type NumberCreate = Static<typeof NumberCreate>;

export const NumberList = Type.Object({ numbers: Type.Array(NumberView) });
export const NumberParams = Type.Object({ number: Type.String({ maxLength: 32 }) });

export const BlacklistSourceSchema = Type.Union([Type.Literal('keyword'), Type.Literal('api'), Type.Literal('cli')]);

export const BlacklistView = Type.Object({
  number: Type.String({ description: 'E.164 with +.' }),
  source: BlacklistSourceSchema,
  reason: Nullable(Type.String(), { description: 'The opt-out message, or why the number was added.' }),
  inboundId: Nullable(Type.String(), { description: 'The inbound message that opted the number out.' }),
  createdAt: Type.String(),
});
export type BlacklistView = Static<typeof BlacklistView>;

export const BlacklistCreate = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 32, description: 'A phone number, E.164 (the + may be left out).' }),
    reason: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);

export const BlacklistQuery = Type.Object({
  source: Type.Optional(BlacklistSourceSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ description: 'nextCursor of the previous page.' })),
});

export const BlacklistList = Type.Object({ entries: Type.Array(BlacklistView), nextCursor: Nullable(Type.String()) });
export const BlacklistParams = Type.Object({ number: Type.String({ maxLength: 32 }) });

const Keyword = Type.String({ minLength: 1, maxLength: MAX_KEYWORD_LENGTH });
export const Keywords = Type.Object(
  {
    optOut: Type.Array(Keyword, { maxItems: MAX_KEYWORDS, description: 'A message that is one of these (trimmed, any case) opts its sender out.' }),
    optIn: Type.Array(Keyword, { maxItems: MAX_KEYWORDS, description: 'A message that is one of these opts its sender back in.' }),
  },
  { additionalProperties: false },
);
export type Keywords = Static<typeof Keywords>;
export const KeywordsView = Type.Object({ ...Keywords.properties, defaults: Type.Boolean({ description: 'true: the account uses the default lists.' }) });
