// Who calls the management API (DESIGN D12): an API key's principal or a signed-in person.
// Both resolve to one caller with an account and a role, so a route checks one thing. The
// Mitto paths take only API keys: a cookie must not be able to send messages from another site.

import { wholeAccount, type DataScope, type KeyRole } from '../domain/scopes.ts';
import { readsEveryTrafficAccount } from '../people/permissions.ts';
import type { User } from '../people/ports.ts';
import type { Users } from '../people/users.ts';

export interface Caller {
  role: KeyRole;
  accountId: number;
  accountName: string;
  /** The API key's id; absent for a person. */
  keyId?: number | null;
  /** The signed-in person; absent for an API key. */
  user?: User;
}

/**
 * What the caller may read of the account's messages (DESIGN D13): a key and an administrator
 * every traffic account, anyone else those they are a member of, active or not (issue #12).
 */
export async function dataScope(users: Pick<Users, 'memberships'>, caller: Caller): Promise<DataScope> {
  const { user } = caller;
  if (!user || readsEveryTrafficAccount(user, caller.accountId)) return wholeAccount(caller.accountId);
  const memberships = (await users.memberships([user])).get(user.id) ?? [];
  return { accountId: caller.accountId, trafficAccountIds: memberships.map((m) => m.id) };
}
