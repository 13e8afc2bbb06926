// Management API v1: message templates (seed: Templates), the caller's account's.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Template } from '../../campaigns/ports.ts';
import { ApiError } from '../../contracts/messages.ts';
import { NewTemplate, TemplatePage, TemplateParams, TemplatePatch, TemplateQuery, TemplateView } from '../../contracts/templates.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { paging } from './paging.ts';
import { iso } from './present.ts';

const present = (t: Template) => ({ id: t.id, name: t.name, text: t.text, createdBy: t.createdBy, createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt) });

export function templateRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Templates'];
  const errors = { '4xx': ApiError };
  const config = { api: 'v1', needs: 'sender', permission: 'templates' } as const;
  const { templates } = deps.campaigns;

  app.get('/api/v1/templates', {
    config,
    schema: { tags, summary: 'The account’s templates, newest first; search on the name or the message', querystring: TemplateQuery, response: { 200: TemplatePage, ...errors } },
    handler: async (req) => {
      const page = await templates.list(req.caller!.accountId, paging(req.query));
      return { templates: page.items.map(present), total: page.total };
    },
  });

  app.post('/api/v1/templates', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Create a template (201): a name (1–64 characters, unique in the account) and a message (at most 1,600)', body: NewTemplate, response: { 201: TemplateView, ...errors } },
    handler: async (req, reply) => reply.code(201).send(present(await templates.create(req.caller!.accountId, req.body, req.caller!.user?.id ?? null, Date.now()))),
  });

  app.get('/api/v1/templates/:id', {
    config,
    schema: { tags, summary: 'One template', params: TemplateParams, response: { 200: TemplateView, ...errors } },
    handler: async (req) => present(await templates.get(req.caller!.accountId, req.params.id)),
  });

  app.patch('/api/v1/templates/:id', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Change a template’s name or message', params: TemplateParams, body: TemplatePatch, response: { 200: TemplateView, ...errors } },
    handler: async (req) => present(await templates.change(req.caller!.accountId, req.params.id, req.body, Date.now())),
  });

  app.delete('/api/v1/templates/:id', {
    config,
    schema: { tags, summary: 'Delete a template (204)', params: TemplateParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await templates.delete(req.caller!.accountId, req.params.id);
      return reply.code(204).send(null);
    },
  });
}
