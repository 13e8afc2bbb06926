import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePart } from './encoding.ts';
import { decodeGsmSeptets } from './gsm-alphabet.ts';

test('GSM septets decode back to the text they encode, extension characters included', () => {
  const text = 'Hello @£$ {€} [x] ~|^\\ ÄÖÑÜ§ äöñüà Δ_ΦΓ';
  assert.equal(decodeGsmSeptets(encodePart({ units: 0, text }, 'GSM-7')), text);
});

test('an escape before a septet outside the extension table reads as the basic character', () => {
  assert.equal(decodeGsmSeptets(Uint8Array.from([0x1b, 0x41, 0x1b])), 'A');
});
