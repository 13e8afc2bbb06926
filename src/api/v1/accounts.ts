// Management API v1: the account's traffic accounts with their delivery settings and credit
// (admin keys change them and see the signing secret), what they sent and converted, and the
// operator's margin across every account.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AccountList,
  AccountQuery,
  MarginQuery,
  MarginResponse,
  RangeQuery,
  TrafficAccountList,
  TrafficAccountParams,
  TrafficAccountPatch,
  TrafficAccountView,
  UsageResponse,
} from '../../contracts/accounts.ts';
import { ApiError } from '../../contracts/messages.ts';
import { ForbiddenError, ValidationError } from '../../domain/errors.ts';
import { permissionsOf } from '../../domain/permissions.ts';
import { allows, inScope, neededKey, wholeAccount } from '../../domain/scopes.ts';
import { dataScope, type Caller } from '../caller.ts';
import { formatMicros, parseMicros } from '../../domain/pricing.ts';
import type { TrafficAccount, TrafficAccountChange, TrafficAccountSettings } from '../../gateway/ports.ts';
import { decodeJsonBody } from '../body.ts';
import { parseRange } from '../dates.ts';
import type { ApiDeps } from '../deps.ts';
import { namedAccount } from './named-account.ts';

function present(t: TrafficAccount | TrafficAccountSettings): TrafficAccountView {
  return {
    id: t.id,
    name: t.name,
    displayName: t.displayName,
    type: t.type,
    status: t.status,
    defaultSender: t.defaultSender,
    currency: t.currency,
    callbackUrl: t.callbackUrl,
    callbackMethod: t.callbackMethod,
    ...('callbackSecret' in t ? { callbackTemplate: t.callbackTemplate, callbackSecret: t.callbackSecret } : {}),
    inboundUrl: t.inboundUrl,
    conversionTracking: t.conversionTracking,
    creditLimit: t.creditLimitMicros === null ? null : formatMicros(t.creditLimitMicros),
    creditUsed: formatMicros(t.creditUsedMicros),
  };
}

function change(p: TrafficAccountPatch): TrafficAccountChange {
  const limit = p.creditLimit === undefined ? undefined : p.creditLimit === null ? null : parseMicros(p.creditLimit);
  if (limit === null && p.creditLimit) throw new ValidationError('invalid_parameter', 'creditLimit', 'creditLimit is a decimal amount such as "100.00"');
  return {
    ...(p.displayName !== undefined ? { displayName: p.displayName.trim() } : {}),
    ...(p.callbackUrl !== undefined ? { callbackUrl: p.callbackUrl } : {}),
    ...(p.callbackMethod !== undefined ? { callbackMethod: p.callbackMethod } : {}),
    ...(p.callbackTemplate !== undefined ? { callbackTemplate: p.callbackTemplate } : {}),
    ...(p.inboundUrl !== undefined ? { inboundUrl: p.inboundUrl } : {}),
    ...(limit !== undefined ? { creditLimitMicros: limit } : {}),
    ...(p.resetCredit ? { resetCredit: true } : {}),
    ...(p.rotateSecret ? { rotateSecret: true } : {}),
  };
}

/** The account a request works in: its own, or the one the operator names. */
async function accountOf(deps: ApiDeps, p: Caller, q: AccountQuery): Promise<number> {
  return (await namedAccount(deps.tenancy, p, q.account)) ?? p.accountId;
}

/** Those who hand out traffic accounts (users) or edit them see them all; anyone else those they belong to. */
function administers(c: Caller): boolean {
  if (!c.user) return true;
  const held = permissionsOf(c.user.role, c.user.permissions);
  return held.has('users') || held.has('traffic_accounts');
}

/** Credit is what the operator grants a customer: its administrator sees it and cannot change it. */
function checkCreditChange(p: Caller, patch: TrafficAccountPatch): void {
  if ((patch.creditLimit !== undefined || patch.resetCredit) && !allows(p.role, 'operator')) {
    throw new ForbiddenError(`${patch.creditLimit !== undefined ? 'creditLimit' : 'resetCredit'} is changed with ${neededKey('operator')}`);
  }
}

const range = (q: { from: string; to: string }) => parseRange(q.from, q.to, { from: 'from', to: 'to' });

export function accountRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Traffic accounts and usage'];
  const errors = { '4xx': ApiError };

  app.get('/api/v1/accounts', {
    config: { api: 'v1', needs: 'operator' },
    schema: { tags, summary: 'Every account on the platform (the operator): what an operator’s administrator may open to help', response: { 200: AccountList, ...errors } },
    handler: async () => ({
      accounts: (await deps.tenancy.listAccounts()).map((a) => ({ name: a.name, trafficAccounts: a.trafficAccounts, users: a.users, createdAt: new Date(a.createdAt).toISOString() })),
    }),
  });

  app.get('/api/v1/traffic-accounts', {
    config: { api: 'v1', needs: 'sender' },
    schema: { tags, summary: "The account's traffic accounts: callbacks, inbound URL, credit", querystring: AccountQuery, response: { 200: TrafficAccountList, ...errors } },
    handler: async (req) => {
      const accountId = await accountOf(deps, req.caller!, req.query);
      const scope = administers(req.caller!) ? wholeAccount(accountId) : await dataScope(deps.people.users, req.caller!);
      return { trafficAccounts: (await deps.tenancy.listTrafficAccounts(accountId)).filter((t) => inScope(scope, t.id)).map(present) };
    },
  });

  app.get('/api/v1/traffic-accounts/:name', {
    config: { api: 'v1', needs: 'admin', permission: 'traffic_accounts' },
    schema: {
      tags,
      summary: 'One traffic account with its callback template and signing secret',
      params: TrafficAccountParams,
      querystring: AccountQuery,
      response: { 200: TrafficAccountView, ...errors },
    },
    handler: async (req) => present(await deps.tenancy.trafficAccountSettings(await accountOf(deps, req.caller!, req.query), req.params.name)),
  });

  app.patch('/api/v1/traffic-accounts/:name', {
    config: { api: 'v1', needs: 'admin', permission: 'traffic_accounts' },
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'Change the display name, callbacks or the inbound URL; the credit limit (the operator)',
      params: TrafficAccountParams,
      querystring: AccountQuery,
      body: TrafficAccountPatch,
      response: { 200: TrafficAccountView, ...errors },
    },
    handler: async (req) => {
      checkCreditChange(req.caller!, req.body);
      return present(await deps.tenancy.changeTrafficAccount(await accountOf(deps, req.caller!, req.query), req.params.name, change(req.body)));
    },
  });

  app.get('/api/v1/usage', {
    config: { api: 'v1', needs: 'sender', permission: 'reports' },
    schema: { tags, summary: 'Per traffic account: messages sent, parts, delivered, converted, cost', querystring: RangeQuery, response: { 200: UsageResponse, ...errors } },
    handler: async (req) => {
      const { from, to } = range(req.query);
      const accountId = req.caller!.accountId;
      const scope = await dataScope(deps.people.users, req.caller!);
      const [rows, accounts] = await Promise.all([deps.messages.usageByTrafficAccount(scope, from, to), deps.tenancy.trafficAccountMap(accountId)]);
      return {
        usage: rows.map((u) => ({
          trafficAccount: accounts.get(u.trafficAccountId)?.name ?? String(u.trafficAccountId),
          currency: u.currency,
          messages: u.messages,
          parts: u.parts,
          delivered: u.delivered,
          converted: u.converted,
          conversionRate: u.delivered === 0 ? null : u.converted / u.delivered,
          cost: formatMicros(u.costMicros),
        })),
      };
    },
  });

  app.get('/api/v1/margin', {
    config: { api: 'v1', needs: 'operator' },
    schema: {
      tags,
      summary: 'Sell, buy and margin of what was sent, per connector or per traffic account, across every account',
      querystring: MarginQuery,
      response: { 200: MarginResponse, ...errors },
    },
    handler: async (req) => {
      const { from, to } = range(req.query);
      const by = req.query.by ?? 'connector';
      const rows = await deps.messages.margin(by, from, to);
      const owners = by === 'trafficAccount' ? await deps.tenancy.trafficAccountsById(rows.map((r) => r.trafficAccountId!)) : new Map();
      return {
        margin: rows.map((r) => ({
          ...(by === 'connector' ? { connectorId: r.connectorId } : { account: owners.get(r.trafficAccountId!)?.accountName ?? '', trafficAccount: owners.get(r.trafficAccountId!)?.name ?? '' }),
          currency: r.currency,
          messages: r.messages,
          parts: r.parts,
          sell: formatMicros(r.sellMicros),
          buy: formatMicros(r.buyMicros),
          margin: formatMicros(r.sellMicros - r.buyMicros),
        })),
      };
    },
  });
}
