// The API's TypeBox schemas validate what the CLI builds from options, so a shell and an HTTP
// client are held to the same rules; the first complaint is named by its option.

import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

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
