// What the people area (users, sign-in, sessions) needs from storage; storage/ implements it.

export type PersonRole = 'administrator' | 'user_manager' | 'campaign_manager' | 'analyst' | 'custom';
export const PERSON_ROLES: readonly PersonRole[] = ['administrator', 'user_manager', 'campaign_manager', 'analyst', 'custom'];

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
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  accountId: number;
  email: string;
  name: string;
  role: PersonRole;
  operator?: boolean;
  status: UserStatus;
  passwordHash: string | null;
}

export interface SessionRow {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  address: string | null;
  createdAt: number;
  lastSeenAt: number;
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
}

export interface SessionStore {
  createSession(s: SessionRow): Promise<void>;
  /** The session and its user, whatever the user's status (the caller decides). */
  sessionByHash(tokenHash: string): Promise<{ session: SessionRow; user: User } | null>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  endSession(tokenHash: string): Promise<void>;
  /** Deletes sessions idle since before `before`; how many. */
  endIdleSessions(before: number): Promise<number>;
}

export type AuditAction = 'sign_in' | 'sign_in_failed' | 'sign_out' | 'password_changed' | 'user_created' | 'user_paused' | 'user_unpaused';

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
