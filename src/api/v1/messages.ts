// Management API v1: preview, get and list messages. A key sees only its own account's data.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError, type Delivery, Message, MessageList, MessageListQuery, MessageParams, PreviewRequest, PreviewResponse } from '../../contracts/messages.ts';
import { segment } from '../../domain/encoding.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { normaliseUuid } from '../../domain/ids.ts';
import { toE164 } from '../../domain/phone.ts';
import { formatMicros } from '../../domain/pricing.ts';
import { reportCategory } from '../../domain/message-state.ts';
import type { Timeline } from '../../engine/ports.ts';
import type { CallbackAttempt } from '../../webhooks/ports.ts';
import type { MessageFilter, MessageRecord } from '../../gateway/ports.ts';
import { decodeJsonBody } from '../body.ts';
import { allows, inScope } from '../../domain/scopes.ts';
import { dataScope } from '../caller.ts';
import { iso, isoOrNull, presentAttempt, uuidCursor } from './present.ts';
import type { ApiDeps } from '../deps.ts';
import { parseDate, parseRangeEnd } from '../dates.ts';

/** `operator`: the route and connector are the operator's business, shown only to its keys. */
function presentTimeline(t: Timeline, callbacks: readonly CallbackAttempt[], operator: boolean): Delivery {
  return {
    routeId: operator ? t.routeId : null,
    connectorId: operator ? t.connectorId : null,
    submittedAt: isoOrNull(t.submittedAt),
    doneAt: isoOrNull(t.doneAt),
    errorCode: t.errorCode,
    errorReason: t.errorReason,
    sent: t.parts.map((p) => ({
      seq: p.seq,
      total: p.total,
      state: p.state,
      smscId: p.smscId,
      submitStatus: p.submitStatus,
      submittedAt: isoOrNull(p.submittedAt),
      receiptStat: p.receiptStat,
      receiptError: p.receiptError,
      network: p.network,
      doneAt: isoOrNull(p.doneAt),
      receiptAt: isoOrNull(p.receiptAt),
    })),
    callbacks: callbacks.map(presentAttempt),
  };
}

function presentMessage(m: MessageRecord, trafficAccount: string): Message {
  const parts = segment(m.text, m.type, m.udh ? { userUdhOctets: m.udh.length / 2 } : {}).parts;
  return {
    id: m.id,
    state: m.state,
    category: reportCategory(m.state, m.errorCode),
    trafficAccount,
    from: m.sender,
    to: m.recipient,
    country: m.country,
    text: m.text,
    type: m.type,
    encoding: m.encoding,
    characters: m.characters,
    units: m.units,
    segments: m.segments,
    parts,
    udh: m.udh,
    price: m.priceMicros === null ? null : formatMicros(m.priceMicros),
    currency: m.currency,
    reference: m.reference,
    callbackUrl: m.callbackUrl,
    validityMinutes: m.validityMinutes,
    pid: m.pid,
    flash: m.flash,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
    expiresAt: iso(m.expiresAt),
    convertedAt: m.convertedAt === null ? null : iso(m.convertedAt),
  };
}

export function messageRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Messages'];
  const errors = { '4xx': ApiError };

  // The counters beside a text field: whoever writes texts (campaigns, quick send, templates).
  app.post('/api/v1/messages/preview', {
    config: { api: 'v1', needs: 'sender', permission: ['campaigns', 'quick_send', 'templates'] },
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Encoding, characters, units and parts of a text', body: PreviewRequest, response: { 200: PreviewResponse, ...errors } },
    handler: async (req) => {
      const s = segment(req.body.text, req.body.type ?? 'auto');
      return { ...s };
    },
  });

  app.get('/api/v1/messages/:id', {
    config: { api: 'v1', needs: 'sender', permission: 'reports' },
    schema: { tags, summary: 'One message: state, parts, price, country, reference, timestamps', params: MessageParams, response: { 200: Message, ...errors } },
    handler: async (req) => {
      const principal = req.caller!;
      const id = normaliseUuid(req.params.id);
      const m = id ? await deps.messages.get(await dataScope(deps.people.users, principal), id) : null;
      if (!m) throw new NotFoundError(`no message ${JSON.stringify(req.params.id)} in this account`);
      const ta = (await deps.tenancy.trafficAccountMap(principal.accountId)).get(m.trafficAccountId);
      const [timeline, callbacks] = await Promise.all([deps.timeline(m.id), deps.callbackAttempts(m.id)]);
      return { ...presentMessage(m, ta?.name ?? String(m.trafficAccountId)), ...(timeline ? { delivery: presentTimeline(timeline, callbacks, allows(principal.role, 'operator')) } : {}) };
    },
  });

  app.get('/api/v1/messages', {
    config: { api: 'v1', needs: 'sender', permission: 'reports' },
    schema: { tags, summary: 'Messages, newest first, with filters and cursor pagination', querystring: MessageListQuery, response: { 200: MessageList, ...errors } },
    handler: async (req) => {
      const principal = req.caller!;
      const q = req.query;
      const scope = await dataScope(deps.people.users, principal);
      const accounts = await deps.tenancy.trafficAccountMap(principal.accountId);
      const filter: MessageFilter = {};
      if (q.from) filter.from = parseDate(q.from, 'from');
      if (q.to) filter.to = parseRangeEnd(q.to, 'to');
      if (q.state) filter.state = q.state;
      if (q.reference !== undefined) filter.reference = q.reference;
      if (q.recipient) {
        const r = toE164(q.recipient.trim());
        if (!r) throw new ValidationError('invalid_parameter', 'recipient', `recipient ${JSON.stringify(q.recipient)} is not a valid E.164 number`);
        filter.recipient = r.e164;
      }
      if (q.trafficAccount) {
        const ta = [...accounts.values()].find((t) => t.name === q.trafficAccount && inScope(scope, t.id));
        if (!ta) throw new ValidationError('invalid_parameter', 'trafficAccount', `no traffic account named ${JSON.stringify(q.trafficAccount)}`);
        filter.trafficAccountId = ta.id;
      }
      const before = uuidCursor(q.cursor);
      const limit = q.limit ?? 100;
      const rows = await deps.messages.list(scope, filter, before, limit);
      return {
        messages: rows.map((m) => presentMessage(m, accounts.get(m.trafficAccountId)?.name ?? String(m.trafficAccountId))),
        nextCursor: rows.length === limit ? rows.at(-1)!.id : null,
      };
    },
  });
}
