#!/usr/bin/env node
// Launcher: the Node version check runs first, then the CLI loads.
import './check-node.mjs';

await import('../src/cli.ts');
