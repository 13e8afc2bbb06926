// The HTTP server: one content-type parser for every body (decoded per route family), API-key
// authentication, error mapping (Mitto responseCodes for the Mitto routes, camelCase errors
// for /api/v1), health, metrics and the OpenAPI docs at /docs.

import { STATUS_CODES } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Principal } from '../gateway/ports.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { allows, neededKey, type Scope } from '../domain/scopes.ts';
import type { Permission } from '../domain/permissions.ts';
import { requireScopes } from './scopes.ts';
import type { Caller } from './caller.ts';
import { BACKGROUND_HEADER, csrfPasses, SAFE_METHODS, SESSION_ENDED, sessionToken } from './session-cookie.ts';
import { keyRoleOf, needsSecondFactorSetup, personRefusal, workingAccount } from '../people/permissions.ts';
import type { ApiDeps } from './deps.ts';
import { BadRequest, errorStatus, TooManyRequests, Unauthorized } from './http-errors.ts';
import { mittoErrorBody, send, type Format } from './mitto/respond.ts';
import { mittoRoutes } from './mitto/routes.ts';
import { RateLimiter } from './rate-limit.ts';
import { connectorRoutes } from './v1/connectors.ts';
import { routeRoutes } from './v1/routes.ts';
import { simulatorRoutes } from './v1/simulator.ts';
import { messageRoutes } from './v1/messages.ts';
import { accountRoutes } from './v1/accounts.ts';
import { blacklistRoutes } from './v1/blacklist.ts';
import { inboundRoutes } from './v1/inbound.ts';
import { sessionRoutes } from './v1/session.ts';
import { auditRoutes } from './v1/audit.ts';
import { userRoutes } from './v1/users.ts';
import { linkRoutes } from './v1/links.ts';
import { mailRoutes } from './v1/mail.ts';
import { meRoutes } from './v1/me.ts';
import { notificationRoutes } from './v1/notifications.ts';
import { listRoutes } from './v1/lists.ts';
import { templateRoutes } from './v1/templates.ts';
import { campaignRoutes } from './v1/campaigns.ts';
import { contentRuleRoutes } from './v1/content-rules.ts';
import { brandingRoutes } from './v1/branding.ts';
import { isAppPage, sendAppPage, serveWebApp } from './web-app.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key's principal (every API route). */
    principal: Principal | null;
    /** Who calls a management route: the key's principal or a signed-in person. */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Which error shape the route answers with; routes without it are public. */
    api?: 'mitto' | 'v1';
    /** The least key role that may call it (domain/scopes.ts); every API route declares one. */
    needs?: Scope;
    /** For a signed-in person: the named permission it needs (people/permissions.ts). */
    /** What a signed-in person needs: one permission, or any one of several. */
    permission?: Permission | readonly Permission[];
    /** The person's own settings: any signed-in person, not an API key; open while 2FA is being set up. */
    own?: boolean;
    /** `session`: the route authenticates by the session cookie itself (sign-in); `public`: nobody needs to (a link's page). */
    auth?: 'session' | 'public';
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
  app.decorateRequest('caller', null);

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

  requireScopes(app);

  const limiter = new RateLimiter(deps.config.rateLimitPerKey);
  /** Admits a resolved API key, or says why not. */
  function admit(req: FastifyRequest, principal: Principal | null): Error | undefined {
    if (!principal) return new Unauthorized('the API key is unknown or revoked');
    if (principal.trafficAccount.status !== 'active') {
      return new ForbiddenError(`traffic account ${JSON.stringify(principal.trafficAccount.name)} is inactive`);
    }
    const { needs, own } = req.routeOptions.config;
    if (own) return new ForbiddenError(`${req.method} ${req.routeOptions.url} is a signed-in person's own; an API key has none`);
    if (!allows(principal.role, needs!)) return new ForbiddenError(`${req.method} ${req.routeOptions.url} needs ${neededKey(needs!)}`);
    const wait = limiter.take(principal.keyId!);
    if (wait > 0) return new TooManyRequests(wait);
    req.principal = principal;
    req.caller = principal;
    return undefined;
  }

  /** Admits a signed-in person to a management route, or says why not. */
  async function admitPerson(req: FastifyRequest, token: string): Promise<Error | undefined> {
    const active = await deps.people.sessions.resolve(token, Date.now(), req.headers[BACKGROUND_HEADER] === '1');
    if (!active) return new Unauthorized(SESSION_ENDED);
    if (!csrfPasses(req, active.session.csrfToken)) return new ForbiddenError('the X-CSRF-Token header is missing or not this session’s');
    const { user } = active;
    const { needs, permission, own } = req.routeOptions.config;
    if (!own && needsSecondFactorSetup(user)) return new ForbiddenError('your account requires two-factor authentication: set it up in Settings first');
    const refusal = own ? null : personRefusal(user, { needs: needs!, permission }, !SAFE_METHODS.has(req.method));
    if (refusal) return new ForbiddenError(`${req.method} ${req.routeOptions.url} needs ${refusal}`);
    // Keys' buckets are keyed by their positive ids; a person's by the negated user id.
    const wait = limiter.take(-user.id);
    if (wait > 0) return new TooManyRequests(wait);
    const account = workingAccount(user, active.session.openedAccount);
    req.caller = { role: keyRoleOf(user), accountId: account.id, accountName: account.name, user };
    return undefined;
  }

  // Callback-style hooks: on the hot path a cached key costs no promise and no extra tick.
  app.addHook('onRequest', (req, _reply, done) => {
    const config = req.routeOptions.config;
    if (!config.api || config.auth) return done();
    // A NUL can reach a query parameter only as %00; no filter or field may hold one.
    if (req.url.includes('%00')) return done(new BadRequest('the query string contains a NUL character (%00)', 'query'));
    const key = apiKeyOf(req);
    if (!key) {
      const token = config.api === 'v1' ? sessionToken(req) : null;
      if (!token) return done(new Unauthorized());
      admitPerson(req, token).then(done, done);
      return;
    }
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
    const e = errorStatus(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    if (e.retryAfterSeconds) reply.header('retry-after', e.retryAfterSeconds);
    const config = req.routeOptions.config;
    if (config?.api === 'mitto') return send(reply, config.format ?? 'json', 'ErrorResponse', e.status, mittoErrorBody(e));
    // The management API's camelCase error.
    const body = {
      statusCode: e.status,
      error: STATUS_CODES[e.status] ?? 'Error',
      message: e.message,
      ...(e.field ? { field: e.field } : {}),
      ...(e.code ? { code: e.code } : {}),
      ...(e.params ? { params: e.params } : {}),
    };
    return reply.code(e.status).send(body);
  });

  const webApp = await serveWebApp(app, deps.config.webDist);
  app.setNotFoundHandler((req, reply) => {
    if (webApp && isAppPage(req)) return sendAppPage(reply);
    reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const status = await deps.ready();
    return reply.code(status === 'ready' ? 200 : 503).send({ status });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    return reply.type(deps.metrics.registry.contentType).send(await deps.renderMetrics());
  });

  mittoRoutes(app, deps);
  messageRoutes(app, deps);
  connectorRoutes(app, deps);
  routeRoutes(app, deps);
  simulatorRoutes(app, deps);
  accountRoutes(app, deps);
  blacklistRoutes(app, deps);
  inboundRoutes(app, deps);
  sessionRoutes(app, deps);
  auditRoutes(app, deps);
  userRoutes(app, deps);
  linkRoutes(app, deps);
  mailRoutes(app, deps);
  meRoutes(app, deps);
  notificationRoutes(app, deps);
  brandingRoutes(app, deps);
  await listRoutes(app, deps);
  templateRoutes(app, deps);
  campaignRoutes(app, deps);
  contentRuleRoutes(app, deps);
  return app;
}
