// Starts a real Petrel (HTTP on an ephemeral port) over a scratch database, for API tests.

import { loadConfig } from '../src/config/config.ts';
import { startPetrel, type Petrel } from '../src/main.ts';
import { SqlTenancyStore } from '../src/storage/tenancy-repository.ts';
import { Tenancy } from '../src/gateway/tenancy.ts';
import type { Scratch } from './dialects.ts';

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
