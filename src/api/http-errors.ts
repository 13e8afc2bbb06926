// Errors of the HTTP layer itself (not domain rules): malformed bodies, auth, limits; and the
// one mapping of every error to an HTTP status.

import type { FastifyError } from 'fastify';
import { coded, ConflictError, CreditLimitError, ForbiddenError, NotFoundError, PetrelError, ValidationError, type ErrorCode, type ErrorParams } from '../domain/errors.ts';

export class HttpError extends PetrelError {
  readonly statusCode: number;
  readonly field: string | undefined;
  constructor(statusCode: number, message: string, field?: string) {
    super(message);
    this.statusCode = statusCode;
    this.field = field;
  }
}

export class BadRequest extends HttpError {
  constructor(message: string, field?: string) {
    super(400, message, field);
  }
}

export class UnsupportedMediaType extends HttpError {
  constructor(message: string) {
    super(415, message);
  }
}

export class Unauthorized extends HttpError {
  constructor(message = 'a valid API key is required in X-Mitto-API-Key or Authorization: Bearer (or, on /api/v1, a signed-in session)') {
    super(401, message);
  }
}

export class TooManyRequests extends HttpError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = `rate limit exceeded; retry in ${retryAfterSeconds} s`) {
    super(429, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** What an error means over HTTP, whatever the API family formats it as. */
export interface ErrorStatus {
  status: number;
  message: string;
  field?: string;
  retryAfterSeconds?: number;
  /** The domain rule broken, for the Mitto responseCode. */
  validation?: ValidationError;
  /** What went wrong by name, for the web app to say in the person's language. */
  code?: ErrorCode;
  params?: ErrorParams;
}

/** The one mapping from errors to HTTP statuses: domain errors, our HTTP errors, Fastify's. */
export function errorStatus(e: unknown): ErrorStatus {
  const status = statusOf(e);
  if (status.code || !(e instanceof PetrelError) || !e.code) return status;
  return { ...status, code: e.code, ...(e.params ? { params: e.params } : {}) };
}

/** Schema keywords as error codes: the words a form shows beside its field. */
const SCHEMA_CODES: Record<string, ErrorCode> = { required: 'field_required', maxLength: 'field_too_long', maxItems: 'field_too_long', minLength: 'field_too_short' };

function statusOf(e: unknown): ErrorStatus {
  if (e instanceof ValidationError) return { status: 400, message: e.message, field: e.field, validation: e };
  if (e instanceof TooManyRequests) return { status: 429, message: e.message, retryAfterSeconds: e.retryAfterSeconds };
  if (e instanceof HttpError) return { status: e.statusCode, message: e.message, ...(e.field ? { field: e.field } : {}) };
  if (e instanceof ForbiddenError) return { status: 403, message: e.message, code: e.code ?? 'not_allowed' };
  if (e instanceof NotFoundError) return { status: 404, message: e.message, code: e.code ?? 'not_found' };
  if (e instanceof ConflictError) return { status: 409, message: e.message };
  if (e instanceof CreditLimitError) return { status: 402, message: e.message };
  const fe = e as FastifyError;
  if (fe.validation && fe.validation.length > 0) {
    // A route schema failed: name the field as the client wrote it.
    const v = fe.validation[0]!;
    const params = v.params as { missingProperty?: string; additionalProperty?: string } | undefined;
    const path = (v.instancePath || '').replace(/^\//, '').replaceAll('/', '.');
    const field = params?.missingProperty ?? params?.additionalProperty ?? (path || fe.validationContext || 'body');
    const limit = (v.params as { limit?: number } | undefined)?.limit;
    const code = SCHEMA_CODES[v.keyword] ?? 'field_invalid';
    return { status: 400, message: `${field}: ${v.message ?? 'is invalid'}`, field, code, params: { field, ...(limit !== undefined ? { limit } : {}) } };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return { status: fe.statusCode, message: fe.message };
  return { status: 500, message: 'internal error' };
}

/** A limit on tries (sign-ins, codes, reset mails): how long to wait, in minutes a person reads. */
export function tooManyTries(what: string, waitSeconds: number): TooManyRequests {
  const minutes = Math.ceil(waitSeconds / 60);
  return coded(new TooManyRequests(waitSeconds, `too many ${what}; try again in ${minutes} minute${minutes > 1 ? 's' : ''}`), 'too_many_tries', { minutes });
}
