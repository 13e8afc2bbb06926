// fastE164 must answer exactly as libphonenumber-js does wherever it answers at all: compared
// over every country's example number and a few thousand seeded variants of it (valid, one
// digit off, shorter, longer, a national prefix kept, random digits).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import examples from 'libphonenumber-js/mobile/examples';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import { fastE164 } from './phone-fast.ts';
import { libraryE164 } from './phone.ts';

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function variants(code: string, nsn: string, next: () => number): string[] {
  const digit = () => String(Math.floor(next() * 10));
  const digits = (n: number) => Array.from({ length: n }, digit).join('');
  const out = [nsn, nsn.slice(0, -1), nsn + digit(), nsn + digits(2), `0${nsn}`, nsn.slice(0, 2) + digits(nsn.length - 2)];
  for (let i = 0; i < 6; i++) out.push(digits(4 + Math.floor(next() * 11)));
  const at = Math.floor(next() * nsn.length);
  out.push(nsn.slice(0, at) + String((Number(nsn[at]) + 1) % 10) + nsn.slice(at + 1));
  return out.map((n) => `+${code}${n}`);
}

test('fastE164 agrees with libphonenumber-js on every calling code', () => {
  const next = random(20261122);
  let decided = 0;
  let compared = 0;
  for (const [country, nsn] of Object.entries(examples as Record<string, string>)) {
    const code = getCountryCallingCode(country as CountryCode);
    for (const text of variants(code, nsn, next)) {
      const fast = fastE164(text);
      compared++;
      if (fast === undefined) continue;
      decided++;
      assert.deepEqual(fast, libraryE164(text), `${text} (${country})`);
    }
  }
  // The fast path is worth having only if it decides most numbers itself.
  assert.ok(decided > compared * 0.8, `decided ${decided} of ${compared}`);
});

test('fastE164 leaves what it cannot decide exactly to the library', () => {
  assert.equal(fastE164('+80012345678'), undefined); // non-geographic
  assert.equal(fastE164('+4407911123456'), undefined); // a national prefix inside an international number
  assert.equal(fastE164('491725551234'), undefined); // no +
  assert.equal(fastE164('+0123456'), undefined);
  assert.deepEqual(fastE164('+4917255000001'), { e164: '+4917255000001', country: 'DE' });
  assert.equal(fastE164('+49172'), null);
});
