import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LAYOUTS, type CommandName } from './commands.ts';
import { decodePdu, encodePdu, type Pdu } from './codec.ts';
import { ESME_RINVCMDID } from './status.ts';
import { FrameDecoder, StreamError } from './frames.ts';

interface PduVector {
  name: string;
  hex: string;
  kind: string;
  command?: string;
  fields: Record<string, any>;
  expect?: string;
}

const vectors: PduVector[] = JSON.parse(readFileSync(new URL('../../test/fixtures/smpp_vectors.json', import.meta.url), 'utf8'));
const pdus = vectors.filter((v) => v.kind === 'pdu');
const bytes = (hex: string) => Buffer.from(hex, 'hex');

/** Keys of the vector files that are notes or helper output, not PDU fields. */
const NOT_FIELDS = new Set(['note', 'dlr_text_in_pdu(helper-decoded)', 'sequence_number_java_signed', 'short_message_text', 'user_message_reference']);

/** Octets written Python-style, as Jasmin's tests do: `text:\\x84A`. */
const pyBytes = (s: string) =>
  Buffer.from(
    s.replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  );

/** Statuses and enums the vectors write as prose: 'ESME_RINVSYSTYP (0x53)', 'ESME_ROK', 'GSM'. */
const NAMED: Record<string, number> = { ESME_ROK: 0, GSM: 1 };
function described(want: unknown): unknown {
  if (typeof want !== 'string') return want;
  if (want in NAMED) return NAMED[want];
  const hex = /0x([0-9a-f]+)/i.exec(want);
  return hex ? parseInt(hex[1]!, 16) : want;
}

/** The leading hex of a TLV value written as `74657374 ("test")` or plain hex; null if it is prose. */
function leadingHex(s: string): string | null {
  const m = /^([0-9a-fA-F]+)(\s|$)/.exec(s);
  return m && m[1]!.length % 2 === 0 ? m[1]!.toLowerCase() : null;
}

function checkTlvs(pdu: Pdu, expected: Record<string, unknown>): void {
  for (const [rawName, want] of Object.entries(expected)) {
    const name = rawName.replace(/\(0x[0-9a-f]+\)$/i, '');
    const got = pdu.tlvs.find((t) => t.name === name);
    assert.ok(got, `TLV ${name} present`);
    if (typeof got.value === 'number' && typeof want === 'string') {
      // '34' for sc_interface_version 0x34, 'GSM' for network type 1.
      assert.ok(described(want) === got.value || parseInt(want, 16) === got.value, `${name}: ${got.value} vs ${want}`);
    } else if (typeof want === 'number') {
      assert.equal(typeof got.value === 'number' ? got.value : Buffer.isBuffer(got.value) && got.value.length === 1 ? got.value[0] : got.value, want, name);
    } else if (typeof want === 'string') {
      const hex = leadingHex(want);
      if (Buffer.isBuffer(got.value)) {
        const text = got.value.toString('latin1');
        const ucs2 = /^(.*)\+ UCS-2 bytes ((?:[0-9A-F]{4} ?)+)/.exec(want);
        if (ucs2) {
          // "text:+ UCS-2 bytes 041F 0440 …": the prefix as text, then those octets.
          assert.equal(got.value.toString('hex'), Buffer.from(ucs2[1]!, 'latin1').toString('hex') + ucs2[2]!.replace(/ /g, '').toLowerCase(), name);
          continue;
        }
        // Hex, ASCII, or prose that starts with the value's text (Jasmin writes b'000', "(3 bytes, ASCII)").
        const ok = (hex !== null && got.value.toString('hex').startsWith(hex)) || want.startsWith(text.replace(/\0$/, '')) || want.includes(`'${text}'`) || text.startsWith(want.replace(/\\x00$/, ''));
        assert.ok(ok, `${name}: ${JSON.stringify(text)} (${got.value.toString('hex')}) vs ${JSON.stringify(want)}`);
      } else {
        assert.equal(
          String(got.value),
          want.replace(/^(\d+)$/, (d) => String(Number(d))),
          name,
        );
      }
    }
  }
}

/** `frame`: the octets the fields describe (a vector may describe the second PDU of its buffer). */
function checkFields(pdu: Pdu, v: PduVector, frame: Buffer = bytes(v.hex)): void {
  const f = v.fields;
  const layout = new Map(LAYOUTS[pdu.command].map(([n, t]) => [n, t.t]));
  for (const [key, want] of Object.entries(f)) {
    if (NOT_FIELDS.has(key)) continue;
    if (key === 'command') assert.equal(pdu.command, want);
    else if (key === 'command_length') assert.equal(want, frame.readUInt32BE(0));
    else if (key === 'command_id') assert.equal(want, frame.readUInt32BE(4));
    else if (key === 'command_status') assert.equal(pdu.command_status, described(want), key);
    else if (key === 'sequence_number') assert.equal(pdu.sequence_number, want, key);
    else if (key === 'tlvs') checkTlvs(pdu, want);
    else if (key === 'tlv_count') assert.equal(pdu.tlvs.length, want, key);
    else if (key === 'sm_length') assert.equal((pdu.fields.short_message as Buffer | undefined)?.length ?? 0, want, key);
    else if (key === 'short_message_hex') {
      if (!String(want).startsWith('RAW:')) assert.equal((pdu.fields.short_message as Buffer).toString('hex'), want, key);
      else assert.equal((pdu.fields.short_message as Buffer).toString('latin1'), f.short_message_text, key);
    } else if (key === 'short_message' && typeof want === 'string') {
      assert.deepEqual(pdu.fields.short_message, pyBytes(want), key);
    } else if (key === 'short_message' && typeof want === 'object' && want !== null) {
      // node-smpp describes the message as UDH + text; check the UDH octets lead the message.
      const udh = Array.isArray(want.udh_hex) ? `0${want.udh_hex.join('').length / 2}`.slice(-2) + want.udh_hex.join('') : want.udh_hex;
      assert.ok((pdu.fields.short_message as Buffer).toString('hex').startsWith(udh.toLowerCase()), 'UDH leads short_message');
    } else if (layout.has(key)) {
      const got = pdu.fields[key];
      if (want === null || want === '') assert.ok(got === null || got === '' || got === 0, `${key}: ${String(got)}`);
      else assert.equal(got, want, key);
    } else {
      // Fields a library models on this command but SMPP does not carry: only defaults are fine.
      assert.ok(want === null || want === '' || want === 0, `${key} = ${JSON.stringify(want)} is not on the wire of ${pdu.command}`);
    }
  }
}

/** The behaviours the `expect` records describe, by record name. */
const EXPECT: Record<string, (v: PduVector) => void> = {
  'cloudhopper decodeLessThan4Bytes': incomplete,
  'cloudhopper decodeOnly4Bytes': incomplete,
  'cloudhopper decodeLessThan16Bytes': incomplete,
  'cloudhopper decodeUnsupportedRequestCommandId': unknownCommand,
  'cloudhopper decodeUnsupportedResponseCommandId': unknownCommand,
  'cloudhopper decodeBadPduButSkipAllDataInBuffer': (v) => {
    const frames = new FrameDecoder().push(bytes(v.hex));
    assert.equal(frames.length, 2);
    assert.equal(frames[0]!.ok, false);
    assert.ok(frames[1]!.ok);
    if (frames[1]!.ok) checkFields(frames[1]!.pdu, v, bytes(v.hex).subarray(17));
  },
  'cloudhopper decodeSignedIntLength': (v) => {
    const frames = new FrameDecoder().push(bytes(v.hex));
    assert.equal(frames.length, 1);
    assert.ok('fatal' in frames[0]! && frames[0].fatal instanceof StreamError, 'the connection must be dropped');
  },
  'cloudhopper decodeTooBigSequenceNumber': roundTrip,
  'cloudhopper decodeZeroSequenceNumber': roundTrip,
  'cloudhopper decodeTwoEnquireLinkRespButWithReadRequiredInBetween': (v) => {
    const d = new FrameDecoder();
    const first = d.push(bytes(v.hex));
    assert.equal(first.length, 1);
    assert.equal(first[0]!.ok && first[0]!.pdu.sequence_number, 171192045);
    assert.equal(d.pending, 15);
    const second = d.push(bytes('f1'));
    assert.equal(second.length, 1);
    assert.ok(second[0]!.ok);
    if (second[0]!.ok) checkFields(second[0]!.pdu, v, Buffer.concat([bytes(v.hex).subarray(16), bytes('f1')]));
  },
  'cloudhopper decodeSubmitSmRespWithNoNullByteForMessageId': (v) => checkFields(decodePdu(bytes(v.hex)), v),
  'cloudhopper decodeDeliverSMWithCorrectTotalByteLengthButInvalidShortMessageLength': (v) => {
    const frames = new FrameDecoder().push(bytes(v.hex));
    assert.equal(frames.length, 1);
    assert.equal(frames[0]!.ok, false, 'rejected, not crashed');
  },
  'cloudhopper decodeDeliverSMWithNotPerSpecSequenceNumberButNeedsToBeValid': (v) => {
    const pdu = decodePdu(bytes(v.hex));
    assert.equal(pdu.sequence_number, 0x806a179b);
    const resp = encodePdu({ command: 'deliver_sm_resp', command_status: 0, sequence_number: pdu.sequence_number, fields: { message_id: '' }, tlvs: [] });
    assert.equal(resp.toString('hex'), '000000118000000500000000806a179b00');
  },
  'node-smpp malformed: command_length 60 but 64 bytes supplied': (v) => {
    // node-smpp ignores command_length and reads all 64 octets. Petrel trusts command_length:
    // its 60-octet frame ends inside the short message, so that frame is rejected (answered
    // with generic_nack), and the 4 surplus octets read as an impossible length, so the stream
    // is reported unusable. Stricter than node-smpp, and no exception, no crash.
    const frames = new FrameDecoder().push(bytes(v.hex));
    assert.equal(frames.length, 2);
    assert.ok(!frames[0]!.ok && 'error' in frames[0]! && frames[0].sequenceNumber === v.fields.sequence_number, 'the frame is rejected with its sequence number, for the nack');
    assert.ok('fatal' in frames[1]!, 'the broken stream is reported, not thrown');
  },
};

function incomplete(v: PduVector): void {
  const d = new FrameDecoder();
  assert.deepEqual(d.push(bytes(v.hex)), []);
  assert.equal(d.pending, bytes(v.hex).length, 'nothing consumed');
}

function unknownCommand(v: PduVector): void {
  const d = new FrameDecoder();
  const frames = d.push(bytes(v.hex));
  assert.equal(frames.length, 1);
  const f = frames[0]!;
  assert.ok(!f.ok && 'error' in f);
  if (!f.ok && 'error' in f) assert.equal(f.error.status, ESME_RINVCMDID);
  assert.equal(d.pending, 0, 'the whole PDU is consumed');
}

function roundTrip(v: PduVector): void {
  const pdu = decodePdu(bytes(v.hex));
  checkFields(pdu, v);
  assert.equal(encodePdu(pdu).toString('hex'), v.hex.toLowerCase(), 'encodes back to the same octets');
}

/** Jasmin's real carrier PDUs: they must decode, with the listed optional parameters. */
function decodesWithListedFields(v: PduVector): void {
  const pdu = decodePdu(bytes(v.hex));
  checkFields(pdu, v);
}

test('the fixture holds every PDU record', () => assert.equal(pdus.length, 82));

for (const v of pdus) {
  test(`pdu: ${v.name}`, () => {
    if (!v.expect) return roundTrip(v);
    const handler = EXPECT[v.name] ?? (v.expect.startsWith('decodes without error') ? decodesWithListedFields : undefined);
    assert.ok(handler, `no behaviour written for this expect: ${v.expect}`);
    handler(v);
  });
}

test('encode then decode gives the PDU back, TLVs of every type included', () => {
  const pdu: Pdu = {
    command: 'submit_sm',
    command_status: 0,
    sequence_number: 7,
    fields: {
      service_type: '',
      source_addr_ton: 5,
      source_addr_npi: 0,
      source_addr: 'Petrel',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '491725551234',
      esm_class: 0x40,
      protocol_id: 0,
      priority_flag: 0,
      schedule_delivery_time: '',
      validity_period: '000002000000000R',
      registered_delivery: 1,
      replace_if_present_flag: 0,
      data_coding: 8,
      sm_default_msg_id: 0,
      short_message: bytes('0500030102010041'),
    },
    tlvs: [
      { tag: 0x0204, name: 'user_message_reference', value: 513 },
      { tag: 0x0017, name: 'qos_time_to_live', value: 86400 },
      { tag: 0x001e, name: 'receipted_message_id', value: 'abc123' },
      { tag: 0x1454, name: 'tag_0x1454', value: bytes('ff00') },
    ],
  };
  assert.deepEqual(decodePdu(encodePdu(pdu)), pdu);
  const all = Object.keys(LAYOUTS) as CommandName[];
  assert.equal(all.length, 25);
});

test('rule: a short_message over 255 octets is refused by the encoder', () => {
  const rule = vectors.find((v) => v.kind === 'rule')!;
  assert.equal(rule.fields.sm_length, 256);
  const pdu = decodePdu(bytes(pdus.find((v) => v.command === 'submit_sm' && !v.expect)!.hex));
  pdu.fields.short_message = Buffer.alloc(rule.fields.sm_length);
  assert.throws(() => encodePdu(pdu), RangeError);
});
