// The Mitto-compatible endpoints: /sms, /smsbulk, /usage/bycountry, /sms/converted, each also
// with .json and .xml suffixes. Responses go out only after the messages are committed.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConversionRequest, ConversionResponse, MittoError, SmsBulkRequest, SmsBulkResponse, SmsRequest, SmsResponse, UsageRequest, UsageResponse } from '../../contracts/mitto.ts';
import { alpha3 } from '../../domain/countries.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { normaliseUuid } from '../../domain/ids.ts';
import { formatMicros } from '../../domain/pricing.ts';
import type { MessageRecord } from '../../gateway/ports.ts';
import { decodeFields, type RawBody } from '../body.ts';
import { parseRange } from '../dates.ts';
import type { ApiDeps } from '../deps.ts';
import { decodeSubmit, mergeFields, str, type Fields } from './decode.ts';
import { SENT, send, type Format } from './respond.ts';

// Our decoder reads the raw body (JSON, form, query, XML); the schemas document the contract.
const documentOnly = () => () => true;

function fieldsOf(req: FastifyRequest): Fields {
  return mergeFields(req.query, decodeFields(req.body as RawBody | undefined));
}

const bare = (e164: string) => e164.slice(1);

function smsResponse(m: MessageRecord): SmsResponse {
  return {
    id: m.id,
    timestamp: new Date(m.createdAt).toISOString(),
    to: bare(m.recipient),
    ...SENT,
    textLength: m.characters,
    ...(m.state === 'test' ? { test: true } : {}),
  };
}

function bulkResponse(records: MessageRecord[]): SmsBulkResponse {
  return {
    ...SENT,
    ...(records[0]?.state === 'test' ? { test: true } : {}),
    messages: records.map((m) => ({ id: m.id, timestamp: new Date(m.createdAt).toISOString(), to: bare(m.recipient), textLength: m.characters })),
  };
}

function formats(path: string): Array<[string, Format]> {
  return [
    [path, 'json'],
    [`${path}.json`, 'json'],
    [`${path}.xml`, 'xml'],
  ];
}

export function mittoRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const route = (path: string, schema: { body: object; response: object; summary: string }, handler: (req: FastifyRequest, format: Format, reply: FastifyReply) => Promise<FastifyReply>) => {
    for (const [url, format] of formats(path)) {
      app.post(url, {
        config: { api: 'mitto', needs: 'sender', format },
        validatorCompiler: documentOnly,
        schema: { tags: ['Mitto-compatible SMS API'], summary: schema.summary, body: schema.body, response: { 200: schema.response, '4xx': MittoError, '5xx': MittoError } },
        handler: (req, reply) => handler(req, format, reply),
      });
    }
  };

  route('/sms', { body: SmsRequest, response: SmsResponse, summary: 'Send an SMS to one recipient' }, async (req, format, reply) => {
    const [m] = await deps.submit(decodeSubmit(fieldsOf(req), false), req.principal!);
    return send(reply, format, 'SmsResponse', 200, smsResponse(m!));
  });

  route('/smsbulk', { body: SmsBulkRequest, response: SmsBulkResponse, summary: 'Send one SMS to many recipients (all or nothing)' }, async (req, format, reply) => {
    const records = await deps.submit(decodeSubmit(fieldsOf(req), true), req.principal!);
    return send(reply, format, 'SmsBulkResponse', 200, bulkResponse(records));
  });

  route('/usage/bycountry', { body: UsageRequest, response: UsageResponse, summary: 'Messages and cost per country' }, async (req, format, reply) => {
    const f = fieldsOf(req);
    const { from, to } = parseRange(str(f, 'startDate'), str(f, 'endDate'), { from: 'startDate', to: 'endDate' }); // endDate is inclusive
    const principal = req.principal!;
    const name = str(f, 'accountName');
    const accounts = name ? [await deps.tenancy.findTrafficAccount(principal.accountId, name)] : await deps.tenancy.listTrafficAccounts(principal.accountId);
    if (accounts[0] === null) throw new ValidationError('invalid_parameter', 'accountName', `no traffic account named ${JSON.stringify(name)}`);
    const usage = await deps.messages.usageByCountry(
      accounts.map((a) => a!.id),
      from,
      to,
    );
    const body: UsageResponse = {
      usagesByCountry: usage.map((u) => ({ country: alpha3(u.country), messagesCount: String(u.messages), cost: formatMicros(u.costMicros) })),
    };
    return send(reply, format, 'UsageResponse', 200, body);
  });

  route('/sms/converted', { body: ConversionRequest, response: ConversionResponse, summary: 'Record that a message converted' }, async (req, format, reply) => {
    const principal = req.principal!;
    if (!principal.trafficAccount.conversionTracking) {
      throw new ValidationError('invalid_parameter', 'messageId', `conversion tracking is off for traffic account ${JSON.stringify(principal.trafficAccount.name)}`);
    }
    const raw = str(fieldsOf(req), 'messageId');
    if (!raw) throw new ValidationError('invalid_parameter', 'messageId', 'messageId is required');
    const id = normaliseUuid(raw);
    const result = id ? await deps.messages.markConverted(principal.accountId, id, Date.now()) : 'not_found';
    if (result === 'not_found') throw new NotFoundError(`no message ${JSON.stringify(raw)} in this account`);
    // A conversion follows a message the handset received.
    if (result === 'not_delivered') throw new ValidationError('invalid_parameter', 'messageId', `message ${id} has not been delivered; only delivered messages convert`);
    return send(reply, format, 'ConversionResponse', 200, { responseCode: 0, responseText: 'Conversion recorded', messageId: id });
  });
}
