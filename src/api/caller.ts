// Who calls the management API (DESIGN D12): an API key's principal or a signed-in person.
// Both resolve to one caller with an account and a role, so a route checks one thing. The
// Mitto paths take only API keys: a cookie must not be able to send messages from another site.

import type { KeyRole } from '../domain/scopes.ts';
import type { User } from '../people/ports.ts';

export interface Caller {
  role: KeyRole;
  accountId: number;
  accountName: string;
  /** The API key's id; absent for a person. */
  keyId?: number | null;
  /** The signed-in person; absent for an API key. */
  user?: User;
}
