// Management API v1: signing in to the campaign manager (a session cookie), who is signed in,
// signing out.

import { Type, type Static } from 'typebox';

export const SignIn = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type SignIn = Static<typeof SignIn>;

export const SessionView = Type.Object({
  user: Type.Object({
    email: Type.String(),
    name: Type.String(),
    role: Type.String({ description: 'administrator, user_manager, campaign_manager, analyst or custom' }),
    operator: Type.Boolean({ description: "An administrator of the platform's operator." }),
    permissions: Type.Array(Type.String(), { description: 'Everything the user may do: what the pages offer them.' }),
    account: Type.String(),
  }),
  csrfToken: Type.String({ description: 'Send it back in X-CSRF-Token with every write made with the session cookie.' }),
});
export type SessionView = Static<typeof SessionView>;
