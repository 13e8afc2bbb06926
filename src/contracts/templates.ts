// Management API v1: message templates (seed: Templates).

import { type Static, Type } from 'typebox';
import { Nullable } from './nullable.ts';

export const TemplateView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  text: Type.String({ description: 'The message, placeholders as written.' }),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type TemplateView = Static<typeof TemplateView>;

export const TemplateQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name or the message, any case.' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  perPage: Type.Optional(Type.Union([Type.Literal(10), Type.Literal(15), Type.Literal(25), Type.Literal(50), Type.Literal(100)], { default: 15 })),
});
export type TemplateQuery = Static<typeof TemplateQuery>;
export const TemplatePage = Type.Object({ templates: Type.Array(TemplateView), total: Type.Integer() });
// Lengths are checked by the domain rule, which says them in words; the schema only bounds the body.
export const NewTemplate = Type.Object({ name: Type.String({ maxLength: 1000 }), text: Type.String({ maxLength: 100_000 }) }, { additionalProperties: false });
export type NewTemplate = Static<typeof NewTemplate>;
export const TemplatePatch = Type.Object({ name: Type.Optional(Type.String({ maxLength: 1000 })), text: Type.Optional(Type.String({ maxLength: 100_000 })) }, { additionalProperties: false });
export type TemplatePatch = Static<typeof TemplatePatch>;
export const TemplateParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
