// Dispatch storage micro-benchmark: the statements one message costs on its way through the
// engine (claim, mark submitting, record the submit, match the receipt), run in batches as the
// lane runs them, without sockets. Reports µs per message for each phase.
//
//   node bench/dispatch-store.ts [--dialect sqlite|postgres] [--messages 20000] [--batch 500]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { asSubmission, messageRecord } from '../test/factories.ts';
import { smscIdKeys } from '../src/domain/smsc-id.ts';
import type { DispatchBatch } from '../src/engine/ports.ts';
import { openDatabase } from '../src/storage/database.ts';
import { migrate } from '../src/storage/migrator.ts';
import { dispatchStore } from '../src/storage/dispatch-repository.ts';
import { SqlMessageStore } from '../src/storage/message-repository.ts';
import { SqlTenancyStore } from '../src/storage/tenancy-repository.ts';

const { values: args } = parseArgs({ options: { dialect: { type: 'string', default: 'sqlite' }, messages: { type: 'string', default: '20000' }, batch: { type: 'string', default: '500' } } });
const N = Number(args.messages);
const B = Number(args.batch);
const PG_URL = process.env.PETREL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dataDir = mkdtempSync(join(tmpdir(), 'petrel-dstore-'));
const schema = `bench_${Date.now().toString(36)}`;
const db = await openDatabase({ dataDir, ...(args.dialect === 'postgres' ? { databaseUrl: PG_URL, pgSchema: schema } : {}) });
await migrate(db);
const tenancy = new SqlTenancyStore(db);
const ta = await tenancy.createTrafficAccount({ accountId: await tenancy.createAccount('a', Date.now()), name: 't', currency: 'EUR', conversionTracking: false }, Date.now());
const base = Date.now();
await new SqlMessageStore(db).insert(asSubmission(Array.from({ length: N }, (_, i) => messageRecord(ta, { createdAt: base + i }))));
const store = dispatchStore(db);
const lane = { connectorId: 1, owner: 'bench/1/x', anyPartDelivers: false };
const empty = (): DispatchBatch => ({ submitting: [], outcomes: [], expired: [], released: [], receipts: [] });
const t = { claim: 0, submitting: 0, outcome: 0, receipt: 0 };
let smsc = 0x3a7f0000;
for (let done = 0; done < N; done += B) {
  const now = Date.now();
  let t0 = performance.now();
  const claimed = await store.claim(lane, B, now, now + 60_000, true);
  t.claim += performance.now() - t0;
  t0 = performance.now();
  await store.write(lane, { ...empty(), submitting: claimed.map((m) => m.id) }, now, now + 60_000);
  t.submitting += performance.now() - t0;
  const ids = claimed.map(() => (smsc++).toString(16));
  t0 = performance.now();
  await store.write(
    lane,
    { ...empty(), outcomes: claimed.map((m, i) => ({ id: m.id, state: 'submitted', parts: [{ seq: 1, smscId: ids[i]!, status: 0, state: 'submitted', at: now }], errorCode: null, reason: null })) },
    now,
    0,
  );
  t.outcome += performance.now() - t0;
  t0 = performance.now();
  await store.write(lane, { ...empty(), receipts: ids.map((id) => ({ keys: smscIdKeys(id.toUpperCase()), stat: 'DELIVRD', error: '000', network: null, doneAt: now })) }, now, 0);
  t.receipt += performance.now() - t0;
}
const states = (await sql<{ state: string; n: number }>`SELECT state, count(*) AS n FROM messages GROUP BY state`.execute(db.db)).rows;
const per = (ms: number) => Number(((ms * 1000) / N).toFixed(1));
console.log(
  JSON.stringify({
    dialect: args.dialect,
    messages: N,
    batch: B,
    usPerMsg: { claim: per(t.claim), submitting: per(t.submitting), outcome: per(t.outcome), receipt: per(t.receipt), total: per(t.claim + t.submitting + t.outcome + t.receipt) },
    states,
  }),
);
if (args.dialect === 'postgres') await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db.db);
await db.close();
rmSync(dataDir, { recursive: true, force: true });
