// Management API v1: the pages behind mailed links, which nobody is signed in to use: accept an
// invitation, forgot password, reset it. Redeeming a link signs the person in (the session
// cookie), as the sign-in route does. Asking for a reset answers the same whether the email is
// known or not, in the same time (a floor every answer waits for, so a known email's extra work —
// a link and a mail written — cannot be told apart by the clock), and is limited per address and
// email as sign-ins are.

import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError } from '../../contracts/messages.ts';
import { SignInAnswer } from '../../contracts/session.ts';
import { LinkQuery, LinkRedeem, LinkView, ResetAccepted, ResetRequest } from '../../contracts/users.ts';
import { coded, NotFoundError } from '../../domain/errors.ts';
import type { LinkPurpose } from '../../people/ports.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { tooManyTries } from '../http-errors.ts';
import { afterPassword } from './session.ts';

export const RESET_ANSWER = 'If a user has this email, a link to reset the password is on its way. It works once, for 1 hour.';
/** Every forgot-password answer takes at least this long; far above the few milliseconds a known email adds. */
export const RESET_ANSWER_FLOOR_MS = 250;

export function linkRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Sign-in'];
  const errors = { '4xx': ApiError };
  const config = { api: 'v1', auth: 'public' } as const;
  const { links, resetLimit } = deps.people;

  async function preview(purpose: LinkPurpose, token: string) {
    const user = await links.pending(token, purpose, Date.now());
    if (!user) throw coded(new NotFoundError('this link was used already, has expired, or is not one of ours; ask for a new one'), 'link_invalid');
    return { email: user.email, name: user.name, account: user.accountName };
  }

  /** Sets the password through the link and signs the person in (their second factor first, if they have one). */
  async function redeem(purpose: LinkPurpose, req: FastifyRequest<{ Body: LinkRedeem }>, reply: FastifyReply) {
    const user = await links.redeem(req.body.token, purpose, req.body.password, req.ip, Date.now());
    return afterPassword(deps, user, req, reply);
  }

  app.get('/api/v1/invitation', {
    config,
    schema: { tags, summary: 'Who an invitation link is for (404 when it does not work)', querystring: LinkQuery, response: { 200: LinkView, ...errors } },
    handler: (req) => preview('invitation', req.query.token),
  });

  app.post('/api/v1/invitation', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Accept an invitation: set the first password (the seed’s rule); signs in', body: LinkRedeem, response: { 200: SignInAnswer, ...errors } },
    handler: (req, reply) => redeem('invitation', req, reply),
  });

  app.post('/api/v1/password-reset', {
    config,
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'Forgot password: mails a reset link valid for 1 hour; the same answer whether the email is known or not',
      body: ResetRequest,
      response: { 202: ResetAccepted, ...errors },
    },
    handler: async (req, reply) => {
      const now = Date.now();
      const email = req.body.email.trim().toLowerCase();
      const wait = resetLimit.wait(req.ip, email, now);
      if (wait > 0) throw tooManyTries('reset requests', wait);
      resetLimit.failed(req.ip, email, now);
      await links.requestReset(email, req.ip, now);
      await sleep(Math.max(0, now + RESET_ANSWER_FLOOR_MS - Date.now()));
      return reply.code(202).send({ message: RESET_ANSWER });
    },
  });

  app.get('/api/v1/password-reset', {
    config,
    schema: { tags, summary: 'Who a reset link is for (404 when it does not work)', querystring: LinkQuery, response: { 200: LinkView, ...errors } },
    handler: (req) => preview('password_reset', req.query.token),
  });

  app.post('/api/v1/password-reset/complete', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Set a new password through a reset link; every other session of the user ends; signs in', body: LinkRedeem, response: { 200: SignInAnswer, ...errors } },
    handler: (req, reply) => redeem('password_reset', req, reply),
  });
}
