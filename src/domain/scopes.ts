// Who may call what. Two scopes: the operator runs the platform (connectors, routes, numbers,
// buy prices, margin, accounts, the simulator); an account's administrator runs one customer's
// account (its traffic accounts' settings, blacklist, keywords); a sender sends and reads what
// its account sent. Each role may do what the roles below it may.

export type KeyRole = 'operator' | 'admin' | 'sender';

/** What a route needs: the least role that may call it. */
export type Scope = KeyRole;

export const KEY_ROLES: readonly KeyRole[] = ['operator', 'admin', 'sender'];

const RANK: Record<KeyRole, number> = { sender: 0, admin: 1, operator: 2 };

export function allows(role: KeyRole, needs: Scope): boolean {
  return RANK[role] >= RANK[needs];
}

/** The refusal's words: which key the caller would need. */
export function neededKey(needs: Scope): string {
  return needs === 'operator' ? "the operator's key" : needs === 'admin' ? 'an admin key' : 'an API key';
}

export function isKeyRole(text: string): text is KeyRole {
  return (KEY_ROLES as readonly string[]).includes(text);
}

/**
 * Whose data a read may return (DESIGN D13): one account, and within it some of its traffic
 * accounts (null: all of them). Repositories take it instead of an account id, and only the API
 * builds one, from the caller (api/caller.ts), never from the request.
 */
export interface DataScope {
  readonly accountId: number;
  readonly trafficAccountIds: readonly number[] | null;
}

/** Every traffic account of the account: API keys, administrators, internal readers. */
export function wholeAccount(accountId: number): DataScope {
  return { accountId, trafficAccountIds: null };
}

export function inScope(scope: DataScope, trafficAccountId: number): boolean {
  return scope.trafficAccountIds === null || scope.trafficAccountIds.includes(trafficAccountId);
}
