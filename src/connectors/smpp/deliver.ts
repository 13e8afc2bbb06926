// deliver_sm / data_sm from the SMSC: a delivery receipt (esm_class says so, or it carries
// receipted_message_id) or a mobile-originated message. Receipts read TLVs first, then text
// from short_message or message_payload (domain/receipt.ts tolerates the variants).

import { decodeGsmSeptets } from '../../domain/gsm-alphabet.ts';
import type { Concat } from '../../domain/inbound.ts';
import { receiptOf } from '../../domain/receipt.ts';
import { readConcat } from '../../domain/udh.ts';
import type { Pdu } from '../../smpp/codec.ts';
import type { LinkInbound, LinkReceipt } from '../link.ts';

/** esm_class message type bits (§5.2.12): 0x04 SMSC receipt, 0x08 SME ack, 0x20 intermediate notification. */
const RECEIPT_TYPES = new Set([0x04, 0x08, 0x20]);

const tlv = (pdu: Pdu, name: string) => pdu.tlvs.find((t) => t.name === name)?.value;

function userData(pdu: Pdu): Buffer {
  const payload = tlv(pdu, 'message_payload');
  if (Buffer.isBuffer(payload) && payload.length) return payload;
  const sm = pdu.fields.short_message;
  return Buffer.isBuffer(sm) ? sm : Buffer.alloc(0);
}

/** network_error_code (§5.3.2.31): network type, then a 2-octet code; written `type:code`. */
function networkError(pdu: Pdu): string | null {
  const v = tlv(pdu, 'network_error_code');
  return Buffer.isBuffer(v) && v.length === 3 ? `${v[0]}:${v.readUInt16BE(1)}` : null;
}

export function readReceipt(pdu: Pdu): LinkReceipt | null {
  const esm = Number(pdu.fields.esm_class ?? 0);
  const tlvId = tlv(pdu, 'receipted_message_id');
  if (!RECEIPT_TYPES.has(esm & 0x3c) && typeof tlvId !== 'string') return null;
  const state = tlv(pdu, 'message_state');
  const r = receiptOf({
    text: userData(pdu).toString('latin1'),
    receiptedMessageId: typeof tlvId === 'string' ? tlvId : null,
    messageState: typeof state === 'number' ? state : null,
  });
  if (!r.id) return null;
  return { smscId: r.id, stat: r.stat, error: r.err ?? networkError(pdu), network: null, doneAt: r.doneDate };
}

type Alphabet = LinkInbound['encoding'];

/** The alphabet of a data_coding (SMPP 3.4 §5.2.19; GSM 03.38 §4 for the coding groups). */
function alphabetOf(coding: number): Alphabet {
  if (coding === 0x03) return 'Latin-1';
  if (coding === 0x08) return 'UCS-2';
  if (coding === 0x02 || coding === 0x04) return 'binary';
  if ((coding & 0xf0) === 0xf0) return coding & 0x04 ? 'binary' : 'GSM-7';
  if ((coding & 0xc0) === 0x00 && coding & 0x10) {
    const bits = coding & 0x0c; // general data coding with a message class
    return bits === 0x08 ? 'UCS-2' : bits === 0x04 ? 'binary' : 'GSM-7';
  }
  return 'GSM-7';
}

function decodeText(data: Buffer, coding: number): Pick<LinkInbound, 'text' | 'encoding'> {
  const encoding = alphabetOf(coding);
  if (encoding === 'UCS-2' && data.length % 2 === 0) return { text: Buffer.from(data).swap16().toString('utf16le'), encoding };
  if (encoding === 'Latin-1') return { text: data.toString('latin1'), encoding };
  if (encoding === 'GSM-7') return { text: decodeGsmSeptets(data), encoding };
  return { text: data.toString('hex'), encoding: 'binary' };
}

/** The SAR TLVs (§5.3.2.22–24) of a part, when all three are there. */
function sarConcat(pdu: Pdu): Concat | null {
  const ref = tlv(pdu, 'sar_msg_ref_num');
  const total = tlv(pdu, 'sar_total_segments');
  const seq = tlv(pdu, 'sar_segment_seqnum');
  return typeof ref === 'number' && typeof total === 'number' && typeof seq === 'number' ? { ref, total, seq } : null;
}

export function readInbound(pdu: Pdu): LinkInbound {
  let data = userData(pdu);
  let concat = sarConcat(pdu);
  // A UDH (esm_class UDHI) precedes the text: its concatenation element places the part.
  if (Number(pdu.fields.esm_class ?? 0) & 0x40 && data.length > 0) {
    const udh = data.subarray(0, 1 + data[0]!);
    concat ??= readConcat(udh);
    data = data.subarray(udh.length);
  }
  return { from: String(pdu.fields.source_addr ?? ''), to: String(pdu.fields.destination_addr ?? ''), ...decodeText(data, Number(pdu.fields.data_coding ?? 0)), concat };
}
