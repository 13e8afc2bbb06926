// Issue #11, readiness: `petrel start` opens its port only once every role is up, so the first
// 200 from /readyz already finds the worker role running (the embedded simulator answers, the
// engine reports its connector) and the start-up banner with the admin key printed; and on such
// a fresh install a STOP to an unassigned number opts its sender out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { scratch } from '../dialects.ts';

const BIN = fileURLToPath(new URL('../../bin/petrel.mjs', import.meta.url));
const KEY = 'startup-key-0123456789';

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

test('the first ready answer comes when every role is up: the simulator answers, the key is printed; a STOP blacklists', async () => {
  const s = scratch('sqlite');
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, ...s.env, PORT: String(port), LOG_LEVEL: 'warn', PETREL_SIMULATOR_PORT: '0', PETREL_BOOTSTRAP_API_KEY: KEY, PETREL_WEB_BUILD: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    let polls = 0;
    for (;;) {
      assert.ok(Date.now() < deadline && child.exitCode === null, `petrel was not ready within 30 s:\n${out}`);
      polls++;
      const r = await fetch(`${base}/readyz`).catch(() => null);
      if (r?.status === 200) break;
      await new Promise((res) => setTimeout(res, 5));
    }
    assert.ok(polls > 1, 'the port was closed while Petrel started');
    const inbound = await fetch(`${base}/api/v1/simulator/inbound`, {
      method: 'POST',
      headers: { 'x-mitto-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+491725550000', to: '4930123', text: 'STOP' }),
    });
    assert.equal(inbound.status, 202, 'the embedded simulator runs at the first ready answer');
    assert.match(out, /Petrel is listening on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(out, new RegExp(`Operator API key, for the whole platform \\(shown once, store it now\\): ${KEY}`));
    // The first administrator's sign-in is printed with it, and works.
    const admin = /First administrator, to sign in at http:\/\/[\d.:]+\/ \(shown once\): (\S+) \/ (\S+)/.exec(out);
    assert.ok(admin, out);
    const signedIn = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin[1], password: admin[2] }) });
    assert.equal(signedIn.status, 200);
    // The README's example: on a fresh install (one traffic account) a STOP to a number nobody
    // was given is the default traffic account's, and blacklists its sender.
    for (let i = 0; ; i++) {
      const list = (await (await fetch(`${base}/api/v1/blacklist?source=keyword`, { headers: { 'x-mitto-api-key': KEY } })).json()) as { entries: Array<{ number: string }> };
      if (list.entries.some((e) => e.number === '+491725550000')) break;
      assert.ok(i < 200, 'the STOP blacklisted nothing');
      await new Promise((res) => setTimeout(res, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    await s.dispose();
  }
});
