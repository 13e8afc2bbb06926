// Management API v1: the operator's content rules (blocked words, phrases and /patterns/).

import { Type } from 'typebox';
import { Nullable } from './nullable.ts';

export const ContentRulesView = Type.Object({ rules: Type.Array(Type.String()) });
export const ContentRulesBody = Type.Object(
  { rules: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 10_000, description: 'Words or phrases (matched whole, any case) and /patterns/ (regular expressions).' }) },
  { additionalProperties: false },
);
export const ContentCheckBody = Type.Object({ text: Type.String({ maxLength: 100_000 }) }, { additionalProperties: false });
export const ContentCheckView = Type.Object({ rule: Nullable(Type.String({ description: 'The first rule the text breaks; null: none.' })) });
