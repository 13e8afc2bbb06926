// The one HTTP client of the web app: JSON in and out, the session's CSRF token on every
// write, and the management API's error body turned into an ApiFailure that names the field
// and, where the server gives one, the code the page words in the person's language.

import { worded } from './i18n.ts';

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
  code?: string;
  params?: Record<string, string | number>;
}

export class ApiFailure extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly code: string | undefined;
  readonly params: Record<string, string | number>;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.status = body.statusCode;
    this.field = body.field;
    this.code = body.code;
    this.params = body.params ?? {};
  }
}

let csrfToken: string | null = null;
let leaving = false;
/** Set from the session view at sign-in and whenever the session is read. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) leaving = false;
}

/** We are signing out ourselves: a 401 that arrives meanwhile is not news. */
export function startSigningOut(): void {
  leaving = true;
}
export const signingOut = () => leaving;

let onSessionEnded: () => void = () => {};
/** Called when any request answers 401: the session ended (idle, paused, password changed). */
export function whenSessionEnds(f: () => void): void {
  onSessionEnded = f;
}

/**
 * `raw`: the body is a file sent as it is, with its type (a list's upload).
 * `background`: the page asks on its own (the bell's polling); the server does not count it as
 * activity, so an unattended page still signs out after 30 minutes.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, o: { background?: boolean; raw?: { type: string } } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.background) headers['x-petrel-background'] = '1';
  if (body !== undefined) headers['content-type'] = o.raw?.type ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const sent = body === undefined ? {} : { body: o.raw ? (body as Blob) : JSON.stringify(body) };
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...sent });
  } catch {
    throw new ApiFailure({ statusCode: 0, error: 'Network', message: 'Petrel cannot be reached; check the connection and try again.', code: 'network' });
  }
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : null;
  if (!res.ok) {
    const failure = new ApiFailure(isErrorBody(json) ? json : { statusCode: res.status, error: res.statusText, message: `${res.status} ${res.statusText}` });
    // Signing in answers 401 for a wrong password; that is not a session that ended.
    if (res.status === 401 && path !== '/api/v1/session') onSessionEnded();
    throw failure;
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ApiErrorBody).message === 'string' && typeof (x as ApiErrorBody).statusCode === 'number';
}

/** A failure in words for the page, in the person's language where its code allows (lib/i18n.ts worded). */
export function messageOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (!(e instanceof ApiFailure)) return e.message;
  return worded(e.message, e.code, { ...e.params, field: e.params.field ?? e.field ?? '' });
}
