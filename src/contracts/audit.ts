// Management API v1: the audit log of sign-ins and changes to who may sign in.

import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

export const AuditQuery = Type.Object({
  account: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "One account's entries (the operator's key; without it the operator reads every account's)." })),
  cursor: Type.Optional(Type.Integer({ minimum: 1, description: 'nextCursor of the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditList = Type.Object({
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      action: Type.String({
        description:
          'sign_in, sign_in_failed, sign_out, password_changed, user_created, user_invited, user_changed, user_deleted, user_paused, user_unpaused, invitation_accepted, password_reset_requested, password_reset',
      }),
      account: Nullable(Type.String(), { description: 'null: a failed sign-in for an email nobody has.' }),
      email: Nullable(Type.String()),
      address: Nullable(Type.String()),
      detail: Nullable(Type.String(), { description: 'Why a sign-in failed; who paused a user.' }),
    }),
  ),
  nextCursor: Nullable(Type.Integer()),
});
