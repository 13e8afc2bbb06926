// Intake benchmark: starts Petrel (`petrel start`) as its own process on SQLite or PostgreSQL
// and drives POST /sms from this process with autocannon: 64 connections, bounded in time
// and count. Reports accepted/s, latency percentiles, the server's peak RSS, and checks that
// the database holds exactly the messages that were acknowledged.
//
//   node bench/intake.ts [--dialect sqlite|postgres] [--seconds 15] [--connections 64] [--max 2000000]
//
// Prints a Markdown row for bench/RESULTS.md and a JSON line.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import BetterSqlite3 from 'better-sqlite3';
import { spawnPetrel } from '../test/process.ts';
import { BENCH_KEY, cpuMs, envPairs, peakRssMiB, PG_URL } from './process-stats.ts';

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '64' },
    max: { type: 'string', default: '2000000' },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const dialect = args.dialect as 'sqlite' | 'postgres';
const seconds = Number(args.seconds);
const connections = Number(args.connections);

const dataDir = mkdtempSync(join(tmpdir(), 'petrel-bench-'));
const schema = `bench_${Date.now().toString(36)}`;
const extraEnv = envPairs(args.env as string[]);
const petrel = await spawnPetrel({
  PETREL_DATA_DIR: dataDir,
  PETREL_BOOTSTRAP_API_KEY: BENCH_KEY,
  ...(dialect === 'postgres' ? { DATABASE_URL: PG_URL, PETREL_PG_SCHEMA: schema } : {}),
  ...extraEnv,
});
const server = petrel.child;

interface Load {
  requests: number;
  ok: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  tool: string;
}

const url = `${petrel.url}/sms`;
const headers = { 'content-type': 'application/json', 'x-mitto-api-key': BENCH_KEY };

// wrk (C, from Debian's package) costs ~11% of a core at 9k req/s where autocannon costs ~35%:
// on a 2-core machine the load generator's share decides what the server can show.
function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

// Each request goes to a different number, as real traffic does.
const WRK_SCRIPT = `
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Mitto-API-Key"] = "${BENCH_KEY}"
request = function()
  local to = string.format("4917255%05d", math.random(0, 99999))
  return wrk.format(nil, nil, nil, '{"from":"Petrel","to":"' .. to .. '","text":"Hello, World! Your code is ' .. math.random(100000, 999999) .. '."}')
end
`;

function ms(text: string | undefined): number {
  if (!text) return NaN;
  const m = /([\d.]+)(us|ms|s)/.exec(text)!;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

function runWrk(duration: number): Load {
  const script = join(dataDir, 'post.lua');
  writeFileSync(script, WRK_SCRIPT);
  const r = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  const out = r.stdout;
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const line = (p: string) => new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out)?.[1];
  return { requests, ok: requests - non2xx, errors: errors + non2xx, p50: ms(line('50')), p99: ms(line('99')), max: ms(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1]), tool: 'wrk' };
}

async function runAutocannon(duration: number): Promise<Load> {
  let ok = 0;
  let n = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration,
        maxOverallRequests: Number(args.max),
        headers,
        setupClient: (client) => {
          client.setBody(JSON.stringify({ from: 'Petrel', to: `4917255${String(n++ % 100000).padStart(5, '0')}`, text: 'Hello, World! Your code is 123456.' }));
        },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_client, statusCode) => {
      if (statusCode === 200) ok++;
    });
  });
  return {
    requests: result.requests.total,
    ok,
    errors: result.errors + result.timeouts + result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    tool: 'autocannon',
  };
}

const drive = (d: number) => (hasWrk() && !process.env.BENCH_AUTOCANNON ? Promise.resolve(runWrk(d)) : runAutocannon(d));
await drive(2); // warm-up: JIT, caches, the first pages of the database
const cpuBefore = cpuMs(server.pid!);
const started = Date.now();
const load = await drive(seconds);
const ok = load.ok;
const elapsed = (Date.now() - started) / 1000;
const cpu = cpuMs(server.pid!) - cpuBefore;
const rss = peakRssMiB(server.pid!);

server.kill('SIGTERM');
await petrel.exited;

// Every acknowledged message must be in the database (warm-up ones included).
let stored: number;
if (dialect === 'sqlite') {
  const db = new BetterSqlite3(join(dataDir, 'petrel.db'), { readonly: true });
  stored = (db.prepare('select count(*) as n from messages').get() as { n: number }).n;
  db.close();
} else {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  stored = Number((await c.query(`select count(*) as n from "${schema}".messages`)).rows[0].n);
  await c.query(`DROP SCHEMA "${schema}" CASCADE`);
  await c.end();
}
rmSync(dataDir, { recursive: true, force: true });

const out = {
  dialect,
  connections,
  seconds: elapsed,
  tool: load.tool,
  requests: load.requests,
  accepted: ok,
  errors: load.errors,
  acceptedPerSec: Math.round(ok / elapsed),
  p50ms: load.p50,
  p99ms: load.p99,
  maxMs: load.max,
  serverCpuMsPerMsg: Number((cpu / Math.max(ok, 1)).toFixed(4)),
  serverPeakRssMiB: rss,
  storedAtLeastAccepted: stored >= ok,
  env: extraEnv,
  cpus: cpus().length,
};
console.log(JSON.stringify(out));
console.log(
  `| ${new Date().toISOString().slice(0, 10)} | ${dialect} | ${connections} | ${out.acceptedPerSec} | ${out.p50ms} | ${out.p99ms} | ${out.serverCpuMsPerMsg} | ${rss} | ${out.errors} | ${out.storedAtLeastAccepted ? 'yes' : 'NO'} |`,
);
if (!out.storedAtLeastAccepted) process.exitCode = 1;
