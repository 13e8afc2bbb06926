// The campaign manager's web app (DESIGN D17), served from the API's own port: the files Vite
// built into web/dist/, and index.html for every other page address a person can open or
// reload (the app's router takes it from there). API paths never fall back to the page.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the APIs and the docs: a miss there is a JSON 404, never the app. */
const NOT_THE_APP = /^\/(api|docs|sms|smsbulk|healthz|readyz|metrics)(\/|$|\?)/;

/** True when the web app was built and is now served; false leaves `/` to say how to build it. */
export async function serveWebApp(app: FastifyInstance, dist: string): Promise<boolean> {
  if (!existsSync(join(dist, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built. Run `npm start` (it builds it) or `npm run build:web`.\n'),
    );
    return false;
  }
  await app.register(fastifyStatic, {
    root: dist,
    // One route per built file, found at start: no wildcard route to shadow the API's 404s.
    wildcard: false,
    index: 'index.html',
    // Hashed assets never change under their name; the page itself is always checked again.
    setHeaders: (reply, path) => void reply.header('cache-control', path.startsWith(join(dist, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return true;
}

/** The page for an address the app's router knows (a reload of /traffic-accounts, say). */
export function isAppPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (NOT_THE_APP.test(req.url)) return false;
  return (req.headers.accept ?? '').includes('text/html');
}

export function sendAppPage(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
