// A text search as SQL: `column` contains `text`, in any case of the text, with LIKE's own
// characters (% _ \) taken literally on both dialects (SQLite has no default ESCAPE, so it is
// always written out).

import { type RawBuilder, sql } from 'kysely';

const pattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `lowerColumn` true lowers the column in SQL (ASCII only on SQLite); false for a column kept
 * lower-cased by JavaScript, which lowers every script.
 */
export function contains(column: string, text: string, lowerColumn: boolean): RawBuilder<boolean> {
  const target = lowerColumn ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  return sql<boolean>`${target} LIKE ${pattern(text)} ESCAPE '\\'`;
}
