// Management API v1: inbound (mobile-originated) messages of the account, each with its
// forwards to the traffic account's inbound URL; and the numbers they arrive on.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../contracts/messages.ts';
import { InboundList, InboundListQuery, InboundView, NumberCreate, NumberList, NumberParams, NumberView } from '../../contracts/two-way.ts';
import { inboundStatus } from '../../domain/callback.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { normaliseUuid } from '../../domain/ids.ts';
import { addressKey } from '../../domain/inbound.ts';
import { giveNumber, ownedNumbers } from '../../gateway/numbers.ts';
import type { InboundFilter, InboundMessage, TrafficAccount } from '../../gateway/ports.ts';
import { dataScope, type Caller } from '../caller.ts';
import type { CallbackAttempt } from '../../webhooks/ports.ts';
import { decodeJsonBody } from '../body.ts';
import { parseDate, parseRangeEnd } from '../dates.ts';
import type { ApiDeps } from '../deps.ts';
import { allows, neededKey, type DataScope } from '../../domain/scopes.ts';
import { iso, presentAttempt, uuidCursor } from './present.ts';

function present(m: InboundMessage, names: Map<number, TrafficAccount>, forwards?: readonly CallbackAttempt[]): InboundView {
  return {
    id: m.id,
    from: m.from,
    to: m.to,
    text: m.text,
    encoding: m.encoding,
    parts: m.parts,
    status: inboundStatus(m.action),
    trafficAccount: m.trafficAccountId === null ? null : (names.get(m.trafficAccountId)?.name ?? String(m.trafficAccountId)),
    receivedAt: iso(m.receivedAt),
    ...(forwards ? { forwards: forwards.map(presentAttempt) } : {}),
  };
}

/** Whose inbound messages a request reads: what the caller may read of its account, or (the operator, `unassigned`) those no traffic account has. */
async function scope(users: ApiDeps['people']['users'], p: Caller, unassigned: boolean | undefined): Promise<DataScope | null> {
  if (!unassigned) return dataScope(users, p);
  if (!allows(p.role, 'operator')) throw new ForbiddenError(`messages to unassigned numbers are read with ${neededKey('operator')}`);
  return null;
}

export function inboundRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Inbound (2-way)'];
  const errors = { '4xx': ApiError };

  app.get('/api/v1/inbound', {
    config: { api: 'v1', needs: 'sender', permission: 'reports' },
    schema: { tags, summary: 'Inbound messages, newest first, with filters and cursor pagination', querystring: InboundListQuery, response: { 200: InboundList, ...errors } },
    handler: async (req) => {
      const q = req.query;
      const readable = await scope(deps.people.users, req.caller!, q.unassigned);
      const filter: InboundFilter = {};
      if (q.from) filter.from = parseDate(q.from, 'from');
      if (q.to) filter.to = parseRangeEnd(q.to, 'to');
      if (q.sender) filter.sender = q.sender;
      if (q.recipient) filter.recipient = q.recipient;
      const before = uuidCursor(q.cursor);
      const limit = q.limit ?? 100;
      const rows = await deps.inbound.list(readable, filter, before, limit);
      const accounts = await deps.tenancy.trafficAccountMap(req.caller!.accountId);
      return { messages: rows.map((m) => present(m, accounts)), nextCursor: rows.length === limit ? rows.at(-1)!.id : null };
    },
  });

  app.get('/api/v1/inbound/:id', {
    config: { api: 'v1', needs: 'sender', permission: 'reports' },
    schema: {
      tags,
      summary: 'One inbound message, with its forwards to the inbound URL',
      params: Type.Object({ id: Type.String() }),
      querystring: Type.Object({ unassigned: Type.Optional(Type.Boolean()) }),
      response: { 200: InboundView, ...errors },
    },
    handler: async (req) => {
      const id = normaliseUuid(req.params.id);
      const m = id ? await deps.inbound.get(await scope(deps.people.users, req.caller!, req.query.unassigned), id) : null;
      if (!m) throw new NotFoundError(`no inbound message ${JSON.stringify(req.params.id)} in this account`);
      return present(m, await deps.tenancy.trafficAccountMap(req.caller!.accountId), await deps.callbackAttempts(m.id));
    },
  });

  app.get('/api/v1/numbers', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'The numbers inbound messages arrive on, and whose they are', response: { 200: NumberList, ...errors } },
    handler: async () => ({ numbers: (await ownedNumbers(deps.tenancy, deps.numbers, null)).map((n) => ({ ...n, createdAt: iso(n.createdAt) })) }),
  });

  app.post('/api/v1/numbers', {
    config: { api: 'v1', needs: 'operator' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Give a number to a traffic account: its inbound messages become that account’s', body: NumberCreate, response: { 201: NumberView, ...errors } },
    handler: async (req, reply) => {
      const b = req.body;
      const accountId = b.account ? await deps.tenancy.accountIdOf(b.account) : req.caller!.accountId;
      const n = await giveNumber(deps.tenancy, deps.numbers, { accountId, accountName: b.account ?? req.caller!.accountName, number: b.number, trafficAccount: b.trafficAccount });
      return reply.code(201).send({ ...n, createdAt: iso(n.createdAt) });
    },
  });

  app.delete('/api/v1/numbers/:number', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'Take a number from its traffic account', params: NumberParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      if (!(await deps.numbers.remove(req.params.number))) throw new NotFoundError(`no number ${addressKey(req.params.number)}`);
      return reply.code(204).send(null);
    },
  });
}
