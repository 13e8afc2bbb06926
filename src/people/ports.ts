// What the people area (users, sign-in, sessions) needs from storage; storage/ implements it.

import type { CreditLevel, NotificationStatus, NotificationTag, NotificationType } from '../domain/notifications.ts';
import type { Permission, PersonRole } from '../domain/permissions.ts';
import type { LanguageCode } from '../domain/preferences.ts';

export { PERSON_ROLES, type PersonRole } from '../domain/permissions.ts';

export type SecondFactorMethod = 'none' | 'sms' | 'totp';

/** Active; Pending: invited, not joined; Inactive: paused (the seed's Users page). */
export type UserStatus = 'active' | 'pending' | 'inactive';

export interface User {
  id: number;
  accountId: number;
  accountName: string;
  /** Lower case. */
  email: string;
  name: string;
  role: PersonRole;
  /** An administrator of the platform's operator (issue #15). */
  operator: boolean;
  status: UserStatus;
  /** Granted beyond the role's preset (domain/permissions.ts extrasFor). */
  permissions: Permission[];
  /** E.164; verified by a code sent to it. */
  phone: string | null;
  phoneVerified: boolean;
  secondFactor: SecondFactorMethod;
  /** The account's administrators require a second factor of everyone. */
  accountRequiresSecondFactor: boolean;
  preferences: Preferences;
  hasAvatar: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The person's own settings (seed: Settings); null: not chosen (the browser's language and zone). */
export interface Preferences {
  language: LanguageCode | null;
  timeZone: string | null;
  /** The message counters detect characters outside GSM-7 and count UCS-2 parts. */
  unicodeDetection: boolean;
  defaultSender: string | null;
}

export interface UserChange {
  name?: string;
  role?: PersonRole;
  permissions?: Permission[];
  preferences?: Partial<Preferences>;
  /** A data URL, or null to remove it. */
  avatar?: string | null;
}

export interface Membership {
  id: number;
  name: string;
}

export interface NewUser {
  accountId: number;
  email: string;
  name: string;
  role: PersonRole;
  operator?: boolean;
  status: UserStatus;
  passwordHash: string | null;
  permissions?: Permission[];
}

export interface SessionRow {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  address: string | null;
  createdAt: number;
  lastSeenAt: number;
  /** The account an operator's administrator opened to help (issue #15); null: their own. */
  openedAccount?: { id: number; name: string } | null;
}

/** Emails given to a UserStore are normalised (domain/email-address.ts normaliseEmail). */
export interface UserStore {
  hasUsers(): Promise<boolean>;
  /** ConflictError when the email is taken (in any account). */
  createUser(u: NewUser, at: number): Promise<User>;
  userByEmail(email: string): Promise<{ user: User; passwordHash: string | null } | null>;
  user(id: number): Promise<User | null>;
  /** By account and name; `accountId` null: every account's. */
  listUsers(accountId: number | null): Promise<User[]>;
  /** A user that is not active loses every session in the same transaction. False: no such user. */
  setStatus(id: number, status: UserStatus, at: number): Promise<boolean>;
  /** Ends every session of the user except `keep` (the one that changed it), in the same transaction. */
  setPasswordHash(id: number, hash: string, at: number, keep: string | null): Promise<void>;
  updateUser(id: number, change: UserChange, at: number): Promise<User | null>;
  /** Its sessions and links go with it. False: no such user. */
  deleteUser(id: number): Promise<boolean>;
  /** Replaces the traffic accounts the user belongs to (ids of the user's own account). */
  setMemberships(userId: number, trafficAccountIds: number[]): Promise<void>;
  /** The traffic accounts of each user, by user id. */
  memberships(userIds: number[]): Promise<Map<number, Membership[]>>;
  avatar(id: number): Promise<string | null>;
  /** Active users of the account with this role. */
  countActive(accountId: number, role: PersonRole): Promise<number>;
}

export type LinkPurpose = 'invitation' | 'password_reset';

/** Single-use links by email (invitations, password resets); only a hash of the token is kept. */
export interface LinkStore {
  /** Replaces the user's earlier links of the same purpose. */
  createLink(l: { tokenHash: string; userId: number; purpose: LinkPurpose; createdAt: number; expiresAt: number }): Promise<void>;
  /** The user an unexpired link is for, without using it up. */
  linkUser(tokenHash: string, purpose: LinkPurpose, now: number): Promise<User | null>;
  /**
   * Uses the link up and sets the password in one transaction: an invitation makes a pending
   * user active, a reset needs an active user; every session of the user ends. Null when the
   * link is unknown, used, expired, or its user is not in the state it needs.
   */
  redeemLink(tokenHash: string, purpose: LinkPurpose, passwordHash: string, now: number): Promise<User | null>;
}

export interface OutgoingMail {
  /** Whose it is (who may read it in the outbox); null: the operator's. */
  accountId: number | null;
  to: string;
  subject: string;
  body: string;
}

/** Sends mail: it is committed to the outbox first, delivered when an SMTP server is set. */
export interface Mailer {
  send(mail: OutgoingMail, now: number): Promise<void>;
}

export interface OutboxEntry {
  id: number;
  accountId: number | null;
  accountName: string | null;
  to: string;
  subject: string;
  /** Null once sent (the links it held are not kept). */
  body: string | null;
  createdAt: number;
  sentAt: number | null;
  attempts: number;
  error: string | null;
}

export interface OutboxStore {
  add(mail: OutgoingMail, at: number): Promise<number>;
  /** Claims an unsent mail for one attempt (false: another process has it, or it is sent). */
  claim(id: number, attempts: number): Promise<boolean>;
  sent(id: number, at: number): Promise<void>;
  failed(id: number, error: string): Promise<void>;
  /** Unsent mails whose last attempt failed, with fewer than `maxAttempts`, oldest first. */
  retryable(maxAttempts: number, limit: number): Promise<OutboxEntry[]>;
  entry(id: number): Promise<OutboxEntry | null>;
  /** Newest first; `accountId` null: every account's and the operator's. */
  list(accountId: number | null, beforeId: number | null, limit: number): Promise<OutboxEntry[]>;
}

/** Hands a mail to an SMTP server (src/mail/smtp.ts). */
export interface MailTransport {
  deliver(mail: { to: string; subject: string; text: string }): Promise<void>;
}

export interface SessionStore {
  createSession(s: SessionRow): Promise<void>;
  /** The session and its user, whatever the user's status (the caller decides). */
  sessionByHash(tokenHash: string): Promise<{ session: SessionRow; user: User } | null>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  /** The account the session works in from now on; null: the user's own. */
  setOpenedAccount(tokenHash: string, accountId: number | null): Promise<void>;
  endSession(tokenHash: string): Promise<void>;
  /** Deletes sessions idle since before `before`; how many. */
  endIdleSessions(before: number): Promise<number>;
}

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'password_changed'
  | 'user_created'
  | 'user_invited'
  | 'user_changed'
  | 'user_deleted'
  | 'user_paused'
  | 'user_unpaused'
  | 'invitation_accepted'
  | 'password_reset_requested'
  | 'password_reset'
  | 'phone_verified'
  | 'second_factor_enabled'
  | 'second_factor_disabled'
  | 'second_factor_failed'
  | 'recovery_code_used'
  | 'second_factor_required'
  | 'account_opened'
  | 'account_left';

export interface AuditEntry {
  accountId: number | null;
  userId: number | null;
  email: string | null;
  action: AuditAction;
  address: string | null;
  detail: string | null;
  at: number;
}

export interface AuditStore {
  record(e: AuditEntry): Promise<void>;
  /** Newest first; `accountId` null: every account's and those of no account (the operator). */
  list(accountId: number | null, beforeId: number | null, limit: number): Promise<Array<AuditEntry & { id: number; accountName: string | null }>>;
}

export type CodePurpose = 'phone' | 'sign_in';

/** Phone verification and the second factor at sign-in (storage/second-factor-repository.ts). */
export interface SecondFactorStore {
  /** Replaces the user's code for the purpose. */
  putCode(c: { userId: number; purpose: CodePurpose; codeHash: string; phone: string; expiresAt: number }): Promise<void>;
  /**
   * Checks a code: right and in time, it is used up and its phone returned; wrong, one of its
   * tries is used (after the last the code is gone). Null when there is no live code.
   */
  tryCode(userId: number, purpose: CodePurpose, codeHash: string, now: number, maxTries: number): Promise<{ ok: true; phone: string } | { ok: false } | null>;
  setPhone(userId: number, phone: string, verifiedAt: number): Promise<void>;
  setTotpPending(userId: number, secret: string | null): Promise<void>;
  totp(userId: number): Promise<{ secret: string | null; pending: string | null }>;
  /** Records a TOTP step as used; false when it, or a later one, was used already (a replay). */
  useTotpStep(userId: number, step: number): Promise<boolean>;
  /** Turns the method on with these recovery codes (hashes), replacing earlier ones. */
  enable(userId: number, method: 'sms' | 'totp', totpSecret: string | null, recoveryHashes: string[]): Promise<void>;
  disable(userId: number): Promise<void>;
  /** Uses an unused recovery code up; false when there is none such. */
  useRecoveryCode(userId: number, codeHash: string, at: number): Promise<boolean>;
  recoveryCodesLeft(userId: number): Promise<number>;
  createChallenge(c: { tokenHash: string; userId: number; address: string | null; expiresAt: number }): Promise<void>;
  /** A live challenge's user, counting the try; null when unknown, expired or out of tries (then it is gone). */
  challengeTry(tokenHash: string, now: number, maxTries: number): Promise<number | null>;
  endChallenge(tokenHash: string): Promise<void>;
  setAccountRequirement(accountId: number, required: boolean): Promise<void>;
  accountRequirement(accountId: number): Promise<boolean>;
}

/** Sends a text message through Petrel's own pipeline, on the user's account's traffic. */
export interface CodeTexts {
  send(user: User, to: string, text: string): Promise<void>;
}

export interface NotificationContent {
  type: NotificationType;
  tag: NotificationTag;
  content: string;
}

export interface Notification extends NotificationContent {
  id: number;
  createdAt: number;
  readAt: number | null;
  archivedAt: number | null;
}

export interface NotificationFilter {
  /** Part of the content, any case. */
  search?: string;
  statuses?: NotificationStatus[];
  types?: NotificationType[];
  tags?: NotificationTag[];
}

/** A user's notifications (storage/notification-repository.ts); every query is the user's own. */
export interface NotificationStore {
  add(userIds: number[], n: NotificationContent, at: number): Promise<void>;
  /** Newest first, a page of them, and how many match. */
  list(userId: number, filter: NotificationFilter, offset: number, limit: number): Promise<{ rows: Notification[]; total: number }>;
  unread(userId: number, latest: number): Promise<{ count: number; latest: Notification[] }>;
  /** Marks the user's own among `ids` (all of theirs when null); how many changed. */
  mark(userId: number, ids: number[] | null, as: NotificationStatus, at: number): Promise<number>;
}

export interface CreditCrossing {
  trafficAccountId: number;
  accountId: number;
  name: string;
  displayName: string;
  currency: string;
  usedMicros: number;
  limitMicros: number;
  /** The level reached now, and the one last told. */
  level: CreditLevel;
  alerted: CreditLevel;
}

/** Who hears about what happens to traffic accounts, and their credit levels. */
export interface AudienceStore {
  /** Active members of the traffic account; none: the account's active administrators. */
  audience(accountId: number, trafficAccountId: number): Promise<Array<Pick<User, 'id' | 'email'>>>;
  /** Traffic accounts with a limit whose level differs from the one last told. */
  creditCrossings(): Promise<CreditCrossing[]>;
  /** Records the level told, if it is still `from` (one process tells, however many look). */
  markCreditLevel(trafficAccountId: number, from: CreditLevel, to: CreditLevel): Promise<boolean>;
}

/** The platform's white-label settings by key (storage/branding-repository.ts). */
export interface BrandingStore {
  settings(): Promise<Record<string, string>>;
  /** Sets (a string) or removes (null) each named setting, in one transaction. */
  set(values: Record<string, string | null>): Promise<void>;
}
