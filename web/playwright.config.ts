// Browser tests (DESIGN D9): Playwright driving Debian's chromium against a real `petrel start`
// per worker, once on SQLite and once on PostgreSQL (e2e/fixtures.ts). Without a reachable
// PostgreSQL the PostgreSQL half is left out, and says so.

import { defineConfig } from '@playwright/test';
import type { Options } from './e2e/fixtures.ts';

const postgres = process.env.PETREL_TEST_DATABASE_URL;
if (!postgres) {
  if (process.env.PETREL_REQUIRE_POSTGRES === '1') throw new Error('PETREL_REQUIRE_POSTGRES=1 but PETREL_TEST_DATABASE_URL is not set');
  console.log('web e2e: PETREL_TEST_DATABASE_URL is not set; the PostgreSQL half of the browser tests is SKIPPED');
}

export default defineConfig<Options>({
  testDir: './e2e',
  outputDir: './e2e/results',
  workers: 2,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.PETREL_CHROMIUM ?? '/usr/bin/chromium',
      // This machine's network is closed: Chromium's own background connections would only fail.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'sqlite', use: { dialect: 'sqlite' } }, ...(postgres ? [{ name: 'postgres', use: { dialect: 'postgres' as const } }] : [])],
});
