// The first page loads in one round trip of at most 300 kB of gzip JS: every script the login
// page needs is named in index.html (no chunk waterfall), and together they gzip to ≤ 300 kB.
// Other pages' code comes in their own chunks, after sign-in.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures.ts';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const BUDGET = 300 * 1024;

test('the login page loads in one round trip of ≤ 300 kB gzip JS', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Petrel' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(index, `${s} is loaded by the login page but not named in index.html`).toContain(s);
  const gzipped = scripts.reduce((sum, s) => sum + gzipSync(readFileSync(join(DIST, s))).length, 0);
  console.log(`first load: ${scripts.length} script(s), ${(gzipped / 1024).toFixed(1)} kB gzip`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET);
  const lazy = scripts.filter((s) => /TrafficAccountsPage/.test(s));
  expect(lazy, 'a page after sign-in is not in the first load').toEqual([]);
});
