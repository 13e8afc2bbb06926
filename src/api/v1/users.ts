// Management API v1: the account's users (the seed's Users page): list with search, invite by
// email, change, pause and unpause, delete, invite again. For a signed-in person these need the
// `users` permission; for a key, an admin key. The operator may name another account.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../contracts/messages.ts';
import { UserInvite, UserList, UserParams, UserPatch, UserQuery, UserView } from '../../contracts/users.ts';
import { coded, ValidationError } from '../../domain/errors.ts';
import { permissionsOf } from '../../domain/permissions.ts';
import { allows } from '../../domain/scopes.ts';
import type { Membership, User } from '../../people/ports.ts';
import type { Actor } from '../../people/users.ts';
import { decodeJsonBody } from '../body.ts';
import type { Caller } from '../caller.ts';
import type { ApiDeps } from '../deps.ts';
import { namedAccount } from './named-account.ts';
import { iso } from './present.ts';

export function presentUser(u: User, memberships: Membership[]): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    permissions: [...permissionsOf(u.role, u.permissions)],
    extraPermissions: u.permissions,
    status: u.status,
    secondFactor: u.secondFactor,
    operator: u.operator,
    account: u.accountName,
    trafficAccounts: memberships.map((m) => m.name),
    createdAt: iso(u.createdAt),
  };
}

export const actorOf = (c: Caller): Actor => (c.user ? { user: c.user } : { key: `API key ${c.keyId}` });

export function userRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Users'];
  const errors = { '4xx': ApiError };
  const config = { api: 'v1', needs: 'admin', permission: 'users' } as const;
  const { users, links } = deps.people;

  /** The traffic accounts named, as ids of the account; an unknown name is the caller's mistake. */
  async function trafficAccountIds(accountId: number, names: string[] | undefined): Promise<number[] | undefined> {
    if (names === undefined) return undefined;
    const known = new Map((await deps.tenancy.listTrafficAccounts(accountId)).map((t) => [t.name, t.id]));
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length)
      throw coded(new ValidationError('invalid_parameter', 'trafficAccounts', `no traffic account ${unknown.map((n) => JSON.stringify(n)).join(', ')} in this account`), 'traffic_account_unknown', {
        names: unknown.join(', '),
      });
    return names.map((n) => known.get(n)!);
  }

  /** The user the path names, in the caller's account (the operator's: any). */
  const target = (req: FastifyRequest<{ Params: { id: number } }>) => users.inAccount(allows(req.caller!.role, 'operator') ? null : req.caller!.accountId, req.params.id);
  const present = async (u: User) => presentUser(u, (await users.memberships([u])).get(u.id) ?? []);

  app.get('/api/v1/users', {
    config,
    schema: { tags, summary: 'The account’s users, by name; search on part of the name', querystring: UserQuery, response: { 200: UserList, ...errors } },
    handler: async (req) => {
      const accountId = (await namedAccount(deps.tenancy, req.caller!, req.query.account)) ?? req.caller!.accountId;
      const search = req.query.search?.trim().toLowerCase();
      const found = (await users.list(accountId)).filter((u) => !search || u.name.toLowerCase().includes(search));
      const memberships = await users.memberships(found);
      return { users: found.map((u) => presentUser(u, memberships.get(u.id) ?? [])) };
    },
  });

  app.post('/api/v1/users', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Invite a user: pending until they follow the link mailed to them and set a password', querystring: UserQuery, body: UserInvite, response: { 201: UserView, ...errors } },
    handler: async (req, reply) => {
      const accountId = (await namedAccount(deps.tenancy, req.caller!, req.query.account)) ?? req.caller!.accountId;
      const b = req.body;
      const ids = (await trafficAccountIds(accountId, b.trafficAccounts)) ?? [];
      const user = await users.invite(actorOf(req.caller!), links, { accountId, email: b.email, name: b.name, role: b.role, permissions: b.permissions ?? [], trafficAccountIds: ids }, Date.now());
      return reply.code(201).send(await present(user));
    },
  });

  app.get('/api/v1/users/:id', {
    config,
    schema: { tags, summary: 'One user', params: UserParams, response: { 200: UserView, ...errors } },
    handler: async (req) => present(await target(req)),
  });

  app.patch('/api/v1/users/:id', {
    config,
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'Change name, role, permissions, traffic accounts; status inactive pauses (sessions end at once)',
      params: UserParams,
      body: UserPatch,
      response: { 200: UserView, ...errors },
    },
    handler: async (req) => {
      const actor = actorOf(req.caller!);
      const user = await target(req);
      const { status, trafficAccounts, ...rest } = req.body;
      const ids = await trafficAccountIds(user.accountId, trafficAccounts);
      const now = Date.now();
      if (Object.keys(rest).length || ids !== undefined) await users.change(actor, user, { ...rest, ...(ids !== undefined ? { trafficAccountIds: ids } : {}) }, now);
      if (status !== undefined && status !== user.status) await users.setPaused(actor, user, status === 'inactive', now);
      return present(await users.inAccount(null, user.id));
    },
  });

  app.delete('/api/v1/users/:id', {
    config,
    schema: { tags, summary: 'Delete a user (the audit log keeps what they did)', params: UserParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await users.remove(actorOf(req.caller!), await target(req), Date.now());
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/users/:id/invitation', {
    config,
    schema: { tags, summary: 'Mail a pending user a new invitation link (the old one stops working)', params: UserParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      const user = await target(req);
      await links.invite(user, req.caller!.user?.name ?? 'An administrator', Date.now());
      return reply.code(204).send(null);
    },
  });
}
