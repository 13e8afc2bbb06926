// One place decides who may call a route (DESIGN.md D13): every route of an API declares the
// least key role it needs in `config.needs`, server.ts checks it once the key is known, and a
// route that declares none is a mistake found at start, not a route open to every key. The
// scope also goes into the route's OpenAPI description.

import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import { neededKey } from '../domain/scopes.ts';
import { permissionWords } from '../people/permissions.ts';

export function requireScopes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const config = route.config as FastifyContextConfig | undefined;
    if (!config?.api) return;
    if (!config.auth && !config.needs) throw new Error(`${String(route.method)} ${route.url} declares no scope (config.needs)`);
    const forPeople = config.permission ? `A signed-in person needs ${permissionWords(config.permission)}. ` : '';
    const note = config.own
      ? 'Needs a signed-in person (the session cookie): their own settings.'
      : config.needs
        ? `${forPeople}Needs ${neededKey(config.needs)} (${config.needs}).`
        : config.auth === 'public'
          ? 'Needs no authentication: anyone may ask, the link’s token is the proof.'
          : 'Needs no API key: it works with the session cookie.';
    if (route.schema) route.schema = { ...route.schema, description: [route.schema.description, note].filter(Boolean).join(' ') };
  });
}
