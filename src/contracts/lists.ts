// Management API v1: distribution lists (seed: Distribution Lists, Create Distribution List,
// Define placeholders), their contacts, and imports from a file or pasted text.

import { type Static, Type } from 'typebox';
import { LIST_NAME_MAX, MAX_COLUMNS, PLACEHOLDER_MAX, SEPARATORS } from '../domain/contacts.ts';
import { Nullable } from './nullable.ts';

export const ListView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  placeholders: Type.Array(Type.String(), { description: 'The names its contacts’ fields go by (the phone column’s among them).' }),
  contacts: Type.Integer({ description: 'Contacts in the list (the seed’s rows).' }),
  recipients: Type.Integer({ description: 'Contacts whose number is not on the account’s blacklist.' }),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ListView = Static<typeof ListView>;

const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  perPage: Type.Optional(Type.Union([Type.Literal(10), Type.Literal(15), Type.Literal(25), Type.Literal(50), Type.Literal(100)], { default: 15 })),
};

export const ListQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: LIST_NAME_MAX, description: 'The seed’s search: an exact match on the name, any case.' })),
  ...Paging,
});
export type ListQuery = Static<typeof ListQuery>;

export const ListPage = Type.Object({ lists: Type.Array(ListView), total: Type.Integer() });
export const ListName = Type.Object({ name: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export type ListName = Static<typeof ListName>;
export const ListParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

export const ContactView = Type.Object({
  id: Type.Integer(),
  phone: Type.String({ description: 'E.164' }),
  country: Nullable(Type.String()),
  fields: Type.Record(Type.String(), Type.String()),
  createdAt: Type.String(),
});
export type ContactView = Static<typeof ContactView>;

export const ContactQuery = Type.Object({ search: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the number or of any field, any case.' })), ...Paging });
export type ContactQuery = Static<typeof ContactQuery>;
export const ContactPage = Type.Object({ contacts: Type.Array(ContactView), total: Type.Integer() });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2: the country of numbers written without their country code.' });
export const NewContactBody = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 64 }),
    fields: Type.Optional(Type.Record(Type.String({ maxLength: PLACEHOLDER_MAX }), Type.String({ maxLength: 500 }), { maxProperties: MAX_COLUMNS })),
    defaultCountry: Type.Optional(Nullable(Country)),
  },
  { additionalProperties: false },
);
export type NewContactBody = Static<typeof NewContactBody>;
export const ContactParams = Type.Object({ id: ListParams.properties.id, contactId: ListParams.properties.id });

const Separator = Type.Union(
  SEPARATORS.map((s) => Type.Literal(s)),
  { description: 'comma, semicolon, space, tab or pipe' },
);

export const ImportView = Type.Object({
  id: Type.Integer(),
  listId: Type.Integer(),
  source: Type.String({ description: 'csv, xlsx or text (pasted)' }),
  fileName: Nullable(Type.String()),
  bytes: Type.Integer(),
  separator: Nullable(Type.String()),
  header: Type.Boolean(),
  placeholders: Nullable(Type.Array(Type.String())),
  phoneColumn: Nullable(Type.Integer()),
  defaultCountry: Nullable(Type.String()),
  status: Type.String({ description: 'uploaded (waiting for its placeholders), queued, running, finished, failed' }),
  rowsRead: Type.Integer(),
  imported: Type.Integer(),
  duplicates: Type.Integer({ description: 'Rows whose number was in the list already: merged into it, its first values kept.' }),
  rejected: Type.Integer(),
  error: Nullable(Type.String()),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});
export type ImportView = Static<typeof ImportView>;

export const PreviewView = Type.Object({
  rows: Type.Array(Type.Array(Type.String()), { description: 'The first rows as read.' }),
  separator: Nullable(Type.String()),
  columns: Type.Integer(),
  phoneColumn: Type.Integer({ description: 'The column guessed to hold the numbers (0-based).' }),
  header: Type.Boolean({ description: 'Whether the first row looks like a header.' }),
  placeholders: Type.Array(Type.String(), { description: 'Suggested placeholder names, one per column.' }),
});
export const UploadedImport = Type.Object({ import: ImportView, preview: PreviewView });

export const UploadQuery = Type.Object({
  fileName: Type.Optional(Type.String({ maxLength: 200 })),
  separator: Type.Optional(Separator),
});
export type UploadQuery = Static<typeof UploadQuery>;

export const PastedText = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 1_000_000, description: 'At most 2,000 contacts, one per line.' }),
    separator: Separator,
  },
  { additionalProperties: false },
);
export type PastedText = Static<typeof PastedText>;

export const ImportParams = Type.Object({ id: ListParams.properties.id, importId: ListParams.properties.id });
export const ImportStart = Type.Object(
  {
    placeholders: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: MAX_COLUMNS, description: 'A placeholder name per column.' }),
    phoneColumn: Type.Integer({ minimum: 0, maximum: MAX_COLUMNS - 1, description: 'The column with the numbers (0-based).' }),
    header: Type.Boolean({ description: 'The first row is a header, not a contact.' }),
    defaultCountry: Nullable(Country),
  },
  { additionalProperties: false },
);
export type ImportStart = Static<typeof ImportStart>;
