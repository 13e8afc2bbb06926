import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { toE164 } from './phone.ts';

interface PhoneVector {
  input: string;
  defaultCountry: string | null;
  defaultCallingCode?: string;
  e164: string | null;
  country?: string;
  note?: string;
  metadata_sensitive?: string;
  /** Present on strict (extract:false) records; the others are libphonenumber's lenient parse(). */
  mode?: string;
}

const vectors: PhoneVector[] = JSON.parse(readFileSync(new URL('../../test/fixtures/phone_numbers.json', import.meta.url), 'utf8'));

test('the fixture holds all 80 records', () => assert.equal(vectors.length, 80));

for (const v of vectors) {
  const name = `vector: ${JSON.stringify(v.input)} in ${v.defaultCountry ?? v.defaultCallingCode ?? '-'} → ${v.e164}`;
  // Two records depend on the metadata bundled with the library at the source's revision.
  test(name, { skip: v.metadata_sensitive ? `metadata-sensitive: ${v.metadata_sensitive}` : false }, () => {
    const got = toE164(v.input, {
      defaultCountry: v.defaultCountry,
      defaultCallingCode: v.defaultCallingCode,
      lenient: v.mode === undefined,
    });
    assert.equal(got?.e164 ?? null, v.e164, v.note);
    if (v.e164 && v.country) assert.equal(got?.country, v.country);
  });
}

test('Mitto-style bare international digits and 00 prefixes', () => {
  assert.deepEqual(toE164('491725551234'), { e164: '+491725551234', country: 'DE' });
  assert.deepEqual(toE164('00491725551234'), { e164: '+491725551234', country: 'DE' });
  assert.deepEqual(toE164('+41751231234'), { e164: '+41751231234', country: 'CH' });
  assert.equal(toE164('12'), null);
  assert.equal(toE164('not a number'), null);
});

test('strict by default: text around the number is rejected', () => {
  assert.equal(toE164('Call: +491725551234'), null);
  assert.equal(toE164('Call: +491725551234', { lenient: true })?.e164, '+491725551234');
});
