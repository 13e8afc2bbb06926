// List import benchmark (issue #13): a CSV of N contacts (a phone and four columns, names in
// Latin, Cyrillic and Arabic script, 1 % bad numbers) uploaded to `petrel start` as its own
// process on SQLite or PostgreSQL, then imported by its worker role. Reports the upload time,
// the import time (queued → finished), rows/s, the server's RSS before and its peak during the
// import, and checks the counts. Bounded: at most --rows rows, and it gives up after --timeout s.
//
//   node bench/list-import.ts [--dialect sqlite|postgres] [--rows 1000000] [--timeout 300]

import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { ImportView } from '../src/contracts/lists.ts';
import { spawnPetrel } from '../test/process.ts';
import { BENCH_KEY, PG_URL } from './process-stats.ts';

const { values: args } = parseArgs({
  options: { dialect: { type: 'string', default: 'sqlite' }, rows: { type: 'string', default: '1000000' }, timeout: { type: 'string', default: '300' } },
});
const dialect = args.dialect as 'sqlite' | 'postgres';
const rows = Number(args.rows);
const dataDir = mkdtempSync(join(tmpdir(), 'petrel-bench-'));
const file = join(dataDir, 'contacts.csv');

const NAMES = ['Anna Schmidt', 'Иван Петров', 'فاطمة الزهراء', 'Élodie Martin', 'John Smith'];
const CITIES = ['Berlin', 'Москва', 'دبي', 'Paris', 'New York'];
async function writeCsv(): Promise<number> {
  const out = createWriteStream(file);
  out.write('phone,name,city,customer_id,segment\n');
  let bad = 0;
  for (let i = 0; i < rows; i++) {
    const phone = i % 100 === 99 ? (bad++, `12${i}`) : `+4917${String(i).padStart(9, '0')}`;
    if (!out.write(`${phone},${NAMES[i % 5]},${CITIES[i % 5]},C${i},${i % 7 === 0 ? 'gold' : 'silver'}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bad;
}

const vmRssMiB = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

const bad = await writeCsv();
const bytes = statSync(file).size;
const schema = `bench_${Date.now().toString(36)}`;
const petrel = await spawnPetrel({
  PETREL_DATA_DIR: dataDir,
  PETREL_BOOTSTRAP_API_KEY: BENCH_KEY,
  LOG_LEVEL: 'warn',
  ...(dialect === 'postgres' ? { DATABASE_URL: PG_URL, PETREL_PG_SCHEMA: schema } : {}),
});
const pid = petrel.child.pid!;
const headers = { 'x-mitto-api-key': BENCH_KEY };
const json = async <T = { id: number }>(method: string, path: string, body?: unknown) => {
  const r = await fetch(petrel.url + path, { method, headers: { ...headers, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<T>;
};

try {
  const list = await json('POST', '/api/v1/lists', { name: 'Bench' });
  const rssBefore = vmRssMiB(pid);
  const t0 = performance.now();
  const up = await fetch(`${petrel.url}/api/v1/lists/${list.id}/imports?fileName=contacts.csv`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: createReadStream(file) as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const uploaded = (await up.json()) as { import: ImportView };
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(uploaded)}`);
  const uploadS = (performance.now() - t0) / 1000;
  const rssUploaded = vmRssMiB(pid);
  const path = `/api/v1/lists/${list.id}/imports/${uploaded.import.id}`;
  const t1 = performance.now();
  await json('POST', `${path}/start`, { placeholders: ['phone', 'name', 'city', 'customer_id', 'segment'], phoneColumn: 0, header: true, defaultCountry: null });
  let peak = vmRssMiB(pid);
  let imp: ImportView;
  for (;;) {
    peak = Math.max(peak, vmRssMiB(pid));
    imp = await json<ImportView>('GET', path);
    if (imp.status === 'finished' || imp.status === 'failed') break;
    if ((performance.now() - t1) / 1000 > Number(args.timeout)) throw new Error(`not finished after ${args.timeout} s: ${JSON.stringify(imp)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const importS = (performance.now() - t1) / 1000;
  const ok = imp.status === 'finished' && imp.imported === rows - bad && imp.rejected === bad && imp.rowsRead === rows;
  const result = {
    dialect,
    rows,
    mb: +(bytes / 1e6).toFixed(1),
    uploadS: +uploadS.toFixed(1),
    importS: +importS.toFixed(1),
    rowsPerS: Math.round(rows / importS),
    rssBeforeMiB: rssBefore,
    rssUploadedMiB: rssUploaded,
    rssPeakMiB: peak,
    imported: imp.imported,
    rejected: imp.rejected,
    ok,
  };
  console.log(
    `| ${new Date().toISOString().slice(0, 16)} | ${dialect} | ${rows.toLocaleString('en')} | ${result.mb} | ${result.uploadS} | ${result.importS} | ${result.rowsPerS.toLocaleString('en')} | ${rssBefore} → ${peak} | ${ok ? 'yes' : 'NO'} |`,
  );
  console.log(JSON.stringify(result));
  if (!ok) process.exitCode = 1;
} finally {
  petrel.child.kill('SIGTERM');
  await petrel.exited;
  rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'postgres') {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
}
