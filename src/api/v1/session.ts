// Management API v1: sign in with email and password (a session cookie, HttpOnly and
// SameSite), who is signed in, sign out. These routes authenticate by the cookie, not by an
// API key; a write made with the cookie carries the session's CSRF token in X-CSRF-Token.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../contracts/messages.ts';
import { OpenAccount, SecondFactorAnswer, SessionView, SignIn, SignInAnswer } from '../../contracts/session.ts';
import { normaliseEmail } from '../../domain/email-address.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { permissionsOf } from '../../domain/permissions.ts';
import type { ActiveSession } from '../../people/sessions.ts';
import type { SessionRow, User } from '../../people/ports.ts';
import { needsSecondFactorSetup, workingAccount } from '../../people/permissions.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { tooManyTries, Unauthorized } from '../http-errors.ts';
import { csrfPasses, SESSION_ENDED, sessionCookie, sessionToken } from '../session-cookie.ts';

export const presentSession = (user: User, csrfToken: string, opened: SessionRow['openedAccount'] = null): SessionView => ({
  openedAccount: workingAccount(user, opened).id === user.accountId ? null : (opened?.name ?? null),
  user: {
    email: user.email,
    name: user.name,
    role: user.role,
    operator: user.operator,
    permissions: [...permissionsOf(user.role, user.permissions)],
    account: user.accountName,
    language: user.preferences.language,
    timeZone: user.preferences.timeZone,
  },
  csrfToken,
  setupRequired: needsSecondFactorSetup(user),
});

/**
 * After the password (or a link that set one): a session, or, for a user with a second factor,
 * the challenge that comes first. A reset link proves the email only, so it passes the same way.
 */
export async function afterPassword(deps: ApiDeps, user: User, req: FastifyRequest, reply: FastifyReply): Promise<SignInAnswer> {
  const now = Date.now();
  if (user.secondFactor !== 'none') {
    const c = await deps.people.secondFactor.challenge(user, req.ip, now);
    return { secondFactor: { method: c.method, challenge: c.token, sentTo: c.sentTo } };
  }
  const signedIn = await deps.people.sessions.open(user, req.ip, now);
  reply.header('set-cookie', sessionCookie(signedIn.token, deps.config.secureCookies));
  return presentSession(signedIn.user, signedIn.csrfToken);
}

export function sessionRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Sign-in'];
  const errors = { '4xx': ApiError };
  const { sessions, signInLimit } = deps.people;

  async function current(req: FastifyRequest): Promise<{ token: string; active: ActiveSession }> {
    const token = sessionToken(req);
    const active = token ? await sessions.resolve(token, Date.now()) : null;
    if (!token || !active) throw new Unauthorized(SESSION_ENDED);
    return { token, active };
  }

  app.post('/api/v1/session', {
    config: { api: 'v1', auth: 'session' },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Sign in with email and password: sets the session cookie, or asks for the second factor', body: SignIn, response: { 200: SignInAnswer, ...errors } },
    handler: async (req, reply: FastifyReply) => {
      const now = Date.now();
      const email = normaliseEmail(req.body.email);
      const wait = signInLimit.wait(req.ip, email, now);
      if (wait > 0) throw tooManyTries('failed sign-ins', wait);
      const user = await sessions.checkPassword(email, req.body.password, req.ip, now);
      if (!user) {
        signInLimit.failed(req.ip, email, now);
        throw new Unauthorized('the email or the password is not right');
      }
      signInLimit.succeeded(email);
      return afterPassword(deps, user, req, reply);
    },
  });

  app.post('/api/v1/session/second-factor', {
    config: { api: 'v1', auth: 'session' },
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'The second step of signing in: the code (SMS or authenticator app) or a recovery code; sets the session cookie',
      body: SecondFactorAnswer,
      response: { 200: SessionView, ...errors },
    },
    handler: async (req, reply: FastifyReply) => {
      const now = Date.now();
      // Wrong codes count against the address, as failed passwords do ('' : no email to blame).
      const wait = signInLimit.wait(req.ip, '', now);
      if (wait > 0) throw tooManyTries('failed sign-ins', wait);
      const user = await deps.people.secondFactor.answer(req.body.challenge, req.body.code, req.ip, now);
      if (!user) {
        signInLimit.failed(req.ip, '', now);
        throw new Unauthorized('the code is not right, or the sign-in has expired (10 minutes, 5 tries): sign in again');
      }
      const signedIn = await sessions.open(user, req.ip, now, `second factor (${user.secondFactor})`);
      reply.header('set-cookie', sessionCookie(signedIn.token, deps.config.secureCookies));
      return presentSession(signedIn.user, signedIn.csrfToken);
    },
  });

  app.get('/api/v1/session', {
    config: { api: 'v1', auth: 'session' },
    schema: { tags, summary: 'Who is signed in (the session cookie); 401 when nobody is', response: { 200: SessionView, ...errors } },
    handler: async (req) => {
      const { active } = await current(req);
      return presentSession(active.user, active.session.csrfToken, active.session.openedAccount);
    },
  });

  /** The session behind a write: its token, user and CSRF checked. */
  async function currentForWrite(req: FastifyRequest): Promise<{ token: string; active: ActiveSession }> {
    const c = await current(req);
    if (!csrfPasses(req, c.active.session.csrfToken)) throw new ForbiddenError('the X-CSRF-Token header is missing or not this session’s');
    return c;
  }

  app.put('/api/v1/session/account', {
    config: { api: 'v1', auth: 'session' },
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: "An operator's administrator opens another account's campaign manager to help (in that account's audit log); their own account returns",
      body: OpenAccount,
      response: { 200: SessionView, ...errors },
    },
    handler: async (req) => {
      const { token, active } = await currentForWrite(req);
      if (!active.user.operator) throw new ForbiddenError("PUT /api/v1/session/account needs the platform operator's administrator: an account's administrators work in their own account");
      const id = await deps.tenancy.accountIdOf(req.body.account);
      await sessions.openAccount(token, active.user, { id, name: req.body.account }, req.ip, Date.now());
      const opened = id === active.user.accountId ? null : { id, name: req.body.account };
      return presentSession(active.user, active.session.csrfToken, opened);
    },
  });

  app.delete('/api/v1/session/account', {
    config: { api: 'v1', auth: 'session' },
    schema: { tags, summary: 'Back to the signed-in person’s own account', response: { 200: SessionView, ...errors } },
    handler: async (req) => {
      const { token, active } = await currentForWrite(req);
      await sessions.returnHome(token, active.user, req.ip, Date.now());
      return presentSession(active.user, active.session.csrfToken);
    },
  });

  app.delete('/api/v1/session', {
    config: { api: 'v1', auth: 'session' },
    schema: { tags, summary: 'Sign out: ends the session (needs X-CSRF-Token)', response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      const { token, active } = await currentForWrite(req);
      await sessions.signOut(token, active.user, req.ip, Date.now());
      return reply
        .header('set-cookie', sessionCookie('', deps.config.secureCookies, 0))
        .code(204)
        .send(null);
    },
  });
}
