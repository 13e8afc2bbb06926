// The web app from the API's port: its files, index.html for the app's own page addresses (a
// reload of /traffic-accounts), never for API paths; hashed assets cached for good, the page not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratch } from '../../test/dialects.ts';
import { startTestPetrel } from '../../test/server.ts';

const html = { accept: 'text/html,application/xhtml+xml' };

test('the built app is served at / with a fallback for its pages; the APIs keep their JSON 404s', async () => {
  const dist = mkdtempSync(join(tmpdir(), 'petrel-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Petrel</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  const s = scratch('sqlite');
  const p = await startTestPetrel(s, { PETREL_WEB_DIST: dist });
  try {
    for (const path of ['/', '/traffic-accounts', '/users/7/edit?tab=2']) {
      const r = await p.get(path, html);
      assert.equal(r.status, 200, path);
      assert.match(r.text, /<title>Petrel<\/title>/, path);
    }
    const page = await fetch(`${p.url}/traffic-accounts`, { headers: html });
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    const asset = await fetch(`${p.url}/assets/index-abc123.js`);
    assert.deepEqual([asset.status, asset.headers.get('cache-control')], [200, 'public, max-age=31536000, immutable']);
    for (const path of ['/api/v1/nope', '/docs/nope', '/sms/nope']) {
      const r = await p.get(path, html);
      assert.deepEqual([r.status, r.json?.message], [404, `no route GET ${path}`], path);
    }
    // Without asking for a page (a script, an API client), an unknown path is still a 404.
    assert.equal((await p.get('/traffic-accounts', { accept: 'application/json' })).status, 404);
    assert.equal((await p.post('/traffic-accounts', {}, html)).status, 404);
  } finally {
    await p.close();
    await s.dispose();
    rmSync(dist, { recursive: true, force: true });
  }
});

test('without a build, / says how to make one', async () => {
  const s = scratch('sqlite');
  const p = await startTestPetrel(s, { PETREL_WEB_DIST: join(tmpdir(), 'petrel-no-such-dist') });
  try {
    const r = await p.get('/', html);
    assert.equal(r.status, 503);
    assert.match(r.text, /The web app is not built\. Run `npm start`/);
  } finally {
    await p.close();
    await s.dispose();
  }
});
