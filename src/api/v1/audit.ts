// Management API v1: the audit log. An account's admin reads its account's entries; the
// operator reads every account's (and failed sign-ins for emails nobody has), or one account's.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditList, AuditQuery } from '../../contracts/audit.ts';
import { ApiError } from '../../contracts/messages.ts';
import { allows } from '../../domain/scopes.ts';
import type { ApiDeps } from '../deps.ts';
import { namedAccount } from './named-account.ts';
import { iso } from './present.ts';

export function auditRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/audit', {
    config: { api: 'v1', needs: 'admin' },
    schema: {
      tags: ['Sign-in'],
      summary: 'The audit log: sign-ins, failed sign-ins, sign-outs, password and user status changes, newest first',
      querystring: AuditQuery,
      response: { 200: AuditList, '4xx': ApiError },
    },
    handler: async (req) => {
      const p = req.caller!;
      // Without a name the operator reads every account's entries (null), anyone else their own.
      const accountId = (await namedAccount(deps.tenancy, p, req.query.account)) ?? (allows(p.role, 'operator') ? null : p.accountId);
      const limit = req.query.limit ?? 50;
      const rows = await deps.people.audit.list(accountId, req.query.cursor ?? null, limit);
      return {
        entries: rows.map((r) => ({ id: r.id, at: iso(r.at), action: r.action, account: r.accountName, email: r.email, address: r.address, detail: r.detail })),
        nextCursor: rows.length === limit ? rows.at(-1)!.id : null,
      };
    },
  });
}
