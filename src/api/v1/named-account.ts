// `?account=NAME`: the operator may work in another account; anyone else naming one other than
// their own is refused (403), and an unknown name is a 404.

import { ForbiddenError } from '../../domain/errors.ts';
import { allows, neededKey } from '../../domain/scopes.ts';
import type { Caller } from '../caller.ts';
import type { Tenancy } from '../../gateway/tenancy.ts';

/** The id of the account the request names, or null when it names none (or its own). */
export async function namedAccount(tenancy: Tenancy, p: Caller, name: string | undefined): Promise<number | null> {
  if (name === undefined || name === p.accountName) return name === undefined ? null : p.accountId;
  if (!allows(p.role, 'operator')) throw new ForbiddenError(`another account is reached with ${neededKey('operator')}`);
  return tenancy.accountIdOf(name);
}
