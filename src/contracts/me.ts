// Management API v1: the signed-in person's own settings (seed: Settings): profile, phone
// verification, password, two-factor authentication; and the account's 2FA requirement.

import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

export const MeView = Type.Object({
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  account: Type.String(),
  phone: Nullable(Type.String(), { description: 'E.164.' }),
  phoneVerified: Type.Boolean(),
  secondFactor: Type.String({ description: 'none, sms or totp' }),
  recoveryCodesLeft: Type.Integer(),
  accountRequiresSecondFactor: Type.Boolean(),
  language: Nullable(Type.String(), { description: 'en or de; null: the browser’s.' }),
  timeZone: Nullable(Type.String(), { description: 'IANA zone; null: the browser’s.' }),
  unicodeDetection: Type.Boolean({ description: 'The message counters detect characters outside GSM-7.' }),
  defaultSender: Nullable(Type.String()),
  hasAvatar: Type.Boolean(),
});
export type MeView = Static<typeof MeView>;

export const MePatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    language: Type.Optional(Nullable(Type.String({ maxLength: 8 }))),
    timeZone: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    unicodeDetection: Type.Optional(Type.Boolean()),
    defaultSender: Type.Optional(Nullable(Type.String({ maxLength: 16 }))),
  },
  { additionalProperties: false },
);
export const AvatarBody = Type.Object({ image: Type.String({ maxLength: 360_000, description: 'A data: URL of a PNG, JPEG or WebP of at most 256 kB.' }) }, { additionalProperties: false });
export const PhoneStart = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
export const PhoneSent = Type.Object({ phone: Type.String(), sentTo: Type.String() });
export const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });
export const PasswordChange = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export const PasswordBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false });
export const TotpSetupView = Type.Object({
  secret: Type.String({ description: 'Base32, for typing into the app by hand.' }),
  uri: Type.String({ description: 'otpauth:// URI.' }),
  qr: Type.String({ description: 'The URI as a QR code: a data: URL of a PNG.' }),
});
export type TotpSetupView = Static<typeof TotpSetupView>;
export const EnableSecondFactor = Type.Object(
  { method: Type.Union([Type.Literal('sms'), Type.Literal('totp')]), code: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })) },
  { additionalProperties: false },
);
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String(), { description: 'Shown once: each signs in once instead of a code.' }) });

export const AccountSettings = Type.Object({ name: Type.String(), requireSecondFactor: Type.Boolean() });
export const AccountPatch = Type.Object({ requireSecondFactor: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
