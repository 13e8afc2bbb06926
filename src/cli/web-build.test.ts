import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webBuildIsStale } from './web-build.ts';

test('the web build is stale when missing, or older than any source the app reads', () => {
  const root = mkdtempSync(join(tmpdir(), 'petrel-web-build-'));
  try {
    const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
    for (const dir of ['web/src/features', 'web/dist', 'src/domain']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'web/src/features/page.tsx'), '');
    writeFileSync(join(root, 'src/domain/rule.ts'), '');
    const dist = join(root, 'web/dist');
    assert.equal(webBuildIsStale(root, dist), true, 'no build yet');
    writeFileSync(join(dist, 'index.html'), '');
    for (const p of ['web/src/features/page.tsx', 'web/src/features', 'web/src', 'src/domain/rule.ts', 'src/domain']) at(p, 1000);
    at('web/dist/index.html', 2000);
    assert.equal(webBuildIsStale(root, dist), false, 'built after every source');
    at('src/domain/rule.ts', 3000);
    assert.equal(webBuildIsStale(root, dist), true, 'a domain rule the app imports changed');
    at('src/domain/rule.ts', 1000);
    at('web/src/features/page.tsx', 3000);
    assert.equal(webBuildIsStale(root, dist), true, 'a page changed, deep in web/src');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
