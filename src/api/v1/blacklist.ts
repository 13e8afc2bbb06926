// Management API v1: the account's blacklist (list, add, remove, export as CSV) and its
// opt-out / opt-in keywords. Any key of the account reads and adds; taking a number off the
// list, or changing the keywords, needs an admin key: an opted-out number must stay out.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../contracts/messages.ts';
import { BlacklistCreate, BlacklistList, BlacklistParams, BlacklistQuery, BlacklistView, Keywords, KeywordsView } from '../../contracts/two-way.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { keywordListsProblem } from '../../domain/opt-out.ts';
import { blacklistCsv, blacklistNumber, keywordsInForce } from '../../gateway/blacklist.ts';
import type { BlacklistEntry } from '../../gateway/ports.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';

const present = (e: BlacklistEntry): BlacklistView => ({ ...e, createdAt: new Date(e.createdAt).toISOString() });

export function blacklistRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Blacklist and opt-out'];
  const errors = { '4xx': ApiError };
  const store = deps.blacklist;

  app.get('/api/v1/blacklist', {
    config: { api: 'v1', needs: 'sender', permission: 'blacklist' },
    schema: { tags, summary: "The account's blacklist, by number, with cursor pagination", querystring: BlacklistQuery, response: { 200: BlacklistList, ...errors } },
    handler: async (req) => {
      const limit = req.query.limit ?? 100;
      const entries = await store.list(req.caller!.accountId, { ...(req.query.source ? { source: req.query.source } : {}), after: req.query.cursor ?? null, limit });
      return { entries: entries.map(present), nextCursor: entries.length === limit ? entries.at(-1)!.number : null };
    },
  });

  app.get('/api/v1/blacklist/export', {
    config: { api: 'v1', needs: 'sender', permission: 'blacklist' },
    schema: { tags, summary: 'The whole blacklist as CSV (number, source, reason, inbound_id, created_at)', response: { 200: Type.String(), ...errors } },
    handler: async (req, reply) => {
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="blacklist.csv"');
      return reply.send(await blacklistCsv(store, req.caller!.accountId));
    },
  });

  app.post('/api/v1/blacklist', {
    config: { api: 'v1', needs: 'sender', permission: 'blacklist' },
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'Put a number on the blacklist (201; 200 with the existing entry when it is there already)',
      body: BlacklistCreate,
      response: { 200: BlacklistView, 201: BlacklistView, ...errors },
    },
    handler: async (req, reply) => {
      const accountId = req.caller!.accountId;
      const number = blacklistNumber(req.body.number, 'number');
      const entry: BlacklistEntry = { number, source: 'api', reason: req.body.reason ?? null, inboundId: null, createdAt: Date.now() };
      const added = await store.add(accountId, entry);
      return reply.code(added ? 201 : 200).send(present(added ? entry : (await store.get(accountId, number))!));
    },
  });

  app.delete('/api/v1/blacklist/:number', {
    config: { api: 'v1', needs: 'admin', permission: 'blacklist' },
    schema: { tags, summary: 'Take a number off the blacklist', params: BlacklistParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      const number = blacklistNumber(req.params.number, 'number');
      if (!(await store.remove(req.caller!.accountId, number))) throw new NotFoundError(`${number} is not on the blacklist`);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/keywords', {
    config: { api: 'v1', needs: 'sender', permission: 'blacklist' },
    schema: { tags, summary: 'The opt-out and opt-in keywords of inbound messages', response: { 200: KeywordsView, ...errors } },
    handler: async (req) => {
      return keywordsInForce(await store.keywords(req.caller!.accountId));
    },
  });

  app.put('/api/v1/keywords', {
    config: { api: 'v1', needs: 'admin', permission: 'blacklist' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Replace the keyword lists', body: Keywords, response: { 200: KeywordsView, ...errors } },
    handler: async (req) => {
      const problem = keywordListsProblem(req.body);
      if (problem) throw new ValidationError('invalid_parameter', problem.field, problem.message);
      await store.setKeywords(req.caller!.accountId, req.body);
      return keywordsInForce(req.body);
    },
  });

  app.delete('/api/v1/keywords', {
    config: { api: 'v1', needs: 'admin', permission: 'blacklist' },
    schema: { tags, summary: 'Back to the default keyword lists', response: { 200: KeywordsView, ...errors } },
    handler: async (req) => {
      await store.setKeywords(req.caller!.accountId, null);
      return keywordsInForce(null);
    },
  });
}
