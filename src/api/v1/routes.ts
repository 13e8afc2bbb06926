// Management API v1: routes. Admin keys only. A change reaches intake in this thread at once
// and in the other API threads within ROUTES_CACHE_MS (gateway/router.ts).

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../contracts/messages.ts';
import { RouteCreate, RouteList, RouteParams, RoutePatch, RouteView } from '../../contracts/routes.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { RouteAdmin, routeView as present } from '../../gateway/route-admin.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';

export function routeRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Routes'];
  const errors = { '4xx': ApiError };
  const store = deps.routes;
  const admin = new RouteAdmin(store, async () => (await deps.connectors.list()).map((c) => c.id));

  app.post('/api/v1/routes', {
    config: { api: 'v1', needs: 'operator' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Add a route', body: RouteCreate, response: { 201: RouteView, ...errors } },
    handler: async (req, reply) => {
      const r = await admin.create(req.body);
      deps.routesChanged();
      return reply.code(201).send(present(r));
    },
  });

  app.get('/api/v1/routes', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'All routes, in the order they are tried', response: { 200: RouteList, ...errors } },
    handler: async () => ({ routes: (await store.list()).map(present) }),
  });

  app.get('/api/v1/routes/:id', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'One route', params: RouteParams, response: { 200: RouteView, ...errors } },
    handler: async (req) => {
      const r = await store.get(req.params.id);
      if (!r) throw new NotFoundError(`no route ${req.params.id}`);
      return present(r);
    },
  });

  app.patch('/api/v1/routes/:id', {
    config: { api: 'v1', needs: 'operator' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Change a route', params: RouteParams, body: RoutePatch, response: { 200: RouteView, ...errors } },
    handler: async (req) => {
      const r = await admin.change(req.params.id, req.body);
      deps.routesChanged();
      return present(r);
    },
  });

  app.delete('/api/v1/routes/:id', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'Remove a route', params: RouteParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await admin.remove(req.params.id);
      deps.routesChanged();
      return reply.code(204).send(null);
    },
  });
}
