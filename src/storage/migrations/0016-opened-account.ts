// Issue #15: an operator's administrator may open another account's campaign manager to help.
// The session remembers which account it works in (null: the user's own), so every request of
// that session is scoped to it until they return.

import type { Dialect } from '../schema.ts';

export const openedAccount: Record<Dialect, string[]> = {
  sqlite: [`ALTER TABLE sessions ADD COLUMN opened_account_id INTEGER REFERENCES accounts(id)`],
  postgres: [`ALTER TABLE sessions ADD COLUMN opened_account_id INTEGER REFERENCES accounts(id)`],
};
