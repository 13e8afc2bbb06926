// The web app's build (DESIGN D17): `web/` is its own Vite root, built into `web/dist/`, which
// the API role serves. Route-level code splitting comes from the router's lazy pages.

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  define: { __PETREL_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget (the first page in one round trip of ≤ 300 kB gzip JS) is checked by
    // e2e/first-load.spec.ts on what the browser really loads, not by chunk-size warnings.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npm run dev:web`: the API of a running `petrel start` behind the dev server.
    proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' },
  },
});
