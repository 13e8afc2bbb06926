// What a signed-in person may do through the management API. Until the named permissions of
// the Users page exist (issue #12 item 5), a person's role maps onto the key roles
// (domain/scopes.ts): the operator's administrators are the operator, an account's
// Administrators its admin, and everyone else may read what a sender key may read but change
// nothing (an Analyst is read-only; the other roles get their writes with their permissions).

import { allows, type KeyRole, type Scope } from '../domain/scopes.ts';
import type { User } from './ports.ts';

export function keyRoleOf(user: Pick<User, 'operator' | 'role'>): KeyRole {
  if (user.role !== 'administrator') return 'sender';
  return user.operator ? 'operator' : 'admin';
}

/** Null when the person may make the call; otherwise who would be allowed, for the refusal. */
export function personRefusal(user: Pick<User, 'operator' | 'role'>, needs: Scope, writes: boolean): string | null {
  const least: Scope = writes && needs === 'sender' ? 'admin' : needs;
  if (allows(keyRoleOf(user), least)) return null;
  return least === 'operator' ? "the platform operator's administrator" : least === 'admin' ? 'an administrator' : 'a signed-in user';
}
