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
    language: Type.Union([Type.Null(), Type.String()], { description: 'Their chosen language; null: the browser’s.' }),
    timeZone: Type.Union([Type.Null(), Type.String()], { description: 'Their time zone; null: the browser’s.' }),
    account: Type.String(),
  }),
  csrfToken: Type.String({ description: 'Send it back in X-CSRF-Token with every write made with the session cookie.' }),
  openedAccount: Type.Union([Type.Null(), Type.String()], {
    description: "The account an operator's administrator opened to help (PUT /api/v1/session/account); every request of the session works in it. Null: their own.",
  }),
  setupRequired: Type.Boolean({ description: 'The account requires a second factor and this user has none yet: only their own settings open until they set one up.' }),
});
export type SessionView = Static<typeof SessionView>;

/** The password was right; the user has a second factor, which comes next. */
export const OpenAccount = Type.Object({ account: Type.String({ minLength: 1, maxLength: 64, description: "The account's name." }) });
export type OpenAccount = Static<typeof OpenAccount>;

export const SecondFactorNeeded = Type.Object({
  secondFactor: Type.Object({
    method: Type.Union([Type.Literal('sms'), Type.Literal('totp')]),
    challenge: Type.String({ description: 'Send it back with the code to POST /api/v1/session/second-factor (10 minutes, 5 tries).' }),
    sentTo: Type.Union([Type.Null(), Type.String()], { description: 'Where the SMS code went, masked.' }),
  }),
});
export type SecondFactorNeeded = Static<typeof SecondFactorNeeded>;

export const SignInAnswer = Type.Union([SessionView, SecondFactorNeeded]);
export type SignInAnswer = Static<typeof SignInAnswer>;

export const SecondFactorAnswer = Type.Object(
  {
    challenge: Type.String({ minLength: 1, maxLength: 100 }),
    code: Type.String({ minLength: 1, maxLength: 20, description: 'The six digits, or one of the recovery codes.' }),
  },
  { additionalProperties: false },
);
export type SecondFactorAnswer = Static<typeof SecondFactorAnswer>;
