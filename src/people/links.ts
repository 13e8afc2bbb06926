// Single-use links sent by mail: an invitation to set a first password (7 days), a password
// reset (1 hour, the same answer whether the email is known or not). The token is in the link
// only; the store keeps its SHA-256. Redeeming one sets the password and ends every session of
// the user, in one transaction.

import { randomBytes } from 'node:crypto';
import { coded, ValidationError } from '../domain/errors.ts';
import { normaliseEmail } from '../domain/email-address.ts';
import { passwordProblem } from '../domain/password-rule.ts';
import { mails } from './mail.ts';
import { hashPassword } from './passwords.ts';
import type { AuditStore, LinkPurpose, LinkStore, Mailer, User, UserStore } from './ports.ts';
import { tokenHash } from './sessions.ts';

export const INVITATION_DAYS = 7;
export const RESET_MS = 3_600_000;

const PATHS: Record<LinkPurpose, string> = { invitation: '/accept-invitation', password_reset: '/reset-password' };

export interface LinkDeps {
  users: UserStore;
  links: LinkStore;
  mailer: Mailer;
  audit: AuditStore;
  /** Where links point: PETREL_PUBLIC_URL, else the address the API listens on. */
  linkBase(): string;
  product(): string;
}

const USED = 'this link was used already, has expired, or is not one of ours; ask for a new one';

export class AccessLinks {
  readonly #d: LinkDeps;

  constructor(deps: LinkDeps) {
    this.#d = deps;
  }

  async #newLink(user: User, purpose: LinkPurpose, now: number, ttlMs: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.#d.links.createLink({ tokenHash: tokenHash(token), userId: user.id, purpose, createdAt: now, expiresAt: now + ttlMs });
    return `${this.#d.linkBase().replace(/\/$/, '')}${PATHS[purpose]}?token=${token}`;
  }

  /** Mails a pending user the link to set their first password (a new link voids the old one). */
  async invite(user: User, inviter: string, now: number): Promise<void> {
    if (user.status !== 'pending') throw coded(new ValidationError('invalid_parameter', 'status', `${user.email} has joined already; only a pending user is invited`), 'user_not_pending');
    const link = await this.#newLink(user, 'invitation', now, INVITATION_DAYS * 86_400_000);
    const mail = mails.invitation({ product: this.#d.product(), inviter, account: user.accountName, link, days: INVITATION_DAYS });
    await this.#d.mailer.send({ accountId: user.accountId, to: user.email, ...mail }, now);
  }

  /** Who a link is for, so the page can greet them; null when it does not work (any more). */
  pending(token: string, purpose: LinkPurpose, now: number): Promise<User | null> {
    return this.#d.links.linkUser(tokenHash(token), purpose, now);
  }

  /** Sets the password through a link; the user can sign in with it at once. */
  async redeem(token: string, purpose: LinkPurpose, password: string, address: string | null, now: number): Promise<User> {
    const problem = passwordProblem(password);
    if (problem) throw new ValidationError('invalid_parameter', 'password', problem);
    const user = await this.#d.links.redeemLink(tokenHash(token), purpose, await hashPassword(password), now);
    if (!user) throw coded(new ValidationError('invalid_parameter', 'token', USED), 'link_invalid');
    await this.#d.audit.record({
      accountId: user.accountId,
      userId: user.id,
      email: user.email,
      action: purpose === 'invitation' ? 'invitation_accepted' : 'password_reset',
      address,
      detail: null,
      at: now,
    });
    return user;
  }

  /**
   * Forgot password: an active user gets a reset link by mail. Nothing tells the caller whether
   * the email is known; the audit log does.
   */
  async requestReset(email: string, address: string | null, now: number): Promise<void> {
    const found = await this.#d.users.userByEmail(normaliseEmail(email));
    const user = found?.user;
    await this.#d.audit.record({
      accountId: user?.accountId ?? null,
      userId: user?.id ?? null,
      email: normaliseEmail(email).slice(0, 254),
      action: 'password_reset_requested',
      address,
      detail: !user ? 'no such user' : user.status !== 'active' ? `the user is ${user.status}; no mail sent` : null,
      at: now,
    });
    if (user?.status !== 'active') return;
    const link = await this.#newLink(user, 'password_reset', now, RESET_MS);
    await this.#d.mailer.send({ accountId: user.accountId, to: user.email, ...mails.passwordReset({ product: this.#d.product(), link }) }, now);
  }
}
