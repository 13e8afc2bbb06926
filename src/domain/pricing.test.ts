import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateCost, formatMicros, messageCost, parseMicros, pricePerPart, type PriceRow } from './pricing.ts';

const rows: PriceRow[] = [
  { country: null, network: null, priceMicros: 90_000 },
  { country: 'DE', network: null, priceMicros: 60_000 },
  { country: 'DE', network: '26201', priceMicros: 55_000 },
  { country: 'RS', network: null, priceMicros: 60_000 },
];

test('the most specific row wins', () => {
  assert.equal(pricePerPart(rows, 'DE', '26201'), 55_000);
  assert.equal(pricePerPart(rows, 'DE', '26202'), 60_000);
  assert.equal(pricePerPart(rows, 'DE'), 60_000);
  assert.equal(pricePerPart(rows, 'FR'), 90_000);
  assert.equal(pricePerPart(rows.slice(1), 'FR'), null);
  assert.equal(pricePerPart([], 'DE'), null);
});

test('cost is parts × price in micro-units', () => {
  assert.equal(messageCost(rows, 'DE', 4), 240_000);
  assert.equal(messageCost(rows.slice(1), 'FR', 4), null);
});

test('amounts round-trip between text and micro-units without floats', () => {
  assert.equal(formatMicros(68_400_000), '68.400000');
  assert.equal(formatMicros(1), '0.000001');
  assert.equal(parseMicros('0.06'), 60_000);
  assert.equal(parseMicros('6'), 6_000_000);
  assert.equal(parseMicros('0.1234567'), null);
  assert.equal(parseMicros('-1'), null);
  // 0.1 + 0.2 in floats is not 0.3; in micro-units it is.
  assert.equal(parseMicros('0.1')! + parseMicros('0.2')!, parseMicros('0.3'));
});

test('an estimate: each country’s recipients at its price per part; uncovered countries counted apart', () => {
  const rows = [
    { country: 'DE', network: null, priceMicros: 50_000 },
    { country: 'FR', network: '20801', priceMicros: 70_000 },
  ];
  const recipients = new Map<string | null, number>([
    ['DE', 10],
    ['FR', 2],
    [null, 1],
  ]);
  assert.deepEqual(estimateCost(rows, recipients, 2), { costMicros: 1_000_000, unpriced: 3 });
  assert.deepEqual(estimateCost([...rows, { country: null, network: null, priceMicros: 10_000 }], recipients, 1), { costMicros: 530_000, unpriced: 0 });
});
