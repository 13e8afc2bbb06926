// Management API v1: the account's users (the seed's Users page), invitations and password
// resets by email, and the mail outbox.

import { Type, type Static } from 'typebox';
import { EMAIL_MAX } from '../domain/email-address.ts';
import { PERMISSIONS, PERSON_ROLES } from '../domain/permissions.ts';
import { Nullable } from './nullable.ts';

const Role = Type.Enum(PERSON_ROLES, { description: 'administrator, user_manager, campaign_manager, analyst or custom' });
const PermissionName = Type.Enum(PERMISSIONS);
const Permissions = Type.Array(PermissionName, { maxItems: PERMISSIONS.length, description: "Beyond the role's preset: what a Custom user may do, or a User manager's extras." });
const TrafficAccounts = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 200, description: 'Names of the traffic accounts the user belongs to.' });
const Name = Type.String({ minLength: 1, maxLength: 100 });

export const UserView = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  /** Everything the user may do: the role's preset and the extras. */
  permissions: Type.Array(Type.String(), { description: "Everything the user may do: the role's preset and what was given beyond it." }),
  extraPermissions: Type.Array(Type.String(), { description: 'What was given beyond the preset.' }),
  status: Type.String({ description: 'active, pending (invited, not joined) or inactive (paused)' }),
  secondFactor: Type.String({ description: 'none, sms or totp: how they sign in after the password' }),
  operator: Type.Boolean(),
  account: Type.String(),
  trafficAccounts: Type.Array(Type.String()),
  createdAt: Type.String(),
});
export type UserView = Static<typeof UserView>;

export const UserList = Type.Object({ users: Type.Array(UserView) });

export const UserQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name (case-insensitive).' })),
  account: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "Another account's users (the operator)." })),
});
export type UserQuery = Static<typeof UserQuery>;

export const UserParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

export const UserInvite = Type.Object(
  {
    name: Name,
    email: Type.String({ minLength: 1, maxLength: EMAIL_MAX }),
    role: Role,
    permissions: Type.Optional(Permissions),
    trafficAccounts: Type.Optional(TrafficAccounts),
  },
  { additionalProperties: false },
);
export type UserInvite = Static<typeof UserInvite>;

export const UserPatch = Type.Object(
  {
    name: Type.Optional(Name),
    role: Type.Optional(Role),
    permissions: Type.Optional(Permissions),
    trafficAccounts: Type.Optional(TrafficAccounts),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')], { description: 'inactive pauses the user (their sessions end at once); active unpauses.' })),
  },
  { additionalProperties: false },
);
export type UserPatch = Static<typeof UserPatch>;

const Token = Type.String({ minLength: 1, maxLength: 100, description: 'The token of the link in the mail.' });
const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const LinkQuery = Type.Object({ token: Token });
export const LinkView = Type.Object({ email: Type.String(), name: Type.String(), account: Type.String() });
export const LinkRedeem = Type.Object({ token: Token, password: Password }, { additionalProperties: false });
export type LinkRedeem = Static<typeof LinkRedeem>;

export const ResetRequest = Type.Object({ email: Type.String({ minLength: 1, maxLength: EMAIL_MAX }) }, { additionalProperties: false });
export const ResetAccepted = Type.Object({ message: Type.String() });

export const OutboxQuery = Type.Object({
  account: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  cursor: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
});
export type OutboxQuery = Static<typeof OutboxQuery>;

export const OutboxView = Type.Object({
  id: Type.Integer(),
  account: Nullable(Type.String()),
  to: Type.String(),
  subject: Type.String(),
  body: Nullable(Type.String(), { description: 'Null once sent by SMTP (the links it held are not kept).' }),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  attempts: Type.Integer(),
  error: Nullable(Type.String()),
});
export type OutboxView = Static<typeof OutboxView>;

export const OutboxList = Type.Object({
  delivery: Type.String({ description: 'smtp: mail is sent; outbox: no SMTP server is set, mail is only kept here.' }),
  mails: Type.Array(OutboxView),
  nextCursor: Nullable(Type.Integer()),
});
