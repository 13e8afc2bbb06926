// What the CLI's admin verbs share: the API's TypeBox schemas validate what they build from
// options (a shell and an HTTP client are held to the same rules; the first complaint is named
// by its option), and records are named by id or name.

import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ValidationError } from '../domain/errors.ts';

export class CliError extends Error {}

/** Throws CliError for the schema's first complaint; `optionOf` names a field's option. */
export function checkOptions(schema: TSchema, value: object, optionOf: (field: string) => string | undefined, what: string): void {
  const first = [...Value.Errors(schema, value)].find((e) => e.keyword !== 'boolean');
  if (!first) return;
  const path = first.instancePath.slice(1);
  const field = path.split('/')[0] || String((first.params as { additionalProperties?: string[] }).additionalProperties?.[0] ?? '');
  const option = optionOf(field) ?? optionOf(path);
  throw new CliError(`${option ? `--${option}` : path || field || what}: ${first.message}`);
}

/**
 * Runs `fn`; a ValidationError it throws (one of the API's rules) becomes a CliError named by
 * the option (or argument) that carried the field, instead of the API's field name.
 */
export async function asOptions<T>(fn: () => Promise<T> | T, optionOf: (field: string) => string | undefined): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const said = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message.startsWith(`${e.field} `) ? e.message.slice(e.field.length + 1) : e.message;
    throw new CliError(`${optionOf(e.field) ?? e.field}: ${said}`);
  }
}

/** The record `ref` names: digits are an id, anything else a name. */
export async function byIdOrName<T>(store: { get(id: number): Promise<T | null>; findByName(name: string): Promise<T | null> }, ref: string | undefined, what: string): Promise<T> {
  if (!ref) throw new CliError(`name the ${what} by ID or NAME`);
  const found = /^\d+$/.test(ref) ? await store.get(Number(ref)) : await store.findByName(ref);
  if (!found) throw new CliError(`no ${what} ${JSON.stringify(ref)}`);
  return found;
}
