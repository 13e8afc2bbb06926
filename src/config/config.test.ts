import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

test('defaults: port 3000 on 127.0.0.1, SQLite in ./data', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, undefined);
  assert.match(c.dataDir, /data$/);
  assert.equal(c.bodyLimitBytes, 1_048_576);
  assert.equal(c.maxTextCharacters, 1600);
  assert.equal(c.maxRecipients, 10_000);
});

test('a bad value names its variable', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
  );
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  assert.throws(() => loadConfig({ PETREL_SIMULATOR_RULES: '4915=LOST' }), /PETREL_SIMULATOR_RULES: "LOST" is not a receipt stat/);
  assert.throws(() => loadConfig({ PETREL_WORKER_ID: 'a b' }), /PETREL_WORKER_ID/);
  assert.throws(() => loadConfig({ PETREL_SIMULATOR: 'maybe' }), /PETREL_SIMULATOR/);
});

test('a config file supplies values; the environment wins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'petrel-cfg-'));
  const file = join(dir, 'petrel.json');
  writeFileSync(file, JSON.stringify({ PORT: 4000, LOG_LEVEL: 'warn' }));
  const c = loadConfig({ PETREL_CONFIG: file, LOG_LEVEL: 'debug' });
  assert.equal(c.port, 4000);
  assert.equal(c.logLevel, 'debug');
  assert.throws(() => loadConfig({ PETREL_CONFIG: join(dir, 'missing.json') }), /PETREL_CONFIG/);
});
