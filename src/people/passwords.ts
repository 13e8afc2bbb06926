// Passwords hashed with argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane; ~25 ms here),
// off the event loop on libuv's pool.

import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash to check against when there is no user, so that an unknown email costs the same time. */
let decoy: Promise<string> | null = null;

/** True when `password` matches `stored`; with no stored hash (no user, or not joined yet) false, after the same work. */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword('not a password of anyone');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
