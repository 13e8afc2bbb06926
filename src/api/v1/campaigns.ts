// Management API v1: campaigns (seed: Campaigns, Create Campaign). Drafts are written in any
// order of fields and steps; a campaign past Draft answers 409 with its status to a change.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { CampaignCaller } from '../../campaigns/campaigns.ts';
import type { Campaign, CampaignFields } from '../../campaigns/ports.ts';
import {
  CampaignEstimate,
  CampaignPage,
  CampaignParams,
  CampaignPatch,
  CampaignPreview,
  CampaignQuery,
  CampaignView,
  CloneBody,
  EstimateBody,
  NewCampaign,
  PreviewBody,
  PreviewQuery,
} from '../../contracts/campaigns.ts';
import { formatMicros } from '../../domain/pricing.ts';
import { ApiError } from '../../contracts/messages.ts';
import type { CampaignStatus } from '../../domain/campaign-state.ts';
import { ValidationError } from '../../domain/errors.ts';
import { decodeJsonBody } from '../body.ts';
import { dataScope } from '../caller.ts';
import type { ApiDeps } from '../deps.ts';
import { paging } from './paging.ts';
import { iso, isoOrNull } from './present.ts';

const present = (c: Campaign) => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  status: c.status,
  statusReason: c.statusReason,
  sender: c.sender,
  text: c.text,
  personalization: { columns: { ...c.personalization.columns }, fallbacks: { ...c.personalization.fallbacks } },
  trafficAccountId: c.trafficAccountId,
  listIds: c.listIds,
  scheduleAt: isoOrNull(c.scheduleAt),
  timeZone: c.timeZone,
  recipients: c.recipients,
  sent: c.sent,
  createdBy: c.createdBy,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
  launchedAt: isoOrNull(c.launchedAt),
  finishedAt: isoOrNull(c.finishedAt),
});

/** A body's fields as a draft's: the schedule read as a time. */
function fields(b: CampaignPatch): Partial<CampaignFields> {
  const { scheduleAt, ...rest } = b;
  const out: Partial<CampaignFields> = rest;
  if (scheduleAt !== undefined) {
    const at = scheduleAt === null ? null : Date.parse(scheduleAt);
    if (scheduleAt !== null && (Number.isNaN(at) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(scheduleAt)))
      throw new ValidationError('invalid_parameter', 'scheduleAt', 'a time in ISO 8601 with its offset, such as 2026-12-24T08:00:00Z');
    out.scheduleAt = at;
  }
  return out;
}

export function campaignRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Campaigns'];
  const errors = { '4xx': ApiError };
  const config = { api: 'v1', needs: 'sender', permission: 'campaigns' } as const;
  const { campaigns } = deps.campaigns;
  const callerOf = async (req: FastifyRequest): Promise<CampaignCaller> => ({
    accountId: req.caller!.accountId,
    userId: req.caller!.user?.id ?? null,
    scope: await dataScope(deps.people.users, req.caller!),
  });

  app.get('/api/v1/campaigns', {
    config,
    schema: { tags, summary: 'The account’s campaigns, newest first; search on the name, filter by status', querystring: CampaignQuery, response: { 200: CampaignPage, ...errors } },
    handler: async (req) => {
      const statuses = req.query.status ? (req.query.status.split(',') as CampaignStatus[]) : undefined;
      const page = await campaigns.list(await callerOf(req), { ...paging(req.query), statuses });
      return { campaigns: page.items.map(present), total: page.total };
    },
  });

  app.post('/api/v1/campaigns', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Create a draft (201): a name of 3–50 characters; the other fields now or later', body: NewCampaign, response: { 201: CampaignView, ...errors } },
    handler: async (req, reply) => reply.code(201).send(present(await campaigns.create(await callerOf(req), { ...fields(req.body), name: req.body.name }, Date.now()))),
  });

  app.get('/api/v1/campaigns/:id', {
    config,
    schema: { tags, summary: 'One campaign', params: CampaignParams, response: { 200: CampaignView, ...errors } },
    handler: async (req) => present(await campaigns.get(await callerOf(req), req.params.id)),
  });

  app.patch('/api/v1/campaigns/:id', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Change a draft (409 with the status once it has moved on)', params: CampaignParams, body: CampaignPatch, response: { 200: CampaignView, ...errors } },
    handler: async (req) => present(await campaigns.change(await callerOf(req), req.params.id, fields(req.body), Date.now())),
  });

  app.delete('/api/v1/campaigns/:id', {
    config,
    schema: { tags, summary: 'Delete a draft (204; 409 for a campaign past Draft: abort it instead)', params: CampaignParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await campaigns.delete(await callerOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/campaigns/:id/clone', {
    config,
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'A new draft with this campaign’s settings under a new name (201); the schedule is not copied',
      params: CampaignParams,
      body: CloneBody,
      response: { 201: CampaignView, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(present(await campaigns.clone(await callerOf(req), req.params.id, req.body.name, Date.now()))),
  });

  app.get('/api/v1/campaigns/:id/preview', {
    config,
    schema: { tags, summary: 'The message as the n-th recipient gets it', params: CampaignParams, querystring: PreviewQuery, response: { 200: CampaignPreview, ...errors } },
    handler: async (req) => campaigns.preview(await callerOf(req), req.params.id, req.query.recipient ?? 0),
  });

  app.post('/api/v1/campaigns/:id/estimate', {
    config,
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'The estimated cost: recipients by country times the price of the message’s parts',
      params: CampaignParams,
      body: EstimateBody,
      response: { 200: CampaignEstimate, ...errors },
    },
    handler: async (req) => {
      const e = await campaigns.estimate(await callerOf(req), req.params.id, req.body, req.caller!.user?.preferences.unicodeDetection ?? true);
      return { recipients: e.recipients, parts: e.parts, cost: e.cost ? formatMicros(e.cost.micros) : null, currency: e.cost?.currency ?? null, unpriced: e.unpriced };
    },
  });

  app.post('/api/v1/campaigns/:id/preview', {
    config,
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'The message being written (not saved) as the n-th recipient gets it',
      params: CampaignParams,
      querystring: PreviewQuery,
      body: PreviewBody,
      response: { 200: CampaignPreview, ...errors },
    },
    handler: async (req) => campaigns.preview(await callerOf(req), req.params.id, req.query.recipient ?? 0, req.body.text),
  });
}
