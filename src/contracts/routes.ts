// Management API v1: routes (admin keys). Ordered; the first enabled route whose every filter
// matches takes the message (domain/routing.ts).

import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { MAX_TOTAL_WEIGHT } from '../domain/routing.ts';

const list = <T extends Parameters<typeof Type.Array>[0]>(item: T, description: string) => Type.Optional(Type.Array(item, { maxItems: 1000, description: `${description} Absent or empty: any.` }));

export const RouteFiltersSchema = Type.Object(
  {
    countries: list(Type.String({ pattern: '^[A-Za-z]{2}$' }), 'Recipient countries, ISO 3166-1 alpha-2.'),
    prefixes: list(Type.String({ pattern: '^\\+?[0-9]{1,15}$' }), 'Leading digits of the recipient number (E.164, `+` optional).'),
    trafficAccountIds: list(Type.Integer({ minimum: 1 }), 'Traffic accounts.'),
    senders: list(Type.String({ minLength: 1, maxLength: 16 }), 'Sender ids, case-insensitive; a trailing `*` matches a prefix.'),
    messageTypes: list(Type.Union([Type.Literal('gsm'), Type.Literal('unicode'), Type.Literal('binary'), Type.Literal('flash')]), 'gsm, unicode, binary (from the encoding) and flash.'),
  },
  { additionalProperties: false },
);

const RouteConnectorSchema = Type.Object(
  {
    connectorId: Type.Integer({ minimum: 1 }),
    weight: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_TOTAL_WEIGHT, description: 'Share of a weighted route. Default 1.' })),
  },
  { additionalProperties: false },
);

const fields = {
  name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
  position: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Routes are tried in ascending position (then by id).' }),
  enabled: Type.Boolean(),
  strategy: Type.Union([Type.Literal('static'), Type.Literal('failover'), Type.Literal('weighted')], {
    description: 'static: the first connector; failover: the first enabled, unpaused one; weighted: round-robin by weight.',
  }),
  filters: RouteFiltersSchema,
  connectors: Type.Array(RouteConnectorSchema, { minItems: 1, maxItems: 32 }),
  buyPrice: Nullable(Type.String({ pattern: '^[0-9]{1,6}(\\.[0-9]{1,6})?$' }), {
    description: 'What the operator pays per message part on this route, a decimal string ("0.0125"). Null: not recorded.',
  }),
};

export const RouteCreate = Type.Object(
  {
    name: fields.name,
    position: Type.Optional(fields.position),
    enabled: Type.Optional(Type.Boolean({ description: 'Default true.' })),
    strategy: Type.Optional(fields.strategy),
    filters: Type.Optional(fields.filters),
    connectors: fields.connectors,
    buyPrice: Type.Optional(fields.buyPrice),
  },
  { additionalProperties: false },
);
export type RouteCreate = Static<typeof RouteCreate>;

export const RoutePatch = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type RoutePatch = Static<typeof RoutePatch>;

export const RouteView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  position: Type.Integer(),
  enabled: Type.Boolean(),
  strategy: Type.String(),
  filters: RouteFiltersSchema,
  connectors: Type.Array(Type.Object({ connectorId: Type.Integer(), weight: Type.Integer() })),
  buyPrice: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type RouteView = Static<typeof RouteView>;

export const RouteParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const RouteList = Type.Object({ routes: Type.Array(RouteView) });
