// What the benchmarks share: the test PostgreSQL, the bootstrap key they start Petrel with,
// `--env NAME=VALUE` options, and a process's CPU time and peak RSS from /proc.

import { readdirSync, readFileSync } from 'node:fs';

export const PG_URL = process.env.PETREL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_KEY = 'bench-key-0123456789';

/** `NAME=VALUE` pairs (the value may hold `=`) as an environment. */
export function envPairs(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** utime and stime of a process (all its threads), in ms (clock ticks of 10 ms). */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(stat[11]) * 10, system: Number(stat[12]) * 10 };
}

export function cpuMs(pid: number): number {
  const t = cpuTimes(pid);
  return t.user + t.system;
}

/** Peak RSS (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
}

/** CPU ms of each thread of a process, by thread name (comm) and id. */
export function threadCpuMs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(`${name}#${tid}`, (Number(stat[11]) + Number(stat[12])) * 10);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** The whole machine's CPU counters (all cores, ms): busy and idle (incl. iowait). */
export function machineCpuMs(): { busy: number; idle: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = f[3]! + f[4]!;
  return { busy: (f.reduce((a, b) => a + b, 0) - idle) * 10, idle: idle * 10 };
}
