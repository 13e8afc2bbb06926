// Sign-in and sessions (DESIGN D12). A session is a row keyed by the SHA-256 of a random token
// that only the browser's cookie holds; it lasts while it is used: 30 minutes without a request
// end it (the seed's idle logout). A user who is not active has no session: pausing deletes
// them, and a session whose user is no longer active is refused and deleted.

import { createHash, randomBytes } from 'node:crypto';
import { normaliseEmail } from '../domain/email-address.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { IDLE_MS } from '../domain/idle-logout.ts';
import { checkPassword } from './passwords.ts';
import type { AuditStore, SessionRow, SessionStore, User, UserStore } from './ports.ts';

/** A session's last-seen time is written at most this often: a page makes many requests. */
const TOUCH_EVERY_MS = 60_000;
/** Sessions nobody came back to are deleted at a sign-in at most this often. */
const SWEEP_EVERY_MS = 3_600_000;

export interface SignedIn {
  /** For the cookie; shown nowhere else. */
  token: string;
  /** The browser sends it back in a header on every write (CSRF). */
  csrfToken: string;
  user: User;
}

export interface ActiveSession {
  session: SessionRow;
  user: User;
}

/** What is stored of a session's token: its SHA-256 (a password change keeps the session with this hash). */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

export class Sessions {
  readonly #users: UserStore;
  readonly #sessions: SessionStore;
  readonly #audit: AuditStore;
  #sweptAt = -Infinity;

  constructor(users: UserStore, sessions: SessionStore, audit: AuditStore) {
    this.#users = users;
    this.#sessions = sessions;
    this.#audit = audit;
  }

  /**
   * The user the email and password belong to, if they may sign in; null otherwise (the same
   * answer for an unknown email, a wrong password and a user who may not sign in). A second
   * factor, when the user has one, comes before `open`.
   */
  async checkPassword(email: string, password: string, address: string | null, now: number): Promise<User | null> {
    const given = normaliseEmail(email);
    const found = await this.#users.userByEmail(given);
    const matches = await checkPassword(found?.passwordHash ?? null, password);
    const user = found?.user ?? null;
    const refusal = !user ? 'no such user' : !matches ? 'wrong password' : user.status !== 'active' ? `the user is ${user.status}` : null;
    if (!refusal) return user;
    await this.#audit.record({ accountId: user?.accountId ?? null, userId: user?.id ?? null, email: user?.email ?? given.slice(0, 254), address, at: now, action: 'sign_in_failed', detail: refusal });
    return null;
  }

  /** A new session for a user who proved who they are. */
  async open(user: User, address: string | null, now: number, how: string | null = null): Promise<SignedIn> {
    const token = secret();
    const csrfToken = secret();
    await this.#sessions.createSession({ tokenHash: tokenHash(token), userId: user.id, csrfToken, address, createdAt: now, lastSeenAt: now });
    await this.#audit.record({ accountId: user.accountId, userId: user.id, email: user.email, address, at: now, action: 'sign_in', detail: how });
    if (now - this.#sweptAt >= SWEEP_EVERY_MS) {
      this.#sweptAt = now;
      await this.sweep(now);
    }
    return { token, csrfToken, user };
  }

  /**
   * The session behind a cookie's token, if it is still open; using it keeps it open, except a
   * `background` request (the bell's polling), which must not keep an unattended page signed in.
   */
  async resolve(token: string, now: number, background = false): Promise<ActiveSession | null> {
    const hash = tokenHash(token);
    const found = await this.#sessions.sessionByHash(hash);
    if (!found) return null;
    if (found.user.status !== 'active' || now - found.session.lastSeenAt >= IDLE_MS) {
      await this.#sessions.endSession(hash);
      return null;
    }
    if (!background && now - found.session.lastSeenAt >= TOUCH_EVERY_MS) await this.#sessions.touchSession(hash, now);
    return found;
  }

  /**
   * An operator's administrator opens another account's campaign manager to help (issue #15):
   * the session works in that account until they return. The account's own audit log says who
   * came and when; opening their own account is returning.
   */
  async openAccount(token: string, user: User, account: { id: number; name: string }, address: string | null, now: number): Promise<void> {
    if (!user.operator || user.role !== 'administrator') throw new ForbiddenError("only the platform operator's administrators open another account");
    if (account.id === user.accountId) return this.returnHome(token, user, address, now);
    const hash = tokenHash(token);
    const current = (await this.#sessions.sessionByHash(hash))?.session.openedAccount ?? null;
    if (current?.id === account.id) return;
    await this.#sessions.setOpenedAccount(hash, account.id);
    if (current) await this.#left(user, current.id, address, now);
    await this.#audit.record({ accountId: account.id, userId: user.id, email: user.email, action: 'account_opened', address, detail: `by the platform operator (${user.accountName})`, at: now });
  }

  /** Back to the user's own account. */
  async returnHome(token: string, user: User, address: string | null, now: number): Promise<void> {
    const hash = tokenHash(token);
    const current = (await this.#sessions.sessionByHash(hash))?.session.openedAccount ?? null;
    await this.#sessions.setOpenedAccount(hash, null);
    if (current) await this.#left(user, current.id, address, now);
  }

  #left(user: User, accountId: number, address: string | null, now: number): Promise<void> {
    return this.#audit.record({ accountId, userId: user.id, email: user.email, action: 'account_left', address, detail: null, at: now });
  }

  async signOut(token: string, user: User, address: string | null, now: number): Promise<void> {
    await this.#sessions.endSession(tokenHash(token));
    await this.#audit.record({ accountId: user.accountId, userId: user.id, email: user.email, action: 'sign_out', address, detail: null, at: now });
  }

  /** Removes sessions idle for longer than IDLE_MS (they are refused anyway; this keeps the table small). */
  sweep(now: number): Promise<number> {
    return this.#sessions.endIdleSessions(now - IDLE_MS);
  }
}
