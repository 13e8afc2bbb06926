// Users of the campaign manager: created with a checked email and password, paused and
// unpaused, and their passwords changed with the current one. The store ends sessions where a
// change must sign someone out.

import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { emailProblem, normaliseEmail } from '../domain/email-address.ts';
import { passwordProblem } from '../domain/password-rule.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import type { AuditAction, AuditStore, PersonRole, User, UserStore } from './ports.ts';

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
  readonly #audit: AuditStore;

  constructor(store: UserStore, audit: AuditStore) {
    this.#store = store;
    this.#audit = audit;
  }

  /** `by`: who did it, when it was not the user themself. */
  #record(user: User, action: AuditAction, now: number, by: string | null = null): Promise<void> {
    return this.#audit.record({ accountId: user.accountId, userId: user.id, email: user.email, action, address: null, detail: by ? `by ${by}` : null, at: now });
  }

  /** An active user with a password (invitations, which leave it pending, come with mail). */
  async create(u: { accountId: number; email: string; name: string; role: PersonRole; password: string; operator?: boolean }, now: number): Promise<User> {
    const email = normaliseEmail(u.email);
    checkNew('email', emailProblem(email));
    const name = u.name.trim();
    if (name.length === 0 || name.length > 100) throw new ValidationError('invalid_parameter', 'name', 'the name needs 1 to 100 characters');
    checkNew('password', passwordProblem(u.password));
    const user = await this.#store.createUser({ accountId: u.accountId, email, name, role: u.role, operator: u.operator ?? false, status: 'active', passwordHash: await hashPassword(u.password) }, now);
    await this.#record(user, 'user_created', now);
    return user;
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

  list(accountId: number | null): Promise<User[]> {
    return this.#store.listUsers(accountId);
  }

  /** The user with this sign-in email; NotFoundError when there is none. */
  async byEmail(email: string): Promise<User> {
    const found = await this.#store.userByEmail(normaliseEmail(email));
    if (!found) throw new NotFoundError(`no user with the email ${JSON.stringify(normaliseEmail(email))}`);
    return found.user;
  }

  /** Paused (Inactive): every session of the user ends at once. */
  pause(id: number, now: number, by: string | null = null): Promise<boolean> {
    return this.#setStatus(id, 'inactive', now, by);
  }

  unpause(id: number, now: number, by: string | null = null): Promise<boolean> {
    return this.#setStatus(id, 'active', now, by);
  }

  async #setStatus(id: number, status: 'active' | 'inactive', now: number, by: string | null): Promise<boolean> {
    const user = await this.#store.user(id);
    if (!user || !(await this.#store.setStatus(id, status, now))) return false;
    await this.#record(user, status === 'active' ? 'user_unpaused' : 'user_paused', now, by);
    return true;
  }

  /** With the current password; every other session of the user ends, `keep` (the one asking) stays. */
  async changePassword(user: User, current: string, next: string, keep: string | null, now: number): Promise<void> {
    const found = await this.#store.userByEmail(user.email);
    if (!found || !(await checkPassword(found.passwordHash, current))) throw new ValidationError('invalid_parameter', 'currentPassword', 'the current password is not right');
    checkNew('newPassword', passwordProblem(next));
    await this.#store.setPasswordHash(user.id, await hashPassword(next), now, keep);
    await this.#record(user, 'password_changed', now);
  }
}
