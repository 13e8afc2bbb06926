// Runs `petrel start` as a child process, for tests that kill and restart it.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/petrel.mjs', import.meta.url));

export interface PetrelProcess {
  child: ChildProcess;
  url: string;
  /** Waits for the process to exit; resolves with its exit code or signal. */
  exited: Promise<number | string>;
  /** Everything the process has written so far. */
  logs: { readonly stdout: string; readonly stderr: string };
}

/** Starts `petrel start` (or another role); its embedded simulator, if any, on a free port. */
export async function spawnPetrel(env: Record<string, string>, command = 'start'): Promise<PetrelProcess> {
  const child = spawn(process.execPath, [BIN, command], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', PETREL_SIMULATOR_PORT: '0', PETREL_WEB_BUILD: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let out = '';
  let err = '';
  const logs = {
    get stdout() {
      return out;
    },
    get stderr() {
      return err;
    },
  };
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    exited.then((code) => reject(new Error(`petrel exited (${code}) before listening:\n${out}\n${err}`)));
    setTimeout(() => reject(new Error(`petrel did not listen within 30 s:\n${out}\n${err}`)), 30_000).unref();
  });
  return { child, url, exited, logs };
}
