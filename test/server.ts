// Starts a real Petrel (HTTP on an ephemeral port) over a scratch database, for API tests.

import { loadConfig } from '../src/config/config.ts';
import { startPetrel, type Petrel } from '../src/main.ts';
import { SqlTenancyStore } from '../src/storage/tenancy-repository.ts';
import { Tenancy } from '../src/gateway/tenancy.ts';
import { after, before } from 'node:test';
import type { Dialect } from '../src/storage/schema.ts';
import { scratch, type Scratch } from './dialects.ts';

export const SEED_KEY = 'Xdqnjeewea'; // the key in the vendor's curl examples

export interface TestPetrel {
  petrel: Petrel;
  url: string;
  key: string;
  /** Tenancy over the same database, for arranging accounts, keys and prices. */
  tenancy: Tenancy;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string }>;
  close(): Promise<void>;
}

export async function startTestPetrel(s: Scratch, env: Record<string, string> = {}): Promise<TestPetrel> {
  // One API thread unless a test asks for more: starting threads costs ~0.3 s per server.
  const config = loadConfig({ ...s.env, PORT: '0', LOG_LEVEL: 'silent', PETREL_BOOTSTRAP_API_KEY: SEED_KEY, PETREL_API_THREADS: '1', ...env });
  const petrel = await startPetrel(config, ['api']);
  const url = petrel.url!;
  const tenancy = new Tenancy(new SqlTenancyStore(petrel.database));
  const request = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const init: RequestInit = { method, headers: { 'x-mitto-api-key': SEED_KEY, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as RequestInit['body']) : JSON.stringify(body);
      if (typeof body !== 'string' && !(body instanceof Uint8Array)) (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, init);
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json, text, headers: res.headers };
  };
  return {
    petrel,
    url,
    key: SEED_KEY,
    tenancy,
    post: (path, body, headers = {}) => request('POST', path, body, headers),
    get: (path, headers = {}) => request('GET', path, undefined, headers),
    close: () => petrel.close(),
  };
}

/**
 * A server over a fresh database for the enclosing suite: started before its tests, closed and
 * disposed after them. Call it inside a `forEachDialect` body; the object it returns delegates
 * to the running server, and `scratch` is its database.
 */
export function serverForSuite(dialect: Dialect, env: Record<string, string> = {}): TestPetrel & { readonly scratch: Scratch } {
  let server: TestPetrel | null = null;
  let db: Scratch | null = null;
  before(async () => {
    db = scratch(dialect);
    server = await startTestPetrel(db, env);
  });
  after(async () => {
    await server?.close(); // closing twice is harmless: a test may close it itself
    await db?.dispose();
  });
  return {
    key: SEED_KEY,
    get petrel() {
      return server!.petrel;
    },
    get url() {
      return server!.url;
    },
    get tenancy() {
      return server!.tenancy;
    },
    get scratch() {
      return db!;
    },
    post: (...a) => server!.post(...a),
    get: (...a) => server!.get(...a),
    close: () => server!.close(),
  };
}
