// Personalised messages (seed: Create Campaign, Personalize): `{placeholder}` in a message is
// replaced per recipient by a field of their contact: the list column the campaign maps the
// placeholder to, else the column of that name. A field that is empty or missing takes the
// placeholder's fallback (the person may set one), else nothing, and is reported as missing so
// that the preview shows it.

/** `{first_name}`: a letter, then letters, digits and _ (the rule of list placeholders). */
const IN_TEXT = /\{([A-Za-z][A-Za-z0-9_]{0,29})\}/g;

export interface Personalization {
  /** Placeholder → the list column that fills it (names compared in any case). */
  columns: Readonly<Record<string, string>>;
  /** Placeholder → the text used when the recipient's field is empty. */
  fallbacks: Readonly<Record<string, string>>;
}

export const NO_PERSONALIZATION: Personalization = { columns: {}, fallbacks: {} };

/** The placeholders a message uses, once each, in order of first use, as written. */
export function placeholdersIn(text: string): string[] {
  const seen = new Map<string, string>();
  for (const m of text.matchAll(IN_TEXT)) if (!seen.has(m[1]!.toLowerCase())) seen.set(m[1]!.toLowerCase(), m[1]!);
  return [...seen.values()];
}

const lookup = (record: Readonly<Record<string, string>>, key: string): string | undefined => {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(record)) if (k.toLowerCase() === lower) return v;
  return undefined;
};

/** The column a placeholder reads: its mapping, else the column of its own name. */
export function columnOf(placeholder: string, p: Personalization): string {
  return lookup(p.columns, placeholder) ?? placeholder;
}

/** The message for one recipient, and the placeholders that found no value. */
export function render(text: string, fields: Readonly<Record<string, string>>, p: Personalization): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(IN_TEXT, (_whole, name: string) => {
    const value = lookup(fields, columnOf(name, p));
    if (value) return value;
    if (!missing.some((m) => m.toLowerCase() === name.toLowerCase())) missing.push(name);
    return lookup(p.fallbacks, name) ?? '';
  });
  return { text: out, missing };
}

/**
 * The placeholders of a message that no list column can fill and that have no fallback: a
 * campaign with one is refused at launch (a typo would send "Hello ," to everyone).
 */
export function unknownPlaceholders(text: string, columns: readonly string[], p: Personalization): string[] {
  const have = new Set(columns.map((c) => c.toLowerCase()));
  return placeholdersIn(text).filter((name) => !have.has(columnOf(name, p).toLowerCase()) && lookup(p.fallbacks, name) === undefined);
}
