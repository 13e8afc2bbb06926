// Users of the campaign manager: created with a checked email and password, paused and
// unpaused, and their passwords changed with the current one. The store ends sessions where a
// change must sign someone out.

import { randomBytes } from 'node:crypto';
import { ConflictError, ValidationError } from '../domain/errors.ts';
import { passwordProblem } from '../domain/password-rule.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import type { PersonRole, User, UserStore } from './ports.ts';

/** One @, something before it, a dot in the domain, no spaces: what a sign-in name needs. */
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;
const EMAIL_MAX = 254;

export function emailProblem(email: string): string | null {
  if (email.length > EMAIL_MAX) return `the email may have at most ${EMAIL_MAX} characters`;
  return EMAIL.test(email) ? null : 'the email is not an address such as name@example.com';
}

function checkNew(field: string, problem: string | null): void {
  if (problem) throw new ValidationError('invalid_parameter', field, problem);
}

/** A random password that follows the rule (base64url's - and _ are its special characters). */
export function firstPassword(): string {
  for (;;) {
    const p = randomBytes(12).toString('base64url');
    if (passwordProblem(p) === null) return p;
  }
}

export class Users {
  readonly #store: UserStore;

  constructor(store: UserStore) {
    this.#store = store;
  }

  /** An active user with a password (invitations, which leave it pending, come with mail). */
  async create(u: { accountId: number; email: string; name: string; role: PersonRole; password: string; operator?: boolean }, now: number): Promise<User> {
    const email = u.email.trim().toLowerCase();
    checkNew('email', emailProblem(email));
    const name = u.name.trim();
    if (name.length === 0 || name.length > 100) throw new ValidationError('invalid_parameter', 'name', 'the name needs 1 to 100 characters');
    checkNew('password', passwordProblem(u.password));
    return this.#store.createUser({ accountId: u.accountId, email, name, role: u.role, operator: u.operator ?? false, status: 'active', passwordHash: await hashPassword(u.password) }, now);
  }

  /**
   * With no user yet (a first start, or a database from before users existed): the operator's
   * first administrator, with a random password to print once, as the first API key is.
   */
  async bootstrap(operatorAccountId: number | null, email: string, now: number): Promise<{ email: string; password: string } | null> {
    if (operatorAccountId === null || (await this.#store.hasUsers())) return null;
    const password = firstPassword();
    try {
      const user = await this.create({ accountId: operatorAccountId, email, name: 'Administrator', role: 'administrator', operator: true, password }, now);
      return { email: user.email, password };
    } catch (e) {
      if (e instanceof ConflictError) return null; // another process starting at the same moment made it
      throw e;
    }
  }

  /** Paused (Inactive): every session of the user ends at once. */
  async pause(id: number, now: number): Promise<boolean> {
    return this.#store.setStatus(id, 'inactive', now);
  }

  async unpause(id: number, now: number): Promise<boolean> {
    return this.#store.setStatus(id, 'active', now);
  }

  /** With the current password; every other session of the user ends, `keep` (the one asking) stays. */
  async changePassword(user: User, current: string, next: string, keep: string | null, now: number): Promise<void> {
    const found = await this.#store.userByEmail(user.email);
    if (!found || !(await checkPassword(found.passwordHash, current))) throw new ValidationError('invalid_parameter', 'currentPassword', 'the current password is not right');
    checkNew('newPassword', passwordProblem(next));
    await this.#store.setPasswordHash(user.id, await hashPassword(next), now, keep);
  }
}
