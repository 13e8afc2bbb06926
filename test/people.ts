// HTTP as the web app speaks it: JSON, the session cookie, the CSRF token on writes; and people
// arranged directly through the services.

import assert from 'node:assert/strict';
import type { Database } from '../src/storage/database.ts';
import { SqlAuditStore } from '../src/storage/audit-repository.ts';
import { SqlPeopleStore } from '../src/storage/people-repository.ts';
import { Users } from '../src/people/users.ts';
import type { PersonRole } from '../src/people/ports.ts';
import type { Permission } from '../src/domain/permissions.ts';

export interface CallOptions {
  body?: unknown;
  cookie?: string;
  csrf?: string;
  key?: string;
}

export interface Answer {
  status: number;
  json: any;
  text: string;
  setCookie: string | null;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export function client(base: () => string) {
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Answer> => {
    const r = await fetch(`${base()}${path}`, {
      method,
      headers: {
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(o.cookie ? { cookie: o.cookie } : {}),
        ...(o.csrf ? { 'x-csrf-token': o.csrf } : {}),
        ...(o.key ? { 'x-mitto-api-key': o.key } : {}),
      },
      ...(o.body === undefined ? {} : { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) }),
    });
    const text = await r.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: r.status, json, text, setCookie: r.headers.get('set-cookie') };
  };
  /** A session from an answer that set the cookie. */
  const sessionOf = (r: Answer): Session => ({ cookie: r.setCookie?.split(';')[0] ?? '', csrf: r.json?.csrfToken ?? '' });
  const signIn = async (email: string, password: string): Promise<Session> => {
    const r = await call('POST', '/api/v1/session', { body: { email, password } });
    assert.equal(r.status, 200, `sign-in of ${email}: ${r.text}`);
    return sessionOf(r);
  };
  return { call, signIn, sessionOf };
}

/** Creates an active user with a password, straight through the service. */
export async function makeUser(database: Database, u: { accountId: number; email: string; name?: string; role: PersonRole; password?: string; permissions?: Permission[] }) {
  const users = new Users(new SqlPeopleStore(database), new SqlAuditStore(database));
  const password = u.password ?? 'Petrel1!x';
  const user = await users.create({ accountId: u.accountId, email: u.email, name: u.name ?? u.email.split('@')[0]!, role: u.role, password }, Date.now());
  if (u.permissions?.length) await new SqlPeopleStore(database).updateUser(user.id, { permissions: u.permissions }, Date.now());
  return { ...user, password };
}
