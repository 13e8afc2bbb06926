// The HTTP server: one content-type parser for every body (decoded per route family), API-key
// authentication, error mapping (Mitto responseCodes for the Mitto routes, camelCase errors
// for /api/v1), health, metrics and the OpenAPI docs at /docs.

import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Principal } from '../gateway/ports.ts';
import { ForbiddenError, NotFoundError, ValidationError, ConflictError } from '../domain/errors.ts';
import type { ApiDeps } from './deps.ts';
import { BadRequest, HttpError, TooManyRequests, Unauthorized } from './http-errors.ts';
import { mittoError, send, type Format } from './mitto/respond.ts';
import { mittoRoutes } from './mitto/routes.ts';
import { RateLimiter } from './rate-limit.ts';
import { connectorRoutes } from './v1/connectors.ts';
import { messageRoutes } from './v1/messages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Which error shape the route answers with; routes without it are public. */
    api?: 'mitto' | 'v1';
    format?: Format;
  }
}

function apiKeyOf(req: FastifyRequest): string | null {
  const mitto = req.headers['x-mitto-api-key'];
  if (typeof mitto === 'string' && mitto !== '') return mitto;
  const auth = req.headers.authorization;
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim() || null;
  return null;
}

/** Status and camelCase body for a management-API error. */
function v1Error(e: unknown): { status: number; body: { statusCode: number; error: string; message: string; field?: string } } {
  const out = (status: number, error: string, message: string, field?: string) => ({
    status,
    body: { statusCode: status, error, message, ...(field ? { field } : {}) },
  });
  if (e instanceof ValidationError) return out(400, 'Bad Request', e.message, e.field);
  if (e instanceof HttpError) return out(e.statusCode, httpReason(e.statusCode), e.message, e.field);
  if (e instanceof NotFoundError) return out(404, 'Not Found', e.message);
  if (e instanceof ForbiddenError) return out(403, 'Forbidden', e.message);
  if (e instanceof ConflictError) return out(409, 'Conflict', e.message);
  const fe = e as FastifyError;
  if (fe.validation && fe.validation.length > 0) {
    const v = fe.validation[0]!;
    const path = (v.instancePath || '').replace(/^\//, '').replaceAll('/', '.');
    const params = v.params as { missingProperty?: string; additionalProperty?: string } | undefined;
    const named = params?.missingProperty ?? params?.additionalProperty;
    const field = named ?? (path || fe.validationContext || 'body');
    return out(400, 'Bad Request', `${field}: ${v.message ?? 'is invalid'}`, field);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return out(fe.statusCode, httpReason(fe.statusCode), fe.message);
  return out(500, 'Internal Server Error', 'internal error');
}

function httpReason(status: number): string {
  return ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests' } as Record<number, string>)[status] ?? 'Error';
}

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One log line per request would cost more than the request at full load; errors are logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  });
  app.decorateRequest('principal', null);

  // Every body arrives raw; the route family decides how to read it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    done(null, { bytes: body as Buffer, contentType: req.headers['content-type'] ?? '' });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Petrel API', version: '0.1.0', description: 'Mitto-compatible SMS API and the Petrel management API.' },
      components: {
        securitySchemes: {
          mittoKey: { type: 'apiKey', in: 'header', name: 'X-Mitto-API-Key' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ mittoKey: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const limiter = new RateLimiter(deps.config.rateLimitPerKey);
  /** Admits a resolved caller, or says why not. */
  function admit(req: FastifyRequest, principal: Principal | null): Error | undefined {
    if (!principal) return new Unauthorized('the API key is unknown or revoked');
    if (principal.trafficAccount.status !== 'active') {
      return new ForbiddenError(`traffic account ${JSON.stringify(principal.trafficAccount.name)} is inactive`);
    }
    const wait = limiter.take(principal.keyId);
    if (wait > 0) return new TooManyRequests(wait);
    req.principal = principal;
    return undefined;
  }

  // Callback-style hooks: on the hot path a cached key costs no promise and no extra tick.
  app.addHook('onRequest', (req, _reply, done) => {
    if (!req.routeOptions.config.api) return done();
    // A NUL can reach a query parameter only as %00; no filter or field may hold one.
    if (req.url.includes('%00')) return done(new BadRequest('the query string contains a NUL character (%00)', 'query'));
    const key = apiKeyOf(req);
    if (!key) return done(new Unauthorized());
    const cached = deps.tenancy.cachedPrincipal(key);
    if (cached !== undefined) return done(admit(req, cached));
    deps.tenancy.authenticate(key).then((p) => done(admit(req, p)), done);
  });

  // While closing, a keep-alive connection whose request was in flight would otherwise hold
  // close() open until its keep-alive timeout (72 s): close it once its answer is out.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    deps.metrics.httpRequests.inc({ route: req.routeOptions.url ?? 'unmatched', status: reply.statusCode });
    if (closing) app.server.closeIdleConnections();
    done();
  });

  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const family = req.routeOptions.config?.api;
    if (family === 'mitto') {
      const { status, body, retryAfter } = mittoError(err);
      if (status >= 500) req.log.error({ err }, 'request failed');
      if (retryAfter) reply.header('retry-after', retryAfter);
      return send(reply, req.routeOptions.config.format ?? 'json', 'ErrorResponse', status, body);
    }
    const { status, body } = v1Error(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    if (err instanceof TooManyRequests) reply.header('retry-after', err.retryAfterSeconds);
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await deps.ready();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable' });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    return reply.type(deps.metrics.registry.contentType).send(await deps.renderMetrics());
  });

  mittoRoutes(app, deps);
  messageRoutes(app, deps);
  connectorRoutes(app, deps);
  return app;
}
