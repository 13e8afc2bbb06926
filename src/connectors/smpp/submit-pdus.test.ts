import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outboundMessage } from '../../../test/factories.ts';
import { CONNECTOR_DEFAULTS, type OutboundMessage } from '../../engine/ports.ts';
import { encodePart } from '../../domain/encoding.ts';
import { parseSmppTime } from '../../domain/smpp-time.ts';
import { readConcat } from '../../domain/udh.ts';
import { submitPdus, type SubmitSettings } from './submit-pdus.ts';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const settings: SubmitSettings = { ...CONNECTOR_DEFAULTS };
const msg = (over: Partial<OutboundMessage> = {}) => outboundMessage({ expiresAt: NOW + 90 * 60_000, ...over }, NOW);
const sm = (p: { fields: Record<string, unknown> }) => p.fields.short_message as Buffer;

test('a one-part message: explicit data_coding, TON/NPI from the sender, receipt asked, validity left', () => {
  const [p, ...rest] = submitPdus(msg(), settings, NOW);
  assert.equal(rest.length, 0);
  assert.deepEqual(
    [p!.fields.source_addr_ton, p!.fields.source_addr_npi, p!.fields.source_addr, p!.fields.dest_addr_ton, p!.fields.dest_addr_npi, p!.fields.destination_addr],
    [5, 0, 'Petrel', 1, 1, '491725551234'],
  );
  assert.equal(p!.fields.data_coding, 0);
  assert.equal(p!.fields.registered_delivery, 1);
  assert.equal(p!.fields.esm_class, 0);
  assert.deepEqual(parseSmppTime(p!.fields.validity_period as string), { kind: 'relative', years: 0, months: 0, days: 0, hours: 1, minutes: 30, seconds: 0 });
  assert.deepEqual([...sm(p!)], [...encodePart({ units: 5, text: 'Hello' }, 'GSM-7')]);
});

test('TON/NPI: international 1/1, short code 3/0, and connector overrides win', () => {
  assert.deepEqual(submitPdus(msg({ sender: '4915112345678', senderForm: 'international' }), settings, NOW)[0]!.fields.source_addr_ton, 1);
  const sc = submitPdus(msg({ sender: '12345', senderForm: 'shortcode' }), settings, NOW)[0]!.fields;
  assert.deepEqual([sc.source_addr_ton, sc.source_addr_npi], [3, 0]);
  const o = submitPdus(msg(), { ...settings, sourceTon: 0, sourceNpi: 1, destTon: 0, destNpi: 0 }, NOW)[0]!.fields;
  assert.deepEqual([o.source_addr_ton, o.source_addr_npi, o.dest_addr_ton, o.dest_addr_npi], [0, 1, 0, 0]);
});

test('data_coding: UCS-2 8, binary 4, flash as class 0, Latin-1 3 when asked and it fits', () => {
  assert.equal(submitPdus(msg({ text: 'Привет', encoding: 'UCS-2' }), settings, NOW)[0]!.fields.data_coding, 8);
  assert.equal(submitPdus(msg({ text: '0a0b', encoding: 'binary' }), settings, NOW)[0]!.fields.data_coding, 4);
  assert.equal(submitPdus(msg({ flash: true }), settings, NOW)[0]!.fields.data_coding, 0x10);
  assert.equal(submitPdus(msg({ text: 'Привет', encoding: 'UCS-2', flash: true }), settings, NOW)[0]!.fields.data_coding, 0x18);
  const latin = submitPdus(msg({ text: 'Größe «ok»', encoding: 'UCS-2' }), { ...settings, latin1: true }, NOW)[0]!;
  assert.equal(latin.fields.data_coding, 3);
  assert.deepEqual(sm(latin), Buffer.from('Größe «ok»', 'latin1'));
  assert.equal(submitPdus(msg({ text: 'Привет', encoding: 'UCS-2' }), { ...settings, latin1: true }, NOW)[0]!.fields.data_coding, 8, 'Cyrillic does not fit Latin-1');
});

const long = 'x'.repeat(300); // GSM-7: 153 + 147

test('long messages: 8-bit UDH by default, parts joined give the text back', () => {
  const pdus = submitPdus(msg({ text: long }), settings, NOW);
  assert.equal(pdus.length, 2);
  const infos = pdus.map((p) => {
    assert.equal(p.fields.esm_class, 0x40);
    assert.equal(sm(p)[0], 5);
    return readConcat(sm(p));
  });
  assert.deepEqual(
    infos.map((c) => [c!.total, c!.seq]),
    [
      [2, 1],
      [2, 2],
    ],
  );
  assert.equal(infos[0]!.ref, infos[1]!.ref);
  const payload = Buffer.concat(pdus.map((p) => sm(p).subarray(6)));
  assert.deepEqual([...payload], [...encodePart({ units: 300, text: long }, 'GSM-7')]);
});

test('long messages: 16-bit UDH, SAR TLVs, or one message_payload, per connector', () => {
  const u16 = submitPdus(msg({ text: long }), { ...settings, longMessageMethod: 'udh16' }, NOW);
  assert.deepEqual([...sm(u16[0]!).subarray(0, 3)], [6, 8, 4]);
  assert.equal(readConcat(sm(u16[1]!))!.ref, 0xabcd, 'the reference comes from the message id');
  const sar = submitPdus(msg({ text: long }), { ...settings, longMessageMethod: 'sar' }, NOW);
  assert.equal(sar.length, 2);
  assert.equal(sar[0]!.fields.esm_class, 0);
  assert.deepEqual(
    sar[1]!.tlvs.map((t) => [t.name, t.value]),
    [
      ['sar_msg_ref_num', 0xabcd],
      ['sar_total_segments', 2],
      ['sar_segment_seqnum', 2],
    ],
  );
  const payload = submitPdus(msg({ text: long }), { ...settings, longMessageMethod: 'payload' }, NOW);
  assert.equal(payload.length, 1);
  assert.equal(sm(payload[0]!).length, 0);
  assert.equal((payload[0]!.tlvs[0]!.value as Buffer).length, 300);
});

test('a client UDH goes in front of the one part, with UDHI set', () => {
  const [p] = submitPdus(msg({ udh: '050003cc0201', text: 'Hi' }), settings, NOW);
  assert.equal(p!.fields.esm_class, 0x40);
  assert.deepEqual([...sm(p!).subarray(0, 6)], [5, 0, 3, 0xcc, 2, 1]);
});

test("validity is what is left of the message's, at least a minute", () => {
  const [p] = submitPdus(msg({ expiresAt: NOW - 1000 }), settings, NOW);
  assert.equal(p!.fields.validity_period, '000000000100000R');
});
