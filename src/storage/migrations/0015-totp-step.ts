// Issue #12: an authenticator code works once. The 30-second step of the last TOTP code a user
// signed in with; a code of that step or an earlier one is refused, so one seen over a
// shoulder cannot be replayed within its window.

import type { Dialect } from '../schema.ts';

export const totpStep: Record<Dialect, string[]> = {
  sqlite: [`ALTER TABLE users ADD COLUMN totp_last_step INTEGER`],
  postgres: [`ALTER TABLE users ADD COLUMN totp_last_step BIGINT`],
};
