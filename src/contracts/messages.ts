// Management API v1: message preview, lookup and listing. camelCase throughout.

import { Type, type Static } from 'typebox';
import { MESSAGE_STATES, type MessageState as State } from '../domain/message-state.ts';

export const PreviewRequest = Type.Object(
  {
    text: Type.String(),
    type: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('gsm'), Type.Literal('unicode'), Type.Literal('binary')])),
  },
  { additionalProperties: false },
);
export type PreviewRequest = Static<typeof PreviewRequest>;

const PartSchema = Type.Object({ units: Type.Integer(), text: Type.String() });

export const PreviewResponse = Type.Object({
  encoding: Type.String({ description: 'GSM-7, UCS-2 or binary' }),
  characters: Type.Integer(),
  units: Type.Integer({ description: 'Septets, UTF-16 units or octets' }),
  segments: Type.Integer(),
  parts: Type.Array(PartSchema),
  nonGsmCharacters: Type.Array(Type.String()),
});
export type PreviewResponse = Static<typeof PreviewResponse>;

export const MessageState = Type.Unsafe<State>(Type.String({ enum: [...MESSAGE_STATES], description: 'See DESIGN.md message states' }));

const SentPartSchema = Type.Object({
  seq: Type.Integer(),
  total: Type.Integer(),
  state: Type.String({ description: 'submitted, delivered, undelivered, expired, rejected, unknown or failed' }),
  smscId: Type.Union([Type.String(), Type.Null()], { description: "The SMSC's message id (lower case, no leading zeros)." }),
  submitStatus: Type.Union([Type.Integer(), Type.Null()], { description: 'submit_sm_resp command_status.' }),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  receiptStat: Type.Union([Type.String(), Type.Null()], { description: 'The receipt stat: DELIVRD, UNDELIV, …' }),
  receiptError: Type.Union([Type.String(), Type.Null()], { description: 'The receipt err: as sent.' }),
  network: Type.Union([Type.String(), Type.Null()], { description: 'MCC-MNC when the receipt carries it.' }),
  doneAt: Type.Union([Type.String(), Type.Null()], { description: 'The receipt done date.' }),
  receiptAt: Type.Union([Type.String(), Type.Null()], { description: 'When Petrel received the receipt.' }),
});

export const Delivery = Type.Object(
  {
    routeId: Type.Union([Type.Integer(), Type.Null()], { description: "The route that chose its connector; null when no routes are configured, and for any key but the operator's." }),
    connectorId: Type.Union([Type.Integer(), Type.Null()], { description: "The connector its route chose, or that sent it (0: the embedded simulator); null for any key but the operator's." }),
    submittedAt: Type.Union([Type.String(), Type.Null()]),
    doneAt: Type.Union([Type.String(), Type.Null()], { description: 'When it reached its final state.' }),
    errorCode: Type.Union([Type.Integer(), Type.Null()]),
    errorReason: Type.Union([Type.String(), Type.Null()]),
    sent: Type.Array(SentPartSchema, { description: 'Each submit_sm, its SMSC id and its receipt.' }),
    callbacks: Type.Array(
      Type.Object({
        at: Type.String(),
        url: Type.String({ description: 'As requested (a GET with its placeholders filled in).' }),
        statusCode: Type.Union([Type.Integer(), Type.Null()], { description: "The receiver's HTTP status; null when none came." }),
        latencyMs: Type.Integer(),
        error: Type.Union([Type.String(), Type.Null()], { description: 'timeout, refused (a private address), connection errors, or the failing HTTP status.' }),
      }),
      { description: 'Each delivery-report callback attempt, oldest first.' },
    ),
  },
  { description: 'The timeline: how the message went out and what the carrier reported (GET by id only).' },
);
export type Delivery = Static<typeof Delivery>;

export const Message = Type.Object({
  id: Type.String(),
  state: MessageState,
  category: Type.Union([Type.Literal('delivered'), Type.Literal('pending'), Type.Literal('temporary_error'), Type.Literal('permanent_error'), Type.Literal('unsubscribed'), Type.Null()], {
    description: 'The report category (state and error code): delivered, pending, temporary_error (the number stays valid), permanent_error, unsubscribed; null for test messages.',
  }),
  trafficAccount: Type.String(),
  from: Type.String(),
  to: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  type: Type.String(),
  encoding: Type.String(),
  characters: Type.Integer(),
  units: Type.Integer(),
  segments: Type.Integer(),
  parts: Type.Array(PartSchema),
  udh: Type.Union([Type.String(), Type.Null()]),
  price: Type.Union([Type.String(), Type.Null()], { description: 'Total for all parts, six decimals; null when unpriced.' }),
  currency: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()]),
  callbackUrl: Type.Union([Type.String(), Type.Null()]),
  validityMinutes: Type.Integer(),
  pid: Type.Union([Type.Integer(), Type.Null()]),
  flash: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  expiresAt: Type.String(),
  convertedAt: Type.Union([Type.String(), Type.Null()]),
  delivery: Type.Optional(Delivery),
});
export type Message = Static<typeof Message>;

export const MessageParams = Type.Object({ id: Type.String() });

export const MessageListQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'Created at or after: YYYY-MM-DD or ISO 8601 (UTC).' })),
  to: Type.Optional(Type.String({ description: 'Created before: YYYY-MM-DD (the whole day is included) or ISO 8601.' })),
  recipient: Type.Optional(Type.String({ description: 'E.164 number.' })),
  state: Type.Optional(MessageState),
  reference: Type.Optional(Type.String()),
  trafficAccount: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ description: 'nextCursor of the previous page.' })),
});
export type MessageListQuery = Static<typeof MessageListQuery>;

export const MessageList = Type.Object({
  messages: Type.Array(Message),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ApiError = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  code: Type.Optional(Type.String({ description: 'What went wrong by name (email_taken, code_wrong, field_too_long, …), for clients that say it in their own words; the message is English.' })),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), { description: "The code's details, such as field, limit or minutes." })),
});
