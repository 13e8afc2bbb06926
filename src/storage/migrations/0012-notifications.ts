// Issue #12: notifications (seed: Notifications): per user, with a type (success, error,
// warning, info), a tag (campaign, distribution list, email confirm, budget), the content, and
// when it was read or archived. And per traffic account the last credit threshold (80 or 100 %)
// its people were told of, so a crossing is told once and told again after a reset.

import type { Dialect } from '../schema.ts';

const statements = (int: string, serial: string) => [
  `CREATE TABLE notifications (
    id ${serial},
    user_id ${int} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (type IN ('success','error','warning','info')),
    tag TEXT NOT NULL CHECK (tag IN ('campaign','distribution_list','email_confirm','budget')),
    content TEXT NOT NULL,
    created_at ${int} NOT NULL,
    read_at ${int},
    archived_at ${int})`,
  `CREATE INDEX notifications_user ON notifications (user_id, id)`,
  `ALTER TABLE traffic_accounts ADD COLUMN credit_alerted INTEGER NOT NULL DEFAULT 0`,
];

export const notifications: Record<Dialect, string[]> = {
  sqlite: statements('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: statements('BIGINT', 'BIGSERIAL PRIMARY KEY'),
};
