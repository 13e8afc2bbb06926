// End-to-end benchmark: POST /sms → queue → submit_sm → receipt → final state (→ callback),
// with the SMSC simulator and the callback receiver in separate processes (their CPU is not
// Petrel's). Starts the simulator and `petrel start` (API on every core, the worker in the
// main thread), adds a connector to the simulator, drives N requests with wrk (each to a
// different number), and waits until every accepted message is final (with --callbacks, until
// the receiver has every message's callback). Reports HTTP accepted/s, submit_sm/s, receipts/s,
// callbacks/s, time to the last final state (or callback), Petrel's CPU ms per message and its
// peak RSS.
//
//   node bench/e2e.ts [--dialect sqlite|postgres] [--messages 20000] [--connections 64]
//                     [--callbacks | --message-callbacks] [--receipt-delay 10] [--receipt-jitter 0]
//                     [--undelivered 0] [--smsc HOST:PORT] [--window 200] [--throughput 0] [--warmup 0]
//
// Issue #4's run: --callbacks --receipt-delay 0 --receipt-jitter 50 --undelivered 0.05
// (JSON POST callbacks, receipts 0–50 ms after the response, 5% undelivered).
// What users run (issue #11): --message-callbacks (each request carries its own GET callback
// URL with Mitto placeholders, `reference` per message), --smsc at an SMSC we did not write
// (e.g. ../shared/peers/kannel/smsc-sink/sink.js; its receipt and outcome settings are its own,
// and its CPU is not reported), --window 100 --throughput 100000 (a carrier link's limit),
// --warmup 2000 (as side-by-side.sh: that many messages first, all final before the measured
// run starts, so the JIT is warm and the latency percentiles are the running system's).
//
// Bounded: wrk stops after N responses (or 120 s); the wait for final states gives up after 300 s.

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { spawnPetrel } from '../test/process.ts';
import { BENCH_KEY, cpuMs, cpuTimes, envPairs, machineCpuMs, peakRssMiB, PG_URL, threadCpuMs } from './process-stats.ts';
import { CONNECTOR_DEFAULTS } from '../src/engine/ports.ts';
import { openDatabase } from '../src/storage/database.ts';
import { migrate } from '../src/storage/migrator.ts';
import { SqlConnectorStore } from '../src/storage/connector-repository.ts';
import { SqlTenancyStore } from '../src/storage/tenancy-repository.ts';
import { Tenancy } from '../src/gateway/tenancy.ts';

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    messages: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '64' },
    env: { type: 'string', multiple: true, default: [] },
    callbacks: { type: 'boolean', default: false },
    'receipt-delay': { type: 'string', default: '10' },
    'receipt-jitter': { type: 'string', default: '0' },
    undelivered: { type: 'string', default: '0' },
    'message-callbacks': { type: 'boolean', default: false },
    smsc: { type: 'string' },
    window: { type: 'string', default: '200' },
    throughput: { type: 'string', default: '0' },
    warmup: { type: 'string', default: '0' },
  },
});
const withCallbacks = args.callbacks || args['message-callbacks'];
const dialect = args.dialect as 'sqlite' | 'postgres';
const N = Number(args.messages);
const BIN = fileURLToPath(new URL('../bin/petrel.mjs', import.meta.url));
const FINAL = ['delivered', 'undelivered', 'expired', 'rejected', 'unknown', 'failed'];

if (spawnSync('wrk', ['--version']).error) throw new Error('bench/e2e.ts needs wrk (apt-get install wrk)');
const dataDir = mkdtempSync(join(tmpdir(), 'petrel-e2e-'));
const schema = `bench_${Date.now().toString(36)}`;
const dbEnv: Record<string, string> = dialect === 'postgres' ? { DATABASE_URL: PG_URL, PETREL_PG_SCHEMA: schema } : {};
const extraEnv = envPairs(args.env as string[]);

// The SMSC simulator, in its own process, unless the SMSC is another's (--smsc).
const simulator = args.smsc
  ? null
  : spawn(process.execPath, [BIN, 'simulator'], {
      env: {
        ...process.env,
        PETREL_SIMULATOR_PORT: '0',
        PETREL_SIMULATOR_PASSWORD: 'bench',
        PETREL_SIMULATOR_RECEIPT_DELAY_MS: args['receipt-delay'],
        PETREL_SIMULATOR_RECEIPT_JITTER_MS: args['receipt-jitter'],
        PETREL_SIMULATOR_RULES: Number(args.undelivered) > 0 ? `49*${args.undelivered}=UNDELIV:1` : '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
process.on('exit', () => simulator?.kill('SIGTERM')); // also when the bench fails
const [smscHost, smscPort] = args.smsc ? [args.smsc.split(':')[0]!, Number(args.smsc.split(':')[1])] : ['127.0.0.1', await simulatorPort(simulator!)];

async function simulatorPort(p: typeof simulator & object): Promise<number> {
  const [line] = (await once(p.stdout!, 'data')) as [Buffer];
  return Number(/:(\d+) /.exec(line.toString())![1]);
}

// A connector to it, stored before Petrel starts (so no embedded simulator).
const db = await openDatabase({ dataDir, ...(dialect === 'postgres' ? { databaseUrl: PG_URL, pgSchema: schema } : {}) });
await migrate(db);
await new SqlConnectorStore(db).create(
  'bench-smsc',
  { ...CONNECTOR_DEFAULTS, host: smscHost, port: smscPort, systemId: 'petrel', password: 'bench', window: Number(args.window), throughput: Number(args.throughput) },
  { enabled: true, paused: false },
  Date.now(),
);

// The callback receiver, in its own process; the default traffic account posts its reports there
// (--callbacks), or each message names its own GET URL there (--message-callbacks).
const receiver = withCallbacks ? spawn(process.execPath, [fileURLToPath(new URL('./receiver.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] }) : null;
let receiverUrl = '';
if (receiver) {
  process.on('exit', () => receiver.kill('SIGTERM'));
  const [ready] = (await once(receiver.stdout!, 'data')) as [Buffer];
  receiverUrl = `http://127.0.0.1:${/listening on (\d+)/.exec(ready.toString())![1]}`;
  if (args.callbacks) {
    const tenancy = new Tenancy(new SqlTenancyStore(db));
    await tenancy.bootstrap(BENCH_KEY);
    await tenancy.changeTrafficAccount(await tenancy.accountIdOf('default'), 'default', { callbackUrl: `${receiverUrl}/dlr`, callbackMethod: 'POST' });
  }
}
const messageCallback = args['message-callbacks'] ? `,"reference":"m-' .. n .. '","callback":"${receiverUrl}/dlr?id=~reference~&type=~status~"` : '';
const receiverStats = async () => (await (await fetch(`${receiverUrl}/stats`)).json()) as { count: number; distinct: number; bad: number; first: number; last: number; cpuMs: number };

const petrel = await spawnPetrel({
  PETREL_DATA_DIR: dataDir,
  PETREL_BOOTSTRAP_API_KEY: BENCH_KEY,
  ...(receiver ? { PETREL_ALLOW_PRIVATE_CALLBACKS: 'true' } : {}),
  ...dbEnv,
  ...extraEnv,
});
const pid = petrel.child.pid!;

// wrk stops itself after N responses: each request goes to a different number (warm-up
// requests to other numbers, without a callback URL of their own).
function wrkScript(name: string, prefix: string, callback: string): string {
  const file = join(dataDir, name);
  writeFileSync(
    file,
    `
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Mitto-API-Key"] = "${BENCH_KEY}"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"from":"Petrel","to":"' .. string.format("${prefix}%07d", n) .. '","text":"Hello, World! Your code is ' .. (100000 + n) .. '."${callback}}')
end
`,
  );
  return file;
}
const script = wrkScript('post.lua', '49172', messageCallback);

/** Runs wrk until `n` more messages are stored (at most 120 s); its output. */
async function load(file: string, n: number, onCpu: (ms: number) => void = () => {}): Promise<string> {
  const base = await storedCount();
  const wrk = spawn('wrk', ['-t1', `-c${args.connections}`, '-d120s', '--latency', '-s', file, `${petrel.url}/sms`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const cpuTimer = setInterval(() => {
    try {
      onCpu(cpuMs(wrk.pid!)); // read while it runs: /proc forgets an exited process
    } catch {}
  }, 100);
  wrk.stdout!.on('data', (d) => (out += d));
  // Polling is sparse and cheap (its CPU is this process's, on the same cores): it counts rows over an index.
  while ((await storedCount()) - base < n && wrk.exitCode === null) await new Promise((r) => setTimeout(r, POLL_MS));
  clearInterval(cpuTimer);
  wrk.kill('SIGINT'); // wrk prints its summary on SIGINT
  await once(wrk, 'exit');
  return out;
}

/** Final and all messages of the measured run (created from `since`). */
async function finalCount(since: number): Promise<{ final: number; total: number }> {
  const r = await sql<{ final: number; total: number }>`SELECT count(*) FILTER (WHERE state IN (${sql.join(FINAL)})) AS final, count(*) AS total FROM messages WHERE created_at >= ${since}`.execute(
    db.db,
  );
  return { final: Number(r.rows[0]!.final ?? 0), total: Number(r.rows[0]!.total) };
}

/** Messages stored so far: a count over an index, cheaper than finalCount's scan of the rows. */
async function storedCount(): Promise<number> {
  return Number((await sql<{ n: number }>`SELECT count(*) AS n FROM messages`.execute(db.db)).rows[0]!.n);
}

const POLL_MS = 250;
const nap = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (at most 300 s) until every message created since `since` is final. */
async function settle(since: number): Promise<{ final: number; total: number }> {
  const from = Date.now();
  let counts = await finalCount(since);
  while (counts.final < counts.total && Date.now() - from < 300_000) counts = (await nap(POLL_MS), await finalCount(since));
  return counts;
}

// The warm-up: its messages final (and, with account callbacks, reported) before the run starts.
if (Number(args.warmup) > 0) {
  await load(wrkScript('warmup.lua', '49173', ''), Number(args.warmup));
  const warm = await settle(0);
  for (const from = Date.now(); args.callbacks && (await receiverStats()).distinct < warm.total && Date.now() - from < 60_000; ) await nap(100);
  await nap(1000);
  if (receiver) await fetch(`${receiverUrl}/reset`);
}

const stored0 = await storedCount();
const cpu0 = cpuMs(pid);
const times0 = cpuTimes(pid);
const simCpu0 = simulator ? cpuMs(simulator.pid!) : 0;
const threads0 = threadCpuMs(pid);
const machine0 = machineCpuMs();
const t0 = Date.now();
// wrk cannot stop itself after N requests: it runs (at most 120 s) until N are stored. Then,
// with callbacks, the bench asks the receiver, else it counts final states. The times come
// from the stored timestamps, not from when a poll saw them.
let wrkCpu = 0;
const wrkOut = await load(script, N, (ms) => (wrkCpu = ms));
const tLoad = Date.now();
// With callbacks, done when the receiver has one for every message, counting again at the end:
// requests in flight when wrk stopped may still have been committing.
const storedNow = async () => (await storedCount()) - stored0;
let callbacks = receiver ? await receiverStats() : null;
for (let stored = await storedNow(); callbacks && Date.now() - tLoad < 300_000; ) {
  if (callbacks.distinct >= stored && (stored = await storedNow()) <= callbacks.distinct) break;
  await nap(100);
  callbacks = await receiverStats();
}
const counts = await settle(t0);
const cpu = cpuMs(pid) - cpu0;
const simCpu = simulator ? cpuMs(simulator.pid!) - simCpu0 : 0;
const receiverCpu = callbacks?.cpuMs ?? 0;
const machine1 = machineCpuMs();
const busiest = [...threadCpuMs(pid)]
  .map(([name, ms]) => [name, ms - (threads0.get(name) ?? 0)] as const)
  .filter(([, ms]) => ms > 0)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 4);
const times1 = cpuTimes(pid);
const systemShare = Number(((times1.system - times0.system) / Math.max(1, cpu)).toFixed(2));
const rss = peakRssMiB(pid);

// Every warm-up message was final before t0: what happened since is the measured run's.
const span = async (col: 'submitted_at' | 'receipt_at', table: 'messages' | 'message_parts') => {
  const r = await sql<{
    lo: number;
    hi: number;
    n: number;
  }>`SELECT min(${sql.ref(col)}) AS lo, max(${sql.ref(col)}) AS hi, count(${sql.ref(col)}) AS n FROM ${sql.table(table)} WHERE ${sql.ref(col)} >= ${t0}`.execute(db.db);
  const { lo, hi, n } = r.rows[0]!;
  return Math.round(Number(n) / Math.max(0.001, (Number(hi) - Number(lo)) / 1000));
};
const stamps = (await sql<{ created: number; done: number }>`SELECT max(created_at) AS created, max(done_at) AS done FROM messages WHERE created_at >= ${t0}`.execute(db.db)).rows[0]!;
const lastAccepted = Number(stamps.created);
const lastFinal = Number(stamps.done);
const states = (await sql<{ state: string; n: number }>`SELECT state, count(*) AS n FROM messages WHERE created_at >= ${t0} GROUP BY state`.execute(db.db)).rows;
const submitsPerSec = await span('submitted_at', 'messages');
const receiptsPerSec = await span('receipt_at', 'message_parts');

if (process.env.BENCH_SHOW_METRICS) {
  const text = await (await fetch(`${petrel.url}/metrics`)).text();
  console.error(
    text
      .split('\n')
      .filter((l) => new RegExp(process.env.BENCH_SHOW_METRICS!).test(l) && !l.startsWith('#'))
      .join('\n'),
  );
}
if (process.env.BENCH_SHOW_STDERR) console.error(petrel.logs.stderr.slice(-2000));
petrel.child.kill('SIGTERM');
await petrel.exited;
simulator?.kill('SIGTERM');
receiver?.kill('SIGTERM');
if (dialect === 'postgres') await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db.db);
await db.close();
rmSync(dataDir, { recursive: true, force: true });

const accepted = counts.total;
const out = {
  dialect,
  messages: accepted,
  httpAcceptedPerSec: Math.round(accepted / ((lastAccepted - t0) / 1000)),
  submitsPerSec,
  receiptsPerSec,
  secondsToLastFinal: (lastFinal - t0) / 1000,
  endToEndPerSec: Math.round(accepted / ((lastFinal - t0) / 1000)),
  ...(callbacks
    ? {
        callbacks: callbacks.count,
        callbacksDistinct: callbacks.distinct,
        callbacksBadBodies: callbacks.bad,
        callbacksPerSec: Math.round(callbacks.count / Math.max(0.001, (callbacks.last - callbacks.first) / 1000)),
        secondsToLastCallback: (callbacks.last - t0) / 1000,
        requestToCallbackPerSec: Math.round(accepted / ((callbacks.last - t0) / 1000)),
        receiverCpuMsPerMsg: Number((receiverCpu / Math.max(1, accepted)).toFixed(4)),
      }
    : {}),
  cpuMsPerMsg: Number((cpu / Math.max(1, accepted)).toFixed(4)),
  /** Share of that CPU spent in the kernel (syscalls: sockets, fsync). */
  systemShare,
  /** The other processes on the same two cores: what is left for Petrel. */
  simulatorCpuMsPerMsg: simulator ? Number((simCpu / Math.max(1, accepted)).toFixed(4)) : 'not measured (--smsc)',
  wrkCpuMsPerMsg: Number((wrkCpu / Math.max(1, accepted)).toFixed(4)),
  benchCpuMsPerMsg: Number(((process.cpuUsage().user + process.cpuUsage().system) / 1000 / Math.max(1, accepted)).toFixed(4)),
  peakRssMiB: rss,
  states: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])),
  wrkLatency: /Latency\s+(\S+)\s+(\S+)\s+(\S+)/.exec(wrkOut)?.slice(1, 4),
  /** Intake latency percentiles (wrk --latency): the request until its commit's answer. */
  wrkP50P99: [/\n\s+50%\s+(\S+)/.exec(wrkOut)?.[1], /\n\s+99%\s+(\S+)/.exec(wrkOut)?.[1]],
  /** The whole machine (every process and the kernel's own threads), over the load and the drain. */
  machineBusyShare: Number(((machine1.busy - machine0.busy) / Math.max(1, machine1.busy - machine0.busy + machine1.idle - machine0.idle)).toFixed(2)),
  /** Share of a core each of Petrel's busiest threads used from the first request to the last final state. */
  threadLoad: Object.fromEntries(busiest.map(([name, ms]) => [name, Number((ms / (lastFinal - t0)).toFixed(2))])),
  env: extraEnv,
  warmup: Number(args.warmup),
  connector: { smsc: args.smsc ?? 'simulator', window: Number(args.window), throughput: Number(args.throughput) },
  callbackStyle: args['message-callbacks'] ? 'message GET' : args.callbacks ? 'account POST' : 'none',
  cpus: cpus().length,
};
console.log(JSON.stringify(out));
console.log(
  `| ${new Date().toISOString().slice(0, 10)} | ${dialect} | ${accepted} | ${out.httpAcceptedPerSec} | ${submitsPerSec} | ${receiptsPerSec} | ${out.secondsToLastFinal} | ${out.endToEndPerSec} | ${out.cpuMsPerMsg} | ${rss} |`,
);
if (counts.final < counts.total || (callbacks && callbacks.distinct < counts.total)) process.exitCode = 1;
