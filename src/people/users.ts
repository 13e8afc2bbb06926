// Users of the campaign manager: created with a checked email and password, paused and
// unpaused, and their passwords changed with the current one. The store ends sessions where a
// change must sign someone out.

import { randomBytes } from 'node:crypto';
import { coded, ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { emailProblem, normaliseEmail } from '../domain/email-address.ts';
import { passwordProblem } from '../domain/password-rule.ts';
import { extrasFor, permissionsOf, PERMISSIONS, type Permission } from '../domain/permissions.ts';
import type { AccessLinks } from './links.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import type { AuditAction, AuditStore, Membership, PersonRole, Preferences, User, UserStore } from './ports.ts';
import { avatarProblem, isLanguage, isTimeZone, LANGUAGES } from '../domain/preferences.ts';
import { checkSender } from '../domain/sender.ts';

/** Who changes users: a signed-in person, or an API key of the account (admin or operator). */
export type Actor = { user: User } | { key: string };

/** What the actor may hand out: a person only what they hold themselves, a key everything. */
function grantable(actor: Actor): ReadonlySet<Permission> {
  return 'user' in actor ? permissionsOf(actor.user.role, actor.user.permissions) : new Set(PERMISSIONS);
}

const actorName = (actor: Actor) => ('user' in actor ? actor.user.email : actor.key);

export interface Invite {
  accountId: number;
  email: string;
  name: string;
  role: PersonRole;
  permissions: Permission[];
  trafficAccountIds: number[];
}

export interface Change {
  name?: string;
  role?: PersonRole;
  permissions?: Permission[];
  trafficAccountIds?: number[];
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > 100) throw new ValidationError('invalid_parameter', 'name', 'the name needs 1 to 100 characters');
  return name;
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
  async create(u: { accountId: number; email: string; name: string; role: PersonRole; password: string; operator?: boolean; trafficAccountIds?: number[] }, now: number): Promise<User> {
    const email = normaliseEmail(u.email);
    checkNew('email', emailProblem(email));
    const name = checkName(u.name);
    checkNew('password', passwordProblem(u.password));
    const user = await this.#store.createUser(
      { accountId: u.accountId, email, name, role: u.role, operator: u.operator ?? false, status: 'active', passwordHash: await hashPassword(u.password) },
      now,
    );
    if (u.trafficAccountIds?.length) await this.#store.setMemberships(user.id, u.trafficAccountIds);
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

  /**
   * A pending user with no password, mailed a link to set one (the seed's Invite user panel).
   * The actor hands out no permission they do not hold.
   */
  async invite(actor: Actor, links: AccessLinks, u: Invite, now: number): Promise<User> {
    const email = normaliseEmail(u.email);
    checkNew('email', emailProblem(email));
    const name = checkName(u.name);
    const permissions = this.#checkGrant(actor, u.role, u.permissions);
    const user = await this.#store.createUser({ accountId: u.accountId, email, name, role: u.role, status: 'pending', passwordHash: null, permissions }, now);
    await this.#store.setMemberships(user.id, u.trafficAccountIds);
    await this.#record(user, 'user_invited', now, actorName(actor));
    await links.invite(user, 'user' in actor ? actor.user.name : 'An administrator', now);
    return user;
  }

  /** Name, role, permissions and traffic accounts; nobody changes their own role or permissions. */
  async change(actor: Actor, user: User, c: Change, now: number): Promise<User> {
    const name = c.name === undefined ? undefined : checkName(c.name);
    const role = c.role ?? user.role;
    // What the panel sends back unchanged is no change (an administrator renaming themself sends their role).
    const sameExtras = (a: readonly Permission[], b: readonly Permission[]) => a.length === b.length && a.every((p) => b.includes(p));
    const touchesAccess = role !== user.role || (c.permissions !== undefined && !sameExtras(extrasFor(role, c.permissions), user.permissions));
    if (touchesAccess && 'user' in actor && actor.user.id === user.id) {
      throw coded(new ValidationError('invalid_parameter', c.role !== undefined ? 'role' : 'permissions', 'nobody changes their own role or permissions; another administrator can'), 'own_access');
    }
    const permissions = touchesAccess ? this.#checkGrant(actor, role, c.permissions ?? user.permissions) : undefined;
    // Changing an administrator needs the right to make one: a user manager cannot demote one.
    if (touchesAccess) this.#checkGrant(actor, user.role, user.permissions);
    if (touchesAccess && user.role === 'administrator' && role !== 'administrator') await this.#keepAnAdministrator(user);
    const changed = await this.#store.updateUser(
      user.id,
      { ...(name !== undefined ? { name } : {}), ...(c.role !== undefined ? { role } : {}), ...(permissions !== undefined ? { permissions } : {}) },
      now,
    );
    if (c.trafficAccountIds !== undefined) await this.#store.setMemberships(user.id, c.trafficAccountIds);
    await this.#record(user, 'user_changed', now, actorName(actor));
    return changed!;
  }

  /** Deleted with confirmation in the page; the audit log keeps what they did. */
  async remove(actor: Actor, user: User, now: number): Promise<void> {
    this.#notThemself(actor, user, 'delete');
    this.#checkGrant(actor, user.role, user.permissions);
    if (user.role === 'administrator') await this.#keepAnAdministrator(user);
    // Recorded first: the entry's user_id becomes null with the user, its email stays.
    await this.#record(user, 'user_deleted', now, actorName(actor));
    await this.#store.deleteUser(user.id);
  }

  /** Pause or unpause through the API: the same rules as a change, and not oneself. */
  async setPaused(actor: Actor, user: User, paused: boolean, now: number): Promise<void> {
    this.#notThemself(actor, user, paused ? 'pause' : 'unpause');
    this.#checkGrant(actor, user.role, user.permissions);
    if (user.status === 'pending') throw coded(new ValidationError('invalid_parameter', 'status', `${user.email} has not joined yet; delete the invitation instead`), 'user_pending');
    if (paused && user.role === 'administrator') await this.#keepAnAdministrator(user);
    await (paused ? this.pause(user.id, now, actorName(actor)) : this.unpause(user.id, now, actorName(actor)));
  }

  /** One's own settings; each checked as the browser checks it. */
  async setPreferences(user: User, p: Partial<Preferences>, now: number): Promise<User> {
    if (p.language != null && !isLanguage(p.language)) throw new ValidationError('invalid_parameter', 'language', `language is one of ${LANGUAGES.join(', ')}`);
    if (p.timeZone != null && !isTimeZone(p.timeZone))
      throw new ValidationError('invalid_parameter', 'timeZone', `${JSON.stringify(p.timeZone.slice(0, 64))} is not a time zone such as Europe/Berlin`);
    const sender = p.defaultSender?.trim();
    if (sender) {
      const check = checkSender(sender);
      if (!check.ok) throw coded(new ValidationError('invalid_parameter', 'defaultSender', `defaultSender ${JSON.stringify(sender)}: ${check.reason}`), 'sender_invalid');
    }
    const preferences = { ...p, ...(p.defaultSender !== undefined ? { defaultSender: sender || null } : {}) };
    return (await this.#store.updateUser(user.id, { preferences }, now))!;
  }

  /** A profile image (a data URL of a PNG, JPEG or WebP, ≤ 256 kB), or null to remove it. */
  async setAvatar(user: User, dataUrl: string | null, now: number): Promise<void> {
    const problem = dataUrl === null ? null : avatarProblem(dataUrl);
    if (problem) throw coded(new ValidationError('invalid_parameter', 'image', problem), 'image_invalid');
    await this.#store.updateUser(user.id, { avatar: dataUrl }, now);
  }

  avatar(user: User): Promise<string | null> {
    return this.#store.avatar(user.id);
  }

  memberships(users: User[]): Promise<Map<number, Membership[]>> {
    return this.#store.memberships(users.map((u) => u.id));
  }

  /** The user with this id in this account; another account's is as unknown as none (404). */
  async inAccount(accountId: number | null, id: number): Promise<User> {
    const user = await this.#store.user(id);
    if (!user || (accountId !== null && user.accountId !== accountId)) throw new NotFoundError(`no user ${id} in this account`);
    return user;
  }

  #checkGrant(actor: Actor, role: PersonRole, wanted: readonly Permission[]): Permission[] {
    const extras = extrasFor(role, wanted);
    const mine = grantable(actor);
    const beyond = [...permissionsOf(role, extras)].filter((p) => !mine.has(p));
    if (beyond.length)
      throw coded(
        new ValidationError('invalid_parameter', role === 'custom' || extras.length ? 'permissions' : 'role', `you cannot hand out what you do not have yourself: ${beyond.join(', ')}`),
        'grant_refused',
        { permissions: beyond.join(', ') },
      );
    return extras;
  }

  #notThemself(actor: Actor, user: User, what: string): void {
    if ('user' in actor && actor.user.id === user.id) throw coded(new ValidationError('invalid_parameter', 'id', `nobody can ${what} themselves; another administrator can`), 'not_themselves');
  }

  async #keepAnAdministrator(user: User): Promise<void> {
    if (user.status === 'active' && (await this.#store.countActive(user.accountId, 'administrator')) <= 1) {
      throw coded(new ConflictError(`${user.email} is the account's last active administrator; make another one first`), 'last_administrator', { email: user.email });
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
    if (!found || !(await checkPassword(found.passwordHash, current))) throw coded(new ValidationError('invalid_parameter', 'currentPassword', 'the current password is not right'), 'password_wrong');
    checkNew('newPassword', passwordProblem(next));
    await this.#store.setPasswordHash(user.id, await hashPassword(next), now, keep);
    await this.#record(user, 'password_changed', now);
  }
}
