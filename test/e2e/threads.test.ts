// The API on two threads with a writer thread: requests on every thread are committed, the
// metrics of all threads add up, and shutdown commits what is in flight.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../dialects.ts';
import { serverForSuite, startTestPetrel } from '../server.ts';

forEachDialect('API threads and the writer thread', (dialect) => {
  const p = serverForSuite(dialect, { PETREL_API_THREADS: '2' });

  test('requests spread over threads are all committed and counted once', async () => {
    const N = 300;
    const results = await Promise.all(Array.from({ length: N }, (_, i) => p.post('/sms', { from: 'Petrel', to: `4917255${String(i).padStart(5, '0')}`, text: 'threads', reference: 'threads' })));
    assert.ok(results.every((r) => r.status === 200 && r.json.responseCode === 0));
    const listed = await p.get('/api/v1/messages?reference=threads&limit=1000');
    assert.equal(listed.json.messages.length, N);
    const metrics = (await p.get('/metrics')).text;
    const accepted = Number(/petrel_messages_accepted_total\{state="queued"\} (\d+)/.exec(metrics)?.[1]);
    assert.equal(accepted, N, 'accepted counts from both API threads add up');
    assert.ok(Number(/petrel_commit_batch_messages_sum (\d+)/.exec(metrics)?.[1]) >= N, 'the writer thread reports its commits');
    assert.match(metrics, /petrel_process_cpu_seconds_total/);
  });

  test('close commits requests in flight and stops every thread', async () => {
    const inflight = Array.from({ length: 100 }, (_, i) => p.post('/sms', { from: 'Petrel', to: `4917256${String(i).padStart(5, '0')}`, text: 'closing', reference: 'closing' }).catch(() => null));
    await new Promise((r) => setTimeout(r, 5));
    await p.close();
    const answered = (await Promise.all(inflight)).filter((r) => r?.status === 200).map((r) => r!.json.id as string);
    const reopened = await startTestPetrel(p.scratch);
    try {
      const stored = new Set((await reopened.get('/api/v1/messages?reference=closing&limit=1000')).json.messages.map((m: { id: string }) => m.id));
      for (const id of answered) assert.ok(stored.has(id), `answered ${id} was committed before close`);
    } finally {
      await reopened.close();
    }
  });
});
