// What several management API routes present alike: times, callback attempts, list cursors,
// images stored as data: URLs.

import type { FastifyReply } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { normaliseUuid } from '../../domain/ids.ts';
import type { CallbackAttempt } from '../../webhooks/ports.ts';

export const iso = (ms: number) => new Date(ms).toISOString();

export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** A delivery-report or forward attempt, as a message's or an inbound message's timeline shows it. */
export const presentAttempt = (a: CallbackAttempt) => ({ at: iso(a.at), url: a.url, statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error });

/** The id a list's `cursor` names (the last one of the previous page), or null without one. */
export function uuidCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = normaliseUuid(cursor);
  if (!id) throw new ValidationError('invalid_parameter', 'cursor', 'cursor is not one this API returned');
  return id;
}

/** Answers with an image stored as a data: URL (a profile image, the logo), as the bytes it holds. */
export function sendDataUrl(reply: FastifyReply, dataUrl: string, cacheControl: string): FastifyReply {
  const [, type, data] = /^data:([^;]+);base64,(.*)$/.exec(dataUrl)!;
  return reply.type(type!).header('cache-control', cacheControl).header('x-content-type-options', 'nosniff').send(Buffer.from(data!, 'base64'));
}
