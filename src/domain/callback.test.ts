import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  templateProblem,
  defaultBody,
  formatAmount,
  inboundBody,
  inboundStatus,
  PLACEHOLDERS,
  placeholderValues,
  renderTemplate,
  signCallback,
  verifyCallback,
  type CallbackFacts,
} from './callback.ts';

const facts = (o: Partial<CallbackFacts> = {}): CallbackFacts => ({
  id: 'd8d9505a-161b-4776-9efb-4939d5b02e99',
  state: 'delivered',
  errorCode: null,
  reference: 'Campaign 2019-05, B-split message',
  to: '+491765410996',
  from: 'Petrel',
  network: '26201',
  priceMicros: 12_000_000,
  parts: 2,
  submittedAt: Date.UTC(2026, 10, 22, 8, 0, 0),
  doneAt: Date.UTC(2026, 10, 22, 8, 0, 3),
  account: 'promo',
  ...o,
});

test('every placeholder has a value', () => {
  const v = placeholderValues(facts());
  assert.deepEqual(v, {
    msgid: 'd8d9505a-161b-4776-9efb-4939d5b02e99',
    status: 'DELIVERED',
    statusText: 'Delivered to the handset',
    errorCode: '',
    reference: 'Campaign 2019-05, B-split message',
    to: '491765410996',
    from: 'Petrel',
    mcc: '262',
    mnc: '01',
    rate: '6.00',
    price: '12.00',
    parts: '2',
    submitted: '2026-11-22T08:00:00.000Z',
    done: '2026-11-22T08:00:03.000Z',
    account: 'promo',
  });
  assert.deepEqual(Object.keys(v), [...PLACEHOLDERS]);
});

test('status per state; a blocked message reports OPTOUT; missing values are empty', () => {
  assert.equal(placeholderValues(facts({ state: 'blocked' })).status, 'OPTOUT');
  assert.equal(placeholderValues(facts({ state: 'undelivered', errorCode: 1 })).errorCode, '1');
  const none = placeholderValues(facts({ network: null, priceMicros: null, reference: null, submittedAt: null }));
  assert.deepEqual([none.mcc, none.mnc, none.rate, none.price, none.reference, none.submitted], ['', '', '', '', '', '']);
});

test('amounts: at least two decimals, no trailing zeros beyond', () => {
  assert.deepEqual([formatAmount(6_000_000), formatAmount(65_000), formatAmount(60_000), formatAmount(1_234_567)], ['6.00', '0.065', '0.06', '1.234567']);
});

test("the vendor's GET example: tildes, adjacent placeholders, URL-encoded values", () => {
  const v = placeholderValues(facts());
  assert.equal(renderTemplate('http://comp.callback.url.com?ID=~msgid~&MCCMNC=~mcc~~mnc~', v, 'url'), 'http://comp.callback.url.com?ID=d8d9505a-161b-4776-9efb-4939d5b02e99&MCCMNC=26201');
  assert.equal(renderTemplate('https://x.example/r?ref=~reference~', v, 'url'), 'https://x.example/r?ref=Campaign%202019-05%2C%20B-split%20message');
});

test('angle brackets and dollar signs; names are case-insensitive; the longest name wins after $', () => {
  const v = placeholderValues(facts());
  assert.equal(renderTemplate('s=<status>&t=<STATUSTEXT>', v, 'none'), 's=DELIVERED&t=Delivered to the handset');
  assert.equal(renderTemplate('$statusText|$status|$statusX|$msgid.', v, 'none'), 'Delivered to the handset|DELIVERED|DELIVEREDX|d8d9505a-161b-4776-9efb-4939d5b02e99.');
  assert.equal(renderTemplate('keep ~nope~ <nope> $nope and <b>', v, 'none'), 'keep ~nope~ <nope> $nope and <b>');
});

test("the vendor's POST example: JSON-escaped values inside the template's strings", () => {
  const v = placeholderValues(facts({ reference: 'say "hi"\\n' }));
  const body = renderTemplate('{"Id": "~msgid~", "MccMnc": "~mcc~~mnc~", "Price": "~rate~", "Ref": "$reference"}', v, 'json');
  assert.deepEqual(JSON.parse(body), { Id: 'd8d9505a-161b-4776-9efb-4939d5b02e99', MccMnc: '26201', Price: '6.00', Ref: 'say "hi"\\n' });
  assert.deepEqual(JSON.parse(defaultBody(v)).status, 'DELIVERED');
});

test('signature: verifies with the secret and payload, not with others, not when stale', () => {
  const now = 1_795_000_000;
  const sig = signCallback('s3cret', '{"a":1}', now);
  assert.match(sig, /^t=1795000000,v1=[0-9a-f]{64}$/);
  assert.ok(verifyCallback('s3cret', '{"a":1}', sig, now + 10));
  assert.ok(!verifyCallback('other', '{"a":1}', sig, now));
  assert.ok(!verifyCallback('s3cret', '{"a":2}', sig, now));
  assert.ok(!verifyCallback('s3cret', '{"a":1}', sig, now + 301), 'too old');
  assert.ok(!verifyCallback('s3cret', '{"a":1}', 'garbage', now));
});

test('a POST template must render to JSON', () => {
  assert.equal(templateProblem('{"Id": "~msgid~", "Ref": "$reference", "Status": "<status>"}'), null);
  assert.match(templateProblem('{"Id": ~msgid~}')!, /does not render to JSON/);
  assert.match(templateProblem('not json')!, /does not render to JSON/);
});

test('an inbound forward: numbers without +, status from the keyword, every field', () => {
  const f = {
    id: 'i1',
    from: '+491725550000',
    to: '4930123',
    text: 'Stop "now"',
    encoding: 'GSM-7',
    parts: 1,
    action: 'opt_out' as const,
    receivedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    account: 'promo',
  };
  assert.deepEqual(JSON.parse(inboundBody(f)), {
    id: 'i1',
    from: '491725550000',
    to: '4930123',
    text: 'Stop "now"',
    encoding: 'GSM-7',
    parts: 1,
    status: 'OPTOUT',
    receivedAt: '2026-01-02T03:04:05.000Z',
    account: 'promo',
  });
  assert.deepEqual([inboundStatus('opt_in'), inboundStatus(null)], ['OPTIN', 'RECEIVED']);
});
