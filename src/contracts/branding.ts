// Management API v1: white-label: the platform's product name, primary colour and logo.

import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

export const BrandingView = Type.Object({
  productName: Type.String(),
  primaryColor: Type.String({ description: '#rrggbb' }),
  hasLogo: Type.Boolean({ description: 'GET /api/v1/branding/logo has it.' }),
});
export type BrandingView = Static<typeof BrandingView>;

export const BrandingPatch = Type.Object(
  {
    productName: Type.Optional(Nullable(Type.String({ maxLength: 100 }), { description: 'null: Petrel.' })),
    primaryColor: Type.Optional(Nullable(Type.String({ maxLength: 7 }), { description: '#rrggbb; null: Petrel’s.' })),
    logo: Type.Optional(Nullable(Type.String({ maxLength: 360_000 }), { description: 'A data: URL of a PNG, JPEG or WebP of at most 256 kB; null: Petrel’s.' })),
  },
  { additionalProperties: false },
);
