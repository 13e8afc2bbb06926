// Mitto response shapes, in JSON or XML (chosen by the URL suffix), and the error body:
// responseCode 0–8 exactly as Mitto documents them; 9 for any other invalid request.

import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';
import type { Violation } from '../../domain/errors.ts';
import type { MittoError } from '../../contracts/mitto.ts';
import type { ErrorStatus } from '../http-errors.ts';

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

function toXml(root: string, body: object): string {
  return `<?xml version="1.0" encoding="utf-8"?>${xml.build({ [root]: wrapLists(body) })}`;
}

export function send(reply: FastifyReply, format: Format, root: string, status: number, body: object): FastifyReply {
  reply.code(status);
  if (format === 'xml') return reply.type('application/xml; charset=utf-8').send(toXml(root, body));
  return reply.send(body);
}

/** The Mitto error body: responseCode 2–8 for the rules Mitto names, 1 for our faults, 9 otherwise. */
export function mittoErrorBody(e: ErrorStatus): MittoError {
  if (e.validation) {
    const [responseCode, responseText] = CODES[e.validation.violation];
    const invalid = e.validation.invalid;
    return { responseCode, responseText, message: e.message, field: e.validation.field, ...(invalid.length ? { invalid: [...invalid] } : {}) };
  }
  if (e.status >= 500) return { responseCode: 1, responseText: 'Internal error', message: 'internal error; the request was not stored' };
  return { responseCode: 9, responseText: 'Invalid request', message: e.message, ...(e.field ? { field: e.field } : {}) };
}
