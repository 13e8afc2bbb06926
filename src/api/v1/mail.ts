// Management API v1: the mail outbox. Every mail Petrel sends is kept here first; with no SMTP
// server configured it stays (the embedded default), so an administrator can pass an
// invitation link on by hand. An account's administrators read their account's mail, the
// operator everyone's.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError } from '../../contracts/messages.ts';
import { OutboxList, OutboxQuery } from '../../contracts/users.ts';
import { allows } from '../../domain/scopes.ts';
import type { OutboxEntry } from '../../people/ports.ts';
import type { ApiDeps } from '../deps.ts';
import { namedAccount } from './named-account.ts';
import { iso, isoOrNull } from './present.ts';

const present = (m: OutboxEntry) => ({
  id: m.id,
  account: m.accountName,
  to: m.to,
  subject: m.subject,
  body: m.body,
  createdAt: iso(m.createdAt),
  sentAt: isoOrNull(m.sentAt),
  attempts: m.attempts,
  error: m.error,
});

export function mailRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/mail/outbox', {
    config: { api: 'v1', needs: 'admin', permission: 'users' },
    schema: {
      tags: ['Users'],
      summary: 'The mail outbox, newest first: what was sent, and what waits (all of it when no SMTP server is set)',
      querystring: OutboxQuery,
      response: { 200: OutboxList, '4xx': ApiError },
    },
    handler: async (req) => {
      const c = req.caller!;
      const accountId = (await namedAccount(deps.tenancy, c, req.query.account)) ?? (allows(c.role, 'operator') ? null : c.accountId);
      const limit = req.query.limit ?? 25;
      const mails = await deps.people.outbox.list(accountId, req.query.cursor ?? null, limit);
      return { delivery: deps.people.mailDelivers ? 'smtp' : 'outbox', mails: mails.map(present), nextCursor: mails.length === limit ? mails.at(-1)!.id : null };
    },
  });
}
