// Before the browser tests: the web app built once (if its sources changed), so the servers
// the workers start all serve the same build and none of them builds it.

import { buildWebIfStale, DEFAULT_WEB_DIST } from '../../src/cli/web-build.ts';

export default async function globalSetup(): Promise<void> {
  delete process.env.PETREL_WEB_BUILD;
  await buildWebIfStale(DEFAULT_WEB_DIST, (line) => console.log(`web e2e: ${line}`));
}
