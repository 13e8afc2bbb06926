// `npm start` builds the web app when its sources are newer than the build (DESIGN D17), so the
// README's two commands still do all the set-up. Only the package's own web/dist/ is built; a
// PETREL_WEB_DIST elsewhere is the deployer's, and PETREL_WEB_BUILD=off skips the check (the
// tests' many servers share one build, made once before them).

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_WEB_DIST = join(ROOT, 'web', 'dist');
/** What the build reads: the app, and the server's contracts and domain rules it imports. */
const SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'web/postcss.config.cjs', 'src/contracts', 'src/domain', 'package-lock.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

/** True when `dist` has no build or one older than a source under `root`. */
export function webBuildIsStale(root: string, dist: string): boolean {
  const built = join(dist, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((p) => newest(join(root, p)) > builtAt);
}

/** Builds web/dist/ when it is missing or older than its sources; says so when it does. */
export async function buildWebIfStale(dist: string, say: (line: string) => void): Promise<void> {
  if (process.env.PETREL_WEB_BUILD === 'off' || dist !== DEFAULT_WEB_DIST) return;
  if (!existsSync(join(ROOT, 'web', 'index.html')) || !webBuildIsStale(ROOT, dist)) return;
  say('Building the web app (web/dist/), as its sources changed…');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  say(`Built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
