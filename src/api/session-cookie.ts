// The session cookie (DESIGN D12): HttpOnly so no script reads it, SameSite=Lax so another
// site's form cannot carry it on a write, Secure behind TLS. A write made with it also carries
// the session's CSRF token in X-CSRF-Token, which only our own pages can read.

import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'petrel_session';
export const CSRF_HEADER = 'x-csrf-token';
/** `1`: the page asks on its own (polling), not because the person did something; it does not keep the session open. */
export const BACKGROUND_HEADER = 'x-petrel-background';
export const SESSION_ENDED = 'not signed in, or the session ended (30 minutes without activity, a password change, or the user was paused)';

/** Methods that change nothing, so need no CSRF token. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token from the Cookie header, if there is one. */
export function sessionToken(req: FastifyRequest): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(pair.slice(eq + 1).trim()) || null;
  }
  return null;
}

export function sessionCookie(token: string, secure: boolean, maxAge?: number): string {
  return [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : []), ...(maxAge !== undefined ? [`Max-Age=${maxAge}`] : [])].join('; ');
}

/** True when the request may go ahead as far as CSRF goes. */
export function csrfPasses(req: FastifyRequest, csrfToken: string): boolean {
  return SAFE_METHODS.has(req.method) || req.headers[CSRF_HEADER] === csrfToken;
}
