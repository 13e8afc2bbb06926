// Management API v1: white-label. Anyone may read it (the login page shows it before sign-in);
// the operator changes it.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BrandingPatch, BrandingView } from '../../contracts/branding.ts';
import { ApiError } from '../../contracts/messages.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Brand } from '../../people/branding.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { sendDataUrl } from './present.ts';

const present = (b: Brand) => ({ productName: b.productName, primaryColor: b.primaryColor, hasLogo: b.logo !== null });

export function brandingRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['White-label'];
  const { branding } = deps.people;

  app.get('/api/v1/branding', {
    config: { api: 'v1', auth: 'public' },
    schema: { tags, summary: 'The product name, primary colour and whether there is a logo', response: { 200: BrandingView } },
    handler: async () => present(await branding.read()),
  });

  app.get('/api/v1/branding/logo', {
    config: { api: 'v1', auth: 'public' },
    schema: { tags, summary: 'The logo (also the favicon); 404 when Petrel’s own is used' },
    handler: async (_req, reply) => {
      const logo = (await branding.read()).logo;
      if (!logo) throw new NotFoundError('no logo is set');
      return sendDataUrl(reply, logo, 'public, max-age=60');
    },
  });

  app.patch('/api/v1/branding', {
    config: { api: 'v1', needs: 'operator' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'White-label the platform: product name, primary colour, logo (null: Petrel’s own)', body: BrandingPatch, response: { 200: BrandingView, '4xx': ApiError } },
    handler: async (req) => present(await branding.change(req.body)),
  });
}
