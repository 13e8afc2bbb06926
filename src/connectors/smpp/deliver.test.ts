// deliver_sm as inbound messages: the text after a UDH, and where a part of a long message
// belongs, from its UDH (8- or 16-bit reference) or its SAR TLVs; through the real codec.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePdu, encodePdu, type Pdu } from '../../smpp/codec.ts';
import { concatUdh } from '../../domain/udh.ts';
import { readInbound } from './deliver.ts';

/** A deliver_sm as it comes off the wire (encoded and decoded again). */
function wire(fields: Pdu['fields'], tlvs: Pdu['tlvs'] = []): Pdu {
  return decodePdu(encodePdu({ command: 'deliver_sm', command_status: 0, sequence_number: 1, fields: { source_addr: '491725550000', destination_addr: '4930123', ...fields }, tlvs }));
}
const gsm = (t: string) => Buffer.from(t, 'latin1'); // ASCII letters are their own GSM septets

test('a one-part message: no concatenation', () => {
  assert.deepEqual(readInbound(wire({ esm_class: 0, data_coding: 0, short_message: gsm('Hello') })), { from: '491725550000', to: '4930123', text: 'Hello', encoding: 'GSM-7', concat: null });
});

test('a part with an 8-bit or a 16-bit reference UDH: the UDH places it and is not text', () => {
  const eight = readInbound(wire({ esm_class: 0x40, data_coding: 0, short_message: Buffer.concat([concatUdh(200, 3, 2), gsm('part two')]) }));
  assert.deepEqual([eight.text, eight.concat], ['part two', { ref: 200, total: 3, seq: 2 }]);
  const sixteen = readInbound(wire({ esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([concatUdh(0x1234, 2, 1, 16), Buffer.from('Привет', 'utf16le').swap16()]) }));
  assert.deepEqual([sixteen.text, sixteen.encoding, sixteen.concat], ['Привет', 'UCS-2', { ref: 0x1234, total: 2, seq: 1 }]);
});

test('a part with SAR TLVs', () => {
  const tlvs = [
    { tag: 0x020c, name: 'sar_msg_ref_num', value: 513 },
    { tag: 0x020e, name: 'sar_total_segments', value: 4 },
    { tag: 0x020f, name: 'sar_segment_seqnum', value: 4 },
  ];
  const m = readInbound(wire({ esm_class: 0, data_coding: 0, short_message: gsm('last') }, tlvs));
  assert.deepEqual([m.text, m.concat], ['last', { ref: 513, total: 4, seq: 4 }]);
});

test('a UDH without a concatenation element (a port number, say) is stripped, nothing more', () => {
  const ports = Buffer.from([0x06, 0x05, 0x04, 0x0b, 0x84, 0x23, 0xf0]);
  const m = readInbound(wire({ esm_class: 0x40, data_coding: 0, short_message: Buffer.concat([ports, gsm('wap')]) }));
  assert.deepEqual([m.text, m.concat], ['wap', null]);
});
