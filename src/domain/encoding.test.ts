import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { capacities, encodePart, segment, type ConcatRef } from './encoding.ts';
import { InvalidText } from './errors.ts';

interface GsmVector {
  name: string;
  text: string;
  encoding: string | null;
  segments: number | null;
  units: number | null;
  kind: string;
  parts?: number[];
  partTexts?: string[];
  unitsRemaining?: number;
  nonGsmCharacters?: string[];
  concatRef?: number;
}

const vectors: GsmVector[] = JSON.parse(readFileSync(new URL('../../test/fixtures/gsm_segments.json', import.meta.url), 'utf8'));
// National-language shift-table records are optional (the issue scopes them out) and carry no counts.
const defaultTable = vectors.filter((v) => v.encoding === 'GSM-7' || v.encoding === 'UCS-2');

test('the fixture holds every default-table record', () => {
  assert.equal(vectors.length, 256);
  assert.equal(defaultTable.length, 252);
});

for (const v of defaultTable) {
  test(`vector: ${v.name}`, () => {
    const concatRef = (v.concatRef ?? 8) as ConcatRef;
    const s = segment(v.text, 'auto', { concatRef });
    assert.equal(s.encoding, v.encoding, 'encoding');
    if (v.units !== null) assert.equal(s.units, v.units, 'units');
    if (v.segments !== null) assert.equal(s.segments, v.segments, 'segments');
    if (v.parts)
      assert.deepEqual(
        s.parts.map((p) => p.units),
        v.parts,
        'units per part',
      );
    if (v.partTexts)
      assert.deepEqual(
        s.parts.map((p) => p.text),
        v.partTexts,
        'text per part',
      );
    if (v.nonGsmCharacters) assert.deepEqual(s.nonGsmCharacters, v.nonGsmCharacters);
    if (v.unitsRemaining !== undefined) {
      const cap = capacities(s.encoding, { concatRef });
      const perPart = s.segments === 1 ? cap.single : cap.multi;
      assert.equal(s.segments * perPart - s.units, v.unitsRemaining, 'units remaining');
    }
    // The parts put back together are the text, whatever the encoding.
    assert.equal(s.parts.map((p) => p.text).join(''), v.text);
  });
}

test('forced GSM rejects characters outside the alphabet, naming them', () => {
  assert.throws(
    () => segment('Grüße ç', 'gsm'),
    (e: unknown) => e instanceof InvalidText && /ç/.test(e.message),
  );
});

test('forced unicode uses UCS-2 even for plain ASCII', () => {
  const s = segment('Hello', 'unicode');
  assert.equal(s.encoding, 'UCS-2');
  assert.equal(s.units, 5);
});

test('binary takes hex octets and splits at 140 / 134', () => {
  assert.equal(segment('00ff', 'binary').units, 2);
  const s = segment('ab'.repeat(141), 'binary');
  assert.deepEqual(
    s.parts.map((p) => p.units),
    [134, 7],
  );
  assert.throws(() => segment('abc', 'binary'), InvalidText);
  assert.throws(() => segment('zz', 'binary'), InvalidText);
});

test('unpaired surrogates are rejected', () => {
  assert.throws(() => segment('a\ud800b', 'auto'), InvalidText);
});

test('a client UDH shrinks the part and forbids concatenation', () => {
  // 6-octet UDH leaves 134 octets = 153 septets.
  assert.equal(segment('a'.repeat(153), 'auto', { userUdhOctets: 6 }).segments, 1);
  assert.throws(() => segment('a'.repeat(154), 'auto', { userUdhOctets: 6 }), InvalidText);
});

test('part payloads: unpacked septets with escapes, UTF-16BE, raw octets', () => {
  const gsm = segment('@€a', 'auto');
  assert.deepEqual([...encodePart(gsm.parts[0]!, gsm.encoding)], [0x00, 0x1b, 0x65, 0x61]);
  const ucs = segment('Ж😀', 'auto');
  assert.deepEqual([...encodePart(ucs.parts[0]!, ucs.encoding)], [0x04, 0x16, 0xd8, 0x3d, 0xde, 0x00]);
  const bin = segment('DEADbeef', 'binary');
  assert.deepEqual([...encodePart(bin.parts[0]!, bin.encoding)], [0xde, 0xad, 0xbe, 0xef]);
});

test('characters count code points, so an emoji is one character and two units', () => {
  const s = segment('hi 😀', 'auto');
  assert.equal(s.characters, 4);
  assert.equal(s.units, 5);
});
