import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatReceipt, messageStateForStat, parseReceiptText, receiptOf, ReceiptError, reformatReceipt, statForMessageState, type Receipt } from './receipt.ts';
import { sameSmscId, smscIdKeys } from './smsc-id.ts';

interface Vector {
  name: string;
  kind: string;
  direction?: string;
  expect?: string;
  fields: Record<string, any>;
}

const vectors: Vector[] = JSON.parse(readFileSync(new URL('../../test/fixtures/smpp_vectors.json', import.meta.url), 'utf8'));
const receipts = vectors.filter((v) => v.kind === 'dlr_text');
const states = vectors.filter((v) => v.kind === 'message_state');

const iso = (ms: number | null) =>
  ms === null
    ? null
    : new Date(ms)
        .toISOString()
        .replace(/:00\.000Z$/, 'Z')
        .replace(/\.000Z$/, 'Z');
/** Jasmin pads counts to 3 and reports absent fields as ND. */
const jasminCount = (n: number | null, raw: boolean) => (raw ? String(n).padStart(3, '0') : 'ND');

function checkCloudhopperStyle(r: Receipt, f: Record<string, any>): void {
  if ('id' in f) assert.equal(r.id, f.id);
  if ('sub' in f) assert.equal(r.sub, f.sub);
  if ('dlvrd' in f) assert.equal(r.dlvrd, f.dlvrd);
  if ('submit_date' in f) assert.equal(iso(r.submitDate), f.submit_date);
  if ('done_date' in f) assert.equal(iso(r.doneDate), f.done_date);
  if ('stat' in f) assert.equal(r.stat, f.stat);
  if ('message_state' in f) assert.equal(messageStateForStat(r.stat!), f.message_state);
  if (typeof f.err === 'number') assert.equal(r.errCode, f.err);
  // cloudhopper reports an empty text as null.
  if ('text' in f) assert.equal(r.text || null, f.text);
}

function checkJasminStyle(r: Receipt, f: Record<string, any>): void {
  assert.equal(r.id, f.id);
  assert.equal(jasminCount(r.sub, r.sub !== null), f.sub);
  assert.equal(jasminCount(r.dlvrd, r.dlvrd !== null), f.dlvrd);
  if (f.sdate !== 'ND') assert.equal(r.submitDateRaw, f.sdate);
  if (f.ddate !== 'ND') assert.equal(r.doneDateRaw, f.ddate);
  assert.equal(r.stat, f.stat);
  assert.equal(r.err === null ? 'ND' : String(r.errCode ?? r.err).padStart(3, '0'), f.err);
  assert.equal(r.text ?? '', f.text);
}

test('the fixture holds every receipt record', () => assert.equal(receipts.length, 34));

for (const v of receipts) {
  const f = v.fields;
  test(`receipt: ${v.name}`, () => {
    const sm: string | null = f.short_message ?? null;
    if (v.expect?.includes('strict')) {
      assert.throws(() => parseReceiptText(sm!, { strict: true }), ReceiptError);
      return;
    }
    if (v.direction === 'generate') {
      if (f.id_numeric !== undefined) return assert.equal(formatReceipt({ id: f.id_numeric }), sm);
      if (f.template) {
        // Jasmin's own layout: no sub, dlvrd or text.
        const text = formatReceipt({ id: 'abc', submitDate: Date.UTC(2015, 5, 20, 16, 41), doneDate: Date.UTC(2015, 5, 20, 16, 41), stat: 'DELIVRD', err: 0 }, 'short');
        assert.equal(text, 'id:abc submit date:1506201641 done date:1506201641 stat:DELIVRD err:000');
        assert.equal(
          text
            .replace(/\d{10}/g, '{YYMMDDhhmm}')
            .replace('abc', '{msgid}')
            .replace('DELIVRD', '{STAT}')
            .replace('000', '{err}'),
          f.template,
        );
        return;
      }
      const text = formatReceipt({
        id: f.id,
        sub: f.sub,
        dlvrd: f.dlvrd,
        submitDate: Date.parse(f.submit_date),
        doneDate: Date.parse(f.done_date),
        stat: f.stat,
        err: f.err,
        text: f.text_input ?? f.text,
      });
      return assert.equal(text, sm);
    }
    // Jasmin's records test that the TLVs win over the text; cloudhopper's test the text itself.
    const tlvWins = 'expected_id' in f || 'expected' in f || ('sdate' in f && 'tlv_receipted_message_id' in f);
    const r = tlvWins ? receiptOf({ text: sm, receiptedMessageId: f.tlv_receipted_message_id, messageState: f.tlv_message_state }) : parseReceiptText(sm!);
    if (!tlvWins && f.tlv_receipted_message_id) assert.ok(sameSmscId(r.id!, f.tlv_receipted_message_id), 'the TLV id and the text id name one message');
    if (f.expected_id) {
      assert.equal(r.id, f.expected_id);
      assert.equal(r.stat, f.expected_stat);
    } else if (f.expected) {
      assert.equal(r.id, f.expected.id);
      assert.equal(r.stat, f.expected.stat);
      assert.equal(r.sub, null);
      assert.equal(r.err, null);
    } else if ('sdate' in f) {
      checkJasminStyle(r, f);
    } else {
      checkCloudhopperStyle(r, f);
    }
    if ('id_as_long' in f) assert.ok(smscIdKeys(r.id!).includes(f.id_as_hex), 'the decimal id matches its hex form');
    if ('err_raw' in f) {
      assert.equal(r.err, f.err_raw);
      assert.equal(r.errCode, f.err_numeric);
    }
    if (f.round_trip || v.direction === 'parse+generate') assert.equal(reformatReceipt(r), sm, 'formats back to the same text');
    if (f.regenerated_contains) assert.ok(reformatReceipt(r).includes(f.regenerated_contains));
  });
}

for (const v of states) {
  test(`message_state: ${v.name}`, () => {
    const f = v.fields;
    if (f.dlr_stat === 'BADSTAT') {
      // A state outside 1–8 has no stat word; a generated receipt says BADSTAT.
      assert.equal(statForMessageState(f.message_state), null);
      assert.match(formatReceipt({ id: '1', stat: statForMessageState(f.message_state) }), / stat:BADSTAT /);
      return;
    }
    assert.equal(statForMessageState(f.message_state), f.dlr_stat ?? null);
    if (f.dlr_stat) assert.equal(messageStateForStat(f.dlr_stat), f.message_state);
  });
}

test('SMSC ids match across case, leading zeros and base', () => {
  assert.ok(sameSmscId('16FEE0E525', '98765432101'));
  assert.ok(sameSmscId('0059113978', '59113978'));
  assert.ok(sameSmscId('ABCDEF', 'abcdef'));
  assert.ok(!sameSmscId('12345', '12346'));
});
