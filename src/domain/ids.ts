// Message ids are UUIDv7 (RFC 9562): time-ordered, so new rows append to the primary-key index.

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const pool = new Uint8Array(16 * 256);
let poolOffset = pool.length;

function random10(): Uint8Array {
  // Refill the pool in blocks: one getRandomValues call per 256 ids instead of per id.
  if (poolOffset + 10 > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const r = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 10;
  return r;
}

let lastMs = 0;
let seq = 0;

/** A new UUIDv7. Ids made in the same millisecond by this process keep their order. */
export function uuidv7(now: number = Date.now()): string {
  const r = random10();
  // 12-bit counter in rand_a (RFC 9562 §6.2 method 1) keeps ids monotonic within a millisecond.
  if (now <= lastMs) {
    now = lastMs;
    seq++;
    if (seq > 0xfff) {
      now = ++lastMs;
      seq = 0;
    }
  } else {
    lastMs = now;
    seq = r[0]! & 0x3ff; // random start, with room to count up
  }
  const b = new Uint8Array(16);
  for (let i = 5; i >= 0; i--) {
    b[i] = now & 0xff;
    now = Math.floor(now / 256);
  }
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (r[1]! & 0x3f);
  for (let i = 9; i < 16; i++) b[i] = r[i - 7]!;
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += hex[b[i]!];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Accepts ids with or without dashes, any case (Mitto shows both forms); null when not a UUID. */
export function normaliseUuid(text: string): string | null {
  if (!UUID.test(text)) return null;
  const h = text.replaceAll('-', '').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
