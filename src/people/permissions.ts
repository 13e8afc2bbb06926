// What a signed-in person may do through the management API (DESIGN D13). A route for people
// declares the named permission it needs (`config.permission`, domain/permissions.ts); the
// operator's routes need the operator's administrator whatever else. A route that declares no
// permission yet is served by the person's role as a key role: the operator's administrators
// are the operator, an account's Administrators its admin, and everyone else may read what a
// sender key may read and change nothing.

import { permissionsOf, type Permission } from '../domain/permissions.ts';
import { allows, type KeyRole, type Scope } from '../domain/scopes.ts';
import type { User } from './ports.ts';

const anyOf = (p: Permission | readonly Permission[]): readonly Permission[] => (typeof p === 'string' ? [p] : p);

/** "the reports permission", "the campaigns or quick send permission". */
export function permissionWords(p: Permission | readonly Permission[]): string {
  return `the ${anyOf(p)
    .map((x) => x.replace('_', ' '))
    .join(' or ')} permission`;
}

type Person = Pick<User, 'operator' | 'role'> & { permissions: readonly Permission[] };

export function keyRoleOf(user: Pick<User, 'operator' | 'role'>): KeyRole {
  if (user.role !== 'administrator') return 'sender';
  return user.operator ? 'operator' : 'admin';
}

const WHO: Record<Scope, string> = { operator: "the platform operator's administrator", admin: 'an administrator', sender: 'a signed-in user' };

/** Null when the person may make the call; otherwise who would be allowed, for the refusal. */
export function personRefusal(user: Person, route: { needs: Scope; permission?: Permission | readonly Permission[] | undefined }, writes: boolean): string | null {
  const role = keyRoleOf(user);
  if (route.needs === 'operator') return allows(role, 'operator') ? null : WHO.operator;
  if (route.permission) {
    const held = permissionsOf(user.role, user.permissions);
    return anyOf(route.permission).some((p) => held.has(p)) ? null : permissionWords(route.permission);
  }
  const least: Scope = writes && route.needs === 'sender' ? 'admin' : route.needs;
  return allows(role, least) ? null : WHO[least];
}

/** The account requires a second factor and the user has none: only their own settings open. */
export function needsSecondFactorSetup(user: Pick<User, 'accountRequiresSecondFactor' | 'secondFactor'>): boolean {
  return user.accountRequiresSecondFactor && user.secondFactor === 'none';
}

/**
 * Whether the person reads every traffic account of the account they work in: its
 * administrators do (and the operator's, wherever they help); anyone else reads the traffic
 * accounts they are a member of.
 */
export function readsEveryTrafficAccount(user: Pick<User, 'role' | 'operator' | 'accountId'>, accountId: number): boolean {
  if (user.role !== 'administrator') return false;
  return user.accountId === accountId || user.operator;
}

/**
 * The account a session works in: the one an operator's administrator opened to help, as long
 * as they still are one; anyone else's own.
 */
export function workingAccount(user: Pick<User, 'operator' | 'role' | 'accountId' | 'accountName'>, opened: { id: number; name: string } | null | undefined): { id: number; name: string } {
  return opened && user.operator && user.role === 'administrator' ? opened : { id: user.accountId, name: user.accountName };
}
