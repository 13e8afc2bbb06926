// SMPP codec micro-benchmark: encode + decode of a submit_sm (GSM text, UDH) and a deliver_sm
// receipt (text + receipted_message_id and message_state TLVs), on one core.
//
//   node bench/smpp-codec.ts [--seconds 5]

import { parseArgs } from 'node:util';
import { decodePdu, encodePdu, type Pdu } from '../src/smpp/codec.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' } } });
const seconds = Number(values.seconds);

// Fields left out encode as empty strings and zero octets, as on the wire.
const submit: Pdu = {
  command: 'submit_sm',
  command_status: 0,
  sequence_number: 1,
  fields: {
    source_addr_ton: 5,
    source_addr: 'Petrel',
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: '491725551234',
    esm_class: 0x40,
    validity_period: '000002000000000R',
    registered_delivery: 1,
    short_message: Buffer.concat([Buffer.from('050003a70201', 'hex'), Buffer.alloc(153, 0x61)]),
  },
  tlvs: [],
};
const receipt: Pdu = {
  command: 'deliver_sm',
  command_status: 0,
  sequence_number: 2,
  fields: {
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: '491725551234',
    dest_addr_ton: 5,
    destination_addr: 'Petrel',
    esm_class: 0x04,
    short_message: Buffer.from('id:0a1b2c3d sub:001 dlvrd:001 submit date:2611221200 done date:2611221201 stat:DELIVRD err:000 text:Hello', 'latin1'),
  },
  tlvs: [
    { tag: 0x001e, name: 'receipted_message_id', value: '0a1b2c3d' },
    { tag: 0x0427, name: 'message_state', value: 2 },
  ],
};

let n = 0;
let check = 0;
const until = performance.now() + seconds * 1000;
const started = performance.now();
while (performance.now() < until) {
  for (let i = 0; i < 1000; i++) {
    const pdu = i & 1 ? receipt : submit;
    pdu.sequence_number = n + i;
    check += decodePdu(encodePdu(pdu)).sequence_number & 1;
  }
  n += 1000;
}
const elapsed = (performance.now() - started) / 1000;
const perSec = Math.round(n / elapsed);
console.log(JSON.stringify({ pdus: n, seconds: Number(elapsed.toFixed(2)), encodeDecodePerSec: perSec, check }));
console.log(`| ${new Date().toISOString().slice(0, 10)} | submit_sm + deliver_sm receipt, encode+decode | ${perSec} PDUs/s |`);
