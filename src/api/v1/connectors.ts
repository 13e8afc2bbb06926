// Management API v1: SMSC connectors. Admin keys only; the password is write-only.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../contracts/messages.ts';
import { ConnectorCreate, ConnectorList, ConnectorParams, ConnectorPatch, ConnectorView } from '../../contracts/connectors.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { CONNECTOR_DEFAULTS, type Connector } from '../../engine/ports.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';

function present(c: Connector): ConnectorView {
  const { password, createdAt, updatedAt, ...rest } = c;
  return { ...rest, passwordSet: password.length > 0, createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
}

export function connectorRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Connectors'];
  const errors = { '4xx': ApiError };
  const store = deps.connectors;

  async function existing(id: number): Promise<Connector> {
    const c = await store.get(id);
    if (!c) throw new NotFoundError(`no connector ${id}`);
    return c;
  }

  app.post('/api/v1/connectors', {
    config: { api: 'v1', needs: 'operator' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Add an SMSC connector', body: ConnectorCreate, response: { 201: ConnectorView, ...errors } },
    handler: async (req, reply) => {
      const { name, enabled = true, paused = false, ...given } = req.body;
      if (await store.findByName(name)) throw new ConflictError(`a connector named ${JSON.stringify(name)} exists`);
      const c = await store.create(name, { ...CONNECTOR_DEFAULTS, ...given }, { enabled, paused }, Date.now());
      return reply.code(201).send(present(c));
    },
  });

  app.get('/api/v1/connectors', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'All connectors', response: { 200: ConnectorList, ...errors } },
    handler: async () => ({ connectors: (await store.list()).map(present) }),
  });

  app.get('/api/v1/connectors/:id', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'One connector', params: ConnectorParams, response: { 200: ConnectorView, ...errors } },
    handler: async (req) => {
      const c = present(await existing(req.params.id));
      const live = await deps.engine.live(req.params.id);
      if (!live) return { ...c, live: null };
      const { counters, lastErrorAt, ...rest } = live;
      const queued = await deps.queued(req.params.id, live.claims);
      return { ...c, live: { ...rest, queued, counters: { ...counters }, lastErrorAt: lastErrorAt === null ? null : new Date(lastErrorAt).toISOString() } };
    },
  });

  app.patch('/api/v1/connectors/:id', {
    config: { api: 'v1', needs: 'operator' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Change a connector (pause, disable, settings)', params: ConnectorParams, body: ConnectorPatch, response: { 200: ConnectorView, ...errors } },
    handler: async (req) => {
      await existing(req.params.id);
      if (req.body.name) {
        const other = await store.findByName(req.body.name);
        if (other && other.id !== req.params.id) throw new ConflictError(`a connector named ${JSON.stringify(req.body.name)} exists`);
      }
      const c = await store.update(req.params.id, req.body, Date.now());
      if (!c) throw new NotFoundError(`no connector ${req.params.id}`);
      return present(c);
    },
  });

  app.delete('/api/v1/connectors/:id', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'Remove a connector', params: ConnectorParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      if (!(await store.remove(req.params.id))) throw new NotFoundError(`no connector ${req.params.id}`);
      return reply.code(204).send(null);
    },
  });
}
