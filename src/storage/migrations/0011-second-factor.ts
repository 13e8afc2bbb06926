// Issue #12: phone verification and two-factor sign-in (the seed's 2FA section). A user's
// verified phone, the second factor they chose (a code by SMS, or an authenticator app's TOTP),
// its secret while being set up and once confirmed; one-time recovery codes (hashed); codes sent
// by SMS (hashed, 10 minutes, 5 tries); the half-done sign-ins waiting for a second factor
// (only a hash of the token the browser holds); and an account's rule that everyone needs 2FA.

import type { Dialect } from '../schema.ts';

const statements = (int: string, serial: string) => [
  `ALTER TABLE users ADD COLUMN phone TEXT`,
  `ALTER TABLE users ADD COLUMN phone_verified_at ${int}`,
  `ALTER TABLE users ADD COLUMN second_factor TEXT NOT NULL DEFAULT 'none' CHECK (second_factor IN ('none','sms','totp'))`,
  `ALTER TABLE users ADD COLUMN totp_secret TEXT`,
  `ALTER TABLE users ADD COLUMN totp_pending TEXT`,
  `ALTER TABLE accounts ADD COLUMN require_second_factor INTEGER NOT NULL DEFAULT 0`,
  `CREATE TABLE recovery_codes (
    id ${serial},
    user_id ${int} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at ${int})`,
  `CREATE INDEX recovery_codes_user ON recovery_codes (user_id)`,
  `CREATE TABLE user_codes (
    user_id ${int} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('phone','sign_in')),
    code_hash TEXT NOT NULL,
    phone TEXT NOT NULL,
    expires_at ${int} NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, purpose))`,
  `CREATE TABLE sign_in_challenges (
    token_hash TEXT PRIMARY KEY,
    user_id ${int} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    address TEXT,
    expires_at ${int} NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0)`,
];

export const secondFactor: Record<Dialect, string[]> = {
  sqlite: statements('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: statements('BIGINT', 'BIGSERIAL PRIMARY KEY'),
};
