// Management API v1: campaigns (seed: Campaigns, Campaign, Create Campaign; 001: statuses).

import { type Static, Type } from 'typebox';
import { CAMPAIGN_STATUSES } from '../domain/campaign-state.ts';
import { Nullable } from './nullable.ts';

const Names = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 }), { maxProperties: 50 });
export const PersonalizationView = Type.Object({
  columns: Names,
  fallbacks: Names,
});

export const CampaignView = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'campaign or quick_send' }),
  name: Type.String(),
  status: Type.String({ description: CAMPAIGN_STATUSES.join(', ') }),
  statusReason: Nullable(Type.String({ description: 'Why it is suspended, or the content rule that rejected it.' })),
  sender: Nullable(Type.String()),
  text: Type.String(),
  personalization: PersonalizationView,
  trafficAccountId: Nullable(Type.Integer()),
  listIds: Type.Array(Type.Integer()),
  scheduleAt: Nullable(Type.String({ description: 'UTC (ISO 8601); null: at launch.' })),
  timeZone: Nullable(Type.String({ description: 'The IANA zone the schedule was set in.' })),
  recipients: Type.Integer(),
  sent: Type.Integer(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  launchedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});
export type CampaignView = Static<typeof CampaignView>;

const statusList = `^(${CAMPAIGN_STATUSES.join('|')})(,(${CAMPAIGN_STATUSES.join('|')}))*$`;
export const CampaignQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name, any case.' })),
  status: Type.Optional(Type.String({ maxLength: 200, pattern: statusList, description: 'Statuses, comma-separated.' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  perPage: Type.Optional(Type.Union([Type.Literal(10), Type.Literal(15), Type.Literal(25), Type.Literal(50), Type.Literal(100)], { default: 15 })),
});
export type CampaignQuery = Static<typeof CampaignQuery>;
export const CampaignPage = Type.Object({ campaigns: Type.Array(CampaignView), total: Type.Integer() });

const Fields = {
  sender: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  text: Type.Optional(Type.String({ maxLength: 100_000 })),
  personalization: Type.Optional(PersonalizationView),
  trafficAccountId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }))),
  listIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), { maxItems: 100 })),
  scheduleAt: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'UTC or with an offset (ISO 8601), such as 2026-12-24T08:00:00Z.' }))),
  timeZone: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
};
export const NewCampaign = Type.Object({ name: Type.String({ maxLength: 1000 }), ...Fields }, { additionalProperties: false });
export type NewCampaign = Static<typeof NewCampaign>;
export const CampaignPatch = Type.Object({ name: Type.Optional(Type.String({ maxLength: 1000 })), ...Fields }, { additionalProperties: false });
export type CampaignPatch = Static<typeof CampaignPatch>;
export const CampaignParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
export const CloneBody = Type.Object({ name: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });

export const PreviewQuery = Type.Object({
  recipient: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0, description: 'Which recipient (0-based, across the lists in order).' })),
});
export const PreviewBody = Type.Object({ text: Type.String({ maxLength: 100_000, description: 'The message being written, not yet saved.' }) }, { additionalProperties: false });
export const EstimateBody = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: 100_000, description: 'The message being written; absent: the saved one.' })),
    trafficAccountId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'The traffic account being chosen; absent: the saved one.' }))),
  },
  { additionalProperties: false },
);
export const CampaignEstimate = Type.Object({
  recipients: Type.Integer({ description: 'Contacts of the lists less blacklisted numbers (duplicates across lists are removed when it is prepared).' }),
  parts: Type.Integer({ description: 'SMS parts per recipient of the message as written.' }),
  cost: Nullable(Type.String({ description: 'Decimal, in the traffic account’s currency; null without a traffic account.' })),
  currency: Nullable(Type.String()),
  unpriced: Type.Integer({ description: 'Recipients in countries the price list does not cover.' }),
});

export const CampaignPreview = Type.Object({
  total: Type.Integer({ description: 'Contacts in the lists (duplicates go when the campaign is prepared).' }),
  index: Type.Integer(),
  phone: Nullable(Type.String()),
  text: Type.String({ description: 'The message as this recipient gets it.' }),
  missing: Type.Array(Type.String(), { description: 'Placeholders this recipient has no value for (their fallback, or nothing, went in).' }),
});
