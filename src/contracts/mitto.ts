// Schemas of the Mitto-compatible API. They document the contract (OpenAPI at /docs) and
// compile the response serializers. Request decoding is done by api/mitto/decode.ts because
// the same fields arrive as JSON, form fields, query parameters or XML.

import { Type, type Static } from 'typebox';

export const SmsRequest = Type.Object(
  {
    from: Type.Optional(Type.String({ description: "Sender: alphanumeric 3–11 characters or numeric 3–14 digits. Defaults to the traffic account's default sender." })),
    to: Type.String({ description: 'Recipient in E.164, with or without + (or a 00 prefix).' }),
    text: Type.String({ description: 'Message text. For type binary: hex octets.' }),
    type: Type.Optional(Type.String({ description: 'auto (default), gsm, unicode or binary; case-insensitive.' })),
    test: Type.Optional(Type.Boolean({ description: 'Validate and price, store as state test, never send or charge.' })),
    reference: Type.Optional(Type.String({ maxLength: 255, description: 'Your tag, returned in callbacks.' })),
    callback: Type.Optional(Type.String({ description: "Delivery-report URL for this message, overriding the account's." })),
    udh: Type.Optional(Type.String({ description: 'User data header as hex; the first octet is its length.' })),
    validity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10080, default: 2880, description: 'Minutes the message may wait for delivery.' })),
    pid: Type.Optional(Type.Integer({ minimum: 0, maximum: 255, description: 'SMPP protocol identifier.' })),
    flash: Type.Optional(Type.Boolean({ description: 'Flash SMS (message class 0).' })),
  },
  { additionalProperties: true },
);

export const SmsBulkRequest = Type.Object(
  {
    ...SmsRequest.properties,
    to: Type.Union([Type.String({ description: 'Comma-separated recipients.' }), Type.Array(Type.String())]),
  },
  { additionalProperties: true },
);

export const SmsResponse = Type.Object({
  id: Type.String(),
  timestamp: Type.String(),
  to: Type.String(),
  responseCode: Type.Integer(),
  textLength: Type.Integer(),
  responseText: Type.String(),
  test: Type.Optional(Type.Boolean()),
});
export type SmsResponse = Static<typeof SmsResponse>;

export const SmsBulkResponse = Type.Object({
  responseCode: Type.Integer(),
  responseText: Type.String(),
  test: Type.Optional(Type.Boolean()),
  messages: Type.Array(Type.Object({ id: Type.String(), timestamp: Type.String(), to: Type.String(), textLength: Type.Integer() })),
});
export type SmsBulkResponse = Static<typeof SmsBulkResponse>;

export const MittoError = Type.Object({
  responseCode: Type.Integer({ description: '1 internal error, 2–8 as Mitto documents them, 9 any other invalid request (Petrel).' }),
  responseText: Type.String(),
  message: Type.String({ description: 'What is wrong, naming the field.' }),
  field: Type.Optional(Type.String()),
  invalid: Type.Optional(
    Type.Array(Type.Object({ index: Type.Integer(), value: Type.String(), reason: Type.String() }), {
      description: 'For bulk requests: every recipient that failed validation.',
    }),
  ),
});
export type MittoError = Static<typeof MittoError>;

export const UsageRequest = Type.Object({
  startDate: Type.String({ description: 'YYYY-MM-DD (UTC), inclusive.' }),
  endDate: Type.String({ description: 'YYYY-MM-DD (UTC), inclusive.' }),
  accountName: Type.Optional(Type.String({ description: "Traffic account; all of the caller's when omitted." })),
});

export const UsageResponse = Type.Object({
  usagesByCountry: Type.Array(
    Type.Object({
      country: Type.String({ description: 'ISO 3166-1 alpha-3; XXX for non-geographic numbers.' }),
      messagesCount: Type.String({ description: 'SMS parts charged.' }),
      cost: Type.String({ description: 'In the traffic account currency, six decimals.' }),
    }),
  ),
});
export type UsageResponse = Static<typeof UsageResponse>;

export const ConversionRequest = Type.Object({ messageId: Type.String() });
export const ConversionResponse = Type.Object({ responseCode: Type.Integer(), responseText: Type.String(), messageId: Type.String() });
