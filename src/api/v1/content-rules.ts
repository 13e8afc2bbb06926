// Management API v1: content rules. The operator keeps them (a platform setting, issue #15);
// anyone who writes campaigns may check a message against them before launching it.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ContentCheckBody, ContentCheckView, ContentRulesBody, ContentRulesView } from '../../contracts/content-rules.ts';
import { ApiError } from '../../contracts/messages.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';

export function contentRuleRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Campaigns'];
  const errors = { '4xx': ApiError };
  const { contentRules } = deps.campaigns;

  app.get('/api/v1/content-rules', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'The content rules a campaign’s message is checked against at launch', response: { 200: ContentRulesView, ...errors } },
    handler: async () => ({ rules: await contentRules.rules() }),
  });

  app.put('/api/v1/content-rules', {
    config: { api: 'v1', needs: 'operator' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Replace the content rules (each checked; a bad /pattern/ is named by its index)', body: ContentRulesBody, response: { 200: ContentRulesView, ...errors } },
    handler: async (req) => ({ rules: await contentRules.set(req.body.rules) }),
  });

  app.post('/api/v1/content-rules/check', {
    config: { api: 'v1', needs: 'sender', permission: 'campaigns' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'The first content rule a message breaks, or null', body: ContentCheckBody, response: { 200: ContentCheckView, ...errors } },
    handler: async (req) => ({ rule: await contentRules.broken(req.body.text) }),
  });
}
