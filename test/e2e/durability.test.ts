// Kill Petrel with SIGKILL under load, restart it, and find every message that got
// responseCode 0, and no bulk request stored in part.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, scratch, type Scratch } from '../dialects.ts';
import { spawnPetrel } from '../process.ts';

const KEY = 'durability-key-0123456789';
const CLIENTS = 48;
const KILL_AFTER_MS = 2500;
const BULK = 3;

interface Sent {
  reference: string;
  ids: string[];
}

forEachDialect('durability: SIGKILL under load', (dialect) => {
  let s: Scratch;
  before(() => {
    s = scratch(dialect);
  });
  after(() => s.dispose());

  test('every acknowledged message survives; bulk requests are all or nothing', { timeout: 120_000 }, async () => {
    const env = { ...s.env, PETREL_BOOTSTRAP_API_KEY: KEY };
    const first = await spawnPetrel(env);
    const acknowledged: Sent[] = [];
    const attempted: string[] = [];
    let stop = false;
    let n = 0;

    async function client(c: number): Promise<void> {
      while (!stop) {
        const bulk = n % 4 === 0;
        const reference = `d-${c}-${n++}`;
        attempted.push(reference);
        const to = bulk ? Array.from({ length: BULK }, (_, i) => `4917255${String((n * 7 + i) % 100000).padStart(5, '0')}`) : `4917255${String(n % 100000).padStart(5, '0')}`;
        try {
          const res = await fetch(`${first.url}/${bulk ? 'smsbulk' : 'sms'}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-mitto-api-key': KEY },
            body: JSON.stringify({ from: 'Petrel', to, text: `durable ${reference}`, reference }),
          });
          const body = (await res.json()) as { responseCode: number; id?: string; messages?: Array<{ id: string }> };
          if (res.status === 200 && body.responseCode === 0) {
            acknowledged.push({ reference, ids: bulk ? body.messages!.map((m) => m.id) : [body.id!] });
          }
        } catch {
          // The server was killed: this request was never acknowledged.
          return;
        }
      }
    }

    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, 'SIGKILL');
    stop = true;
    await Promise.all(clients);
    assert.ok(acknowledged.length > 100, `expected load before the kill, got ${acknowledged.length} acknowledged requests`);

    // Restart on the same data and read back through the API.
    const second = await spawnPetrel(env);
    try {
      const stored = new Map<string, number>();
      let cursor: string | null = null;
      do {
        const res = await fetch(`${second.url}/api/v1/messages?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { 'x-mitto-api-key': KEY } });
        const page = (await res.json()) as { messages: Array<{ id: string; reference: string }>; nextCursor: string | null };
        for (const m of page.messages) stored.set(m.reference, (stored.get(m.reference) ?? 0) + 1);
        for (const m of page.messages) stored.set(`id:${m.id}`, 1);
        cursor = page.nextCursor;
      } while (cursor);

      const lost = acknowledged.flatMap((a) => a.ids).filter((id) => !stored.has(`id:${id}`));
      assert.deepEqual(lost, [], `${lost.length} acknowledged messages were lost`);
      for (const reference of attempted) {
        const count = stored.get(reference) ?? 0;
        const bulk = Number(reference.split('-')[2]) % 4 === 0;
        assert.ok(count === 0 || count === (bulk ? BULK : 1), `request ${reference} stored ${count} messages`);
      }
      console.log(`# ${dialect}: ${acknowledged.length} requests acknowledged before SIGKILL, all found after restart`);
    } finally {
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, 'a clean shutdown exits 0');
    }
  });
});
