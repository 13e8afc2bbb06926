// Each Playwright worker runs its own `petrel start` (fresh SQLite file, or its own PostgreSQL
// schema) on a free port, reads the first administrator's password from its banner, and stops
// it by PID at the end. Tests get `petrel` and a `baseURL` pointing at it.

import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnPetrel, type PetrelProcess } from '../../test/process.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/petrel.mjs', import.meta.url));

export interface Petrel {
  url: string;
  admin: { email: string; password: string };
  apiKey: string;
  process: PetrelProcess;
  /** Runs a `petrel` admin command on this server's database; its printed JSON. */
  cli(...args: string[]): Promise<any>;
}

export type Options = { dialect: 'sqlite' | 'postgres' };

export const test = base.extend<{ baseURL: string }, Options & { petrel: Petrel }>({
  dialect: ['sqlite', { option: true, scope: 'worker' }],
  petrel: [
    async ({ dialect }, use, worker) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'petrel-e2e-'));
      const schema = `e2e_${process.pid}_${worker.workerIndex}`;
      const env: Record<string, string> = { PETREL_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PETREL_API_THREADS: '1', PETREL_BUDGET_CHECK_MS: '300' };
      if (dialect === 'postgres') Object.assign(env, { DATABASE_URL: process.env.PETREL_TEST_DATABASE_URL!, PETREL_PG_SCHEMA: schema });
      const p = await spawnPetrel(env);
      const admin =
        /First administrator, to sign in at \S+ \(shown once\): (\S+) \/ (\S+)/.exec(p.logs.stdout) ?? (await waitFor(p, /First administrator, to sign in at \S+ \(shown once\): (\S+) \/ (\S+)/));
      const key = /Operator API key, for the whole platform \(shown once, store it now\): (\S+)/.exec(p.logs.stdout)!;
      const cli = async (...args: string[]) => {
        const { stdout } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
        return JSON.parse(stdout);
      };
      await use({ url: p.url, admin: { email: admin[1]!, password: admin[2]! }, apiKey: key[1]!, process: p, cli });
      p.child.kill('SIGTERM');
      await p.exited;
      rmSync(dataDir, { recursive: true, force: true });
      if (dialect === 'postgres') await dropSchema(schema);
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  baseURL: async ({ petrel }, use) => use(petrel.url),
});

async function waitFor(p: PetrelProcess, re: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 100; i++) {
    const m = re.exec(p.logs.stdout);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`petrel printed no ${re} in:\n${p.logs.stdout}`);
}

async function dropSchema(schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.PETREL_TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

/** Signs in through the login page, as a person does: labels, typing, Enter. */
export async function signIn(page: import('@playwright/test').Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
}

/** Signs out through the user menu, as a person does. */
export async function signOut(page: import('@playwright/test').Page): Promise<void> {
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: /^Sign in to / })).toBeVisible();
}

/** A full-page screenshot beside the test's results, to look at. */
export const shot = (page: import('@playwright/test').Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

export { expect };
