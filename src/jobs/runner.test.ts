import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { addJob, SqlJobStore } from '../storage/job-repository.ts';
import { databaseForSuite, forEachDialect } from '../../test/dialects.ts';
import { type Job, JobFailed, JobStopped } from './ports.ts';
import { JobRunner } from './runner.ts';

const logger = pino({ level: 'silent' });
const backoff = { baseMs: 1, maxMs: 1 };

forEachDialect('the general job queue', (dialect) => {
  const suite = databaseForSuite(dialect);

  test('a job added runs once to done, with its payload; other kinds are left alone', async () => {
    const { db } = suite.db;
    const now = Date.now();
    const id = await addJob(db, 'test_echo', { importId: 7 }, now);
    await addJob(db, 'callback_like', { x: 1 }, now);
    const seen: Job[] = [];
    const runner = new JobRunner({
      store: new SqlJobStore(suite.db),
      handlers: { test_echo: async (j) => void seen.push(j) },
      owner: 'w1',
      leaseMs: 5000,
      pollMs: 10_000,
      concurrency: 2,
      maxAttempts: 3,
      backoff,
      logger,
    });
    await runner.poll();
    await runner.idle();
    await runner.poll();
    await runner.idle();
    assert.deepEqual(seen, [{ id, kind: 'test_echo', payload: { importId: 7 }, attempts: 0 }]);
    const rows = await db.selectFrom('jobs').select(['kind', 'state', 'lease_owner']).orderBy('id').execute();
    assert.deepEqual(rows, [
      { kind: 'test_echo', state: 'done', lease_owner: null },
      { kind: 'callback_like', state: 'pending', lease_owner: null },
    ]);
  });

  test('a throwing handler is retried with its error kept, then failed after maxAttempts; JobFailed fails at once', async () => {
    const { db } = suite.db;
    const flaky = await addJob(db, 'test_flaky', {}, Date.now());
    const broken = await addJob(db, 'test_broken', {}, Date.now());
    let tries = 0;
    const runner = new JobRunner({
      store: new SqlJobStore(suite.db),
      handlers: {
        test_flaky: async () => {
          tries++;
          throw new Error(`try ${tries}`);
        },
        test_broken: async () => {
          throw new JobFailed('not a text file');
        },
      },
      owner: 'w1',
      leaseMs: 5000,
      pollMs: 10_000,
      concurrency: 4,
      maxAttempts: 3,
      backoff,
      logger,
    });
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await runner.poll();
      await runner.idle();
    }
    assert.equal(tries, 3);
    const row = async (id: number) => db.selectFrom('jobs').select(['state', 'attempts', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(await row(flaky), { state: 'failed', attempts: 3, last_error: 'try 3' });
    assert.deepEqual(await row(broken), { state: 'failed', attempts: 1, last_error: 'not a text file' });
  });

  test('a dead worker’s job is taken again when its lease runs out, and only the new holder settles it', async () => {
    const { db } = suite.db;
    const store = new SqlJobStore(suite.db);
    const now = Date.now();
    const id = await addJob(db, 'test_lease', {}, now);
    const [first] = await store.claim(['test_lease'], 5, now, now + 1000, 'dead');
    assert.equal(first?.id, id);
    assert.deepEqual(await store.claim(['test_lease'], 5, now + 500, now + 1500, 'w2'), [], 'leased: not due');
    const [again] = await store.claim(['test_lease'], 5, now + 1001, now + 2000, 'w2');
    assert.equal(again?.id, id);
    await store.done(id, 'dead', now + 1100);
    assert.equal((await db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state, 'pending', 'the old holder cannot settle it');
    assert.equal(await store.extend(id, 'dead', now + 5000), false);
    assert.equal(await store.extend(id, 'w2', now + 5000), true);
    await store.done(id, 'w2', now + 1200);
    assert.equal((await db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state, 'done');
  });

  test('stopping the runner stops a long handler; its job is due again at once, its attempts not counted', async () => {
    const { db } = suite.db;
    const id = await addJob(db, 'test_long', {}, Date.now());
    let started = false;
    const runner = new JobRunner({
      store: new SqlJobStore(suite.db),
      handlers: {
        test_long: (_job, { signal }) =>
          new Promise((_resolve, reject) => {
            started = true;
            signal.addEventListener('abort', () => reject(new JobStopped()));
          }),
      },
      owner: 'w1',
      leaseMs: 60_000,
      pollMs: 10_000,
      concurrency: 1,
      maxAttempts: 3,
      backoff,
      logger,
    });
    await runner.poll();
    assert.ok(started);
    await runner.stop();
    const row = await db.selectFrom('jobs').select(['state', 'attempts', 'lease_owner', 'run_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.state, row.attempts, row.lease_owner], ['pending', 0, null]);
    assert.ok(row.run_at <= Date.now());
  });
});
