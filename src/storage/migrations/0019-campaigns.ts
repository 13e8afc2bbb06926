// Issue #13: campaigns (seed: Campaigns, Campaign, Create Campaign; 001 for the statuses). A
// campaign names its lists (campaign_lists: a list held by a campaign past Draft cannot be
// deleted), its message with the personalisation (placeholder → column, fallbacks, as JSON),
// its sender, traffic account and schedule (UTC, with the zone it was set in). Its status moves
// only by guarded UPDATEs (domain/campaign-state.ts).

import type { Dialect } from '../schema.ts';

const STATUSES = "'draft','processing','ready','scheduled','sending','paused','suspended','aborted','rejected','finished'";

const statements = (int: string, serial: string) => [
  `CREATE TABLE campaigns (
    id ${serial},
    account_id ${int} NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign','quick_send')),
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN (${STATUSES})),
    status_reason TEXT,
    sender TEXT,
    text TEXT NOT NULL DEFAULT '',
    personalization TEXT NOT NULL DEFAULT '{"columns":{},"fallbacks":{}}',
    traffic_account_id ${int} REFERENCES traffic_accounts(id),
    schedule_at ${int},
    time_zone TEXT,
    recipients ${int} NOT NULL DEFAULT 0,
    sent ${int} NOT NULL DEFAULT 0,
    created_by ${int} REFERENCES users(id) ON DELETE SET NULL,
    created_at ${int} NOT NULL,
    updated_at ${int} NOT NULL,
    launched_at ${int},
    finished_at ${int})`,
  `CREATE INDEX campaigns_account ON campaigns (account_id, id)`,
  `CREATE TABLE campaign_lists (
    campaign_id ${int} NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    list_id ${int} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, list_id))`,
  `CREATE INDEX campaign_lists_list ON campaign_lists (list_id)`,
];

export const campaigns: Record<Dialect, string[]> = {
  sqlite: statements('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: statements('BIGINT', 'BIGSERIAL PRIMARY KEY'),
};
