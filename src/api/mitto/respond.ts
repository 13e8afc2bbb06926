// Mitto response shapes, in JSON or XML (chosen by the URL suffix), and the error mapping:
// responseCode 0–8 exactly as Mitto documents them; 9 for any other invalid request.

import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type Violation } from '../../domain/errors.ts';
import type { MittoError } from '../../contracts/mitto.ts';
import { HttpError, TooManyRequests } from '../http-errors.ts';

export type Format = 'json' | 'xml';

const CODES: Record<Violation, [number, string]> = {
  invalid_type: [2, 'Invalid type'],
  empty_text: [3, 'Empty message'],
  invalid_text: [4, 'Message text is invalid'],
  empty_sender: [5, 'Empty sender'],
  invalid_sender: [6, 'Invalid sender'],
  empty_receiver: [7, 'Empty receiver'],
  invalid_receiver: [8, 'Invalid receiver'],
  invalid_parameter: [9, 'Invalid request'],
};

export const SENT = { responseCode: 0, responseText: 'SMS sent' } as const;

const xml = new XMLBuilder({ format: false, suppressEmptyNode: false });

/** The element each item of a list field is wrapped in: <messages><message>…</message></messages>. */
const ITEM: Record<string, string> = { messages: 'message', usagesByCountry: 'usage', invalid: 'recipient' };

function wrapLists(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return { [ITEM[key] ?? 'item']: value.map((v) => wrapLists(v)) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrapLists(v, k)]));
  }
  return value;
}

export function toXml(root: string, body: object): string {
  return `<?xml version="1.0" encoding="utf-8"?>${xml.build({ [root]: wrapLists(body) })}`;
}

export function send(reply: FastifyReply, format: Format, root: string, status: number, body: object): FastifyReply {
  reply.code(status);
  if (format === 'xml') return reply.type('application/xml; charset=utf-8').send(toXml(root, body));
  return reply.send(body);
}

/** HTTP status and Mitto error body for any error thrown while serving a Mitto route. */
export function mittoError(e: unknown): { status: number; body: MittoError; retryAfter?: number } {
  if (e instanceof ValidationError) {
    const [responseCode, responseText] = CODES[e.violation];
    return {
      status: 400,
      body: { responseCode, responseText, message: e.message, field: e.field, ...(e.invalid.length ? { invalid: [...e.invalid] } : {}) },
    };
  }
  const other = (status: number, message: string, field?: string) => ({
    status,
    body: { responseCode: 9, responseText: 'Invalid request', message, ...(field ? { field } : {}) },
  });
  if (e instanceof TooManyRequests) return { ...other(429, e.message), retryAfter: e.retryAfterSeconds };
  if (e instanceof HttpError) return other(e.statusCode, e.message, e.field);
  if (e instanceof ForbiddenError) return other(403, e.message);
  if (e instanceof NotFoundError) return other(404, e.message);
  if (e instanceof ConflictError) return other(409, e.message);
  const fastifyStatus = (e as { statusCode?: number }).statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return other(fastifyStatus, (e as Error).message);
  }
  return { status: 500, body: { responseCode: 1, responseText: 'Internal error', message: 'internal error; the request was not stored' } };
}
