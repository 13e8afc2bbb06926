// Management API v1: routes. Admin keys only. A change reaches intake in this thread at once
// and in the other API threads within ROUTES_CACHE_MS (gateway/router.ts).

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../contracts/messages.ts';
import { RouteCreate, RouteList, RouteParams, RoutePatch, RouteView } from '../../contracts/routes.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { formatMicros, parseMicros } from '../../domain/pricing.ts';
import { MAX_TOTAL_WEIGHT, type RouteConnector, type RouteFilters } from '../../domain/routing.ts';
import type { RouteFields, StoredRoute } from '../../gateway/ports.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';

function present(r: StoredRoute): RouteView {
  const { buyPriceMicros, createdAt, updatedAt, ...rest } = r;
  return {
    ...rest,
    buyPrice: buyPriceMicros === null ? null : formatMicros(buyPriceMicros),
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
  };
}

async function adminOnly(req: FastifyRequest): Promise<void> {
  if (req.principal?.role !== 'admin') throw new ForbiddenError('routes are managed with an admin key');
}

/** Filters as stored: country codes upper-case, prefixes without `+`. */
function normalFilters(f: RouteFilters): RouteFilters {
  return {
    ...f,
    ...(f.countries ? { countries: f.countries.map((c) => c.toUpperCase()) } : {}),
    ...(f.prefixes ? { prefixes: f.prefixes.map((p) => p.replace(/^\+/, '')) } : {}),
  };
}

type Body = { filters?: RouteFilters; connectors?: Array<{ connectorId: number; weight?: number }>; buyPrice?: string | null };

/** The API's fields in stored form (only those given). */
function fieldsOf<B extends Body>(body: B): Omit<B, 'buyPrice'> & Partial<Pick<RouteFields, 'filters' | 'connectors' | 'buyPriceMicros'>> {
  const { buyPrice, filters, connectors, ...rest } = body;
  return {
    ...rest,
    ...(filters ? { filters: normalFilters(filters) } : {}),
    ...(connectors ? { connectors: connectors.map((c): RouteConnector => ({ connectorId: c.connectorId, weight: c.weight ?? 1 })) } : {}),
    ...(buyPrice !== undefined ? { buyPriceMicros: buyPrice === null ? null : parseMicros(buyPrice) } : {}),
  } as never;
}

export function routeRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Routes'];
  const errors = { '4xx': ApiError };
  const store = deps.routes;

  /** Connectors must exist; a weighted route must give some connector a weight. */
  async function check(r: RouteFields): Promise<void> {
    const known = new Set((await deps.connectors.list()).map((c) => c.id));
    const missing = r.connectors.find((c) => !known.has(c.connectorId));
    if (missing) throw new ValidationError('invalid_parameter', 'connectors', `no connector ${missing.connectorId}`);
    const ids = r.connectors.map((c) => c.connectorId);
    if (new Set(ids).size !== ids.length) throw new ValidationError('invalid_parameter', 'connectors', 'a connector appears twice');
    const total = r.connectors.reduce((n, c) => n + c.weight, 0);
    if (r.strategy === 'weighted' && total === 0) throw new ValidationError('invalid_parameter', 'connectors', 'a weighted route needs a connector with weight above 0');
    if (total > MAX_TOTAL_WEIGHT) throw new ValidationError('invalid_parameter', 'connectors', `weights add up to at most ${MAX_TOTAL_WEIGHT}`);
  }

  async function nameFree(name: string, self?: number): Promise<void> {
    const other = await store.findByName(name);
    if (other && other.id !== self) throw new ConflictError(`a route named ${JSON.stringify(name)} exists`);
  }

  app.post('/api/v1/routes', {
    config: { api: 'v1' },
    preValidation: decodeJsonBody,
    preHandler: adminOnly,
    schema: { tags, summary: 'Add a route', body: RouteCreate, response: { 201: RouteView, ...errors } },
    handler: async (req, reply) => {
      const given = fieldsOf(req.body);
      const fields: RouteFields = {
        position: 0,
        enabled: true,
        strategy: 'static',
        filters: {},
        buyPriceMicros: null,
        ...given,
        connectors: given.connectors!,
      };
      await nameFree(fields.name);
      await check(fields);
      const r = await store.create(fields, Date.now());
      deps.routesChanged();
      return reply.code(201).send(present(r));
    },
  });

  app.get('/api/v1/routes', {
    config: { api: 'v1' },
    preHandler: adminOnly,
    schema: { tags, summary: 'All routes, in the order they are tried', response: { 200: RouteList, ...errors } },
    handler: async () => ({ routes: (await store.list()).map(present) }),
  });

  app.get('/api/v1/routes/:id', {
    config: { api: 'v1' },
    preHandler: adminOnly,
    schema: { tags, summary: 'One route', params: RouteParams, response: { 200: RouteView, ...errors } },
    handler: async (req) => {
      const r = await store.get(req.params.id);
      if (!r) throw new NotFoundError(`no route ${req.params.id}`);
      return present(r);
    },
  });

  app.patch('/api/v1/routes/:id', {
    config: { api: 'v1' },
    preValidation: decodeJsonBody,
    preHandler: adminOnly,
    schema: { tags, summary: 'Change a route', params: RouteParams, body: RoutePatch, response: { 200: RouteView, ...errors } },
    handler: async (req) => {
      const change = fieldsOf(req.body);
      if (change.name) await nameFree(change.name, req.params.id);
      // Checked as the route will be after the change.
      const current = await store.get(req.params.id);
      if (!current) throw new NotFoundError(`no route ${req.params.id}`);
      await check({ ...current, ...change });
      const r = await store.update(req.params.id, change, Date.now());
      if (!r) throw new NotFoundError(`no route ${req.params.id}`);
      deps.routesChanged();
      return present(r);
    },
  });

  app.delete('/api/v1/routes/:id', {
    config: { api: 'v1' },
    preHandler: adminOnly,
    schema: { tags, summary: 'Remove a route', params: RouteParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      if (!(await store.remove(req.params.id))) throw new NotFoundError(`no route ${req.params.id}`);
      deps.routesChanged();
      return reply.code(204).send(null);
    },
  });
}
