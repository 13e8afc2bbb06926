// A queued message as the submit_sm PDUs a connector sends (SMPP 3.4 §4.4): one per part, or
// one with message_payload. data_coding is always explicit; TON/NPI follow the sender's form
// unless the connector overrides them; long messages use the connector's method.

import { encodePart, segment, type Encoding, type RequestedType } from '../../domain/encoding.ts';
import { relativeValidity } from '../../domain/smpp-time.ts';
import { concatUdh } from '../../domain/udh.ts';
import type { ConnectorSettings, OutboundMessage } from '../../engine/ports.ts';
import type { FieldValue } from '../../smpp/codec.ts';
import type { Tlv } from '../../smpp/tlv.ts';

export interface SubmitPdu {
  fields: Record<string, FieldValue>;
  tlvs: Tlv[];
}

export type SubmitSettings = Pick<ConnectorSettings, 'longMessageMethod' | 'latin1' | 'sourceTon' | 'sourceNpi' | 'destTon' | 'destNpi'>;

const ESM_UDHI = 0x40;
const TYPE_OF: Record<Encoding, RequestedType> = { 'GSM-7': 'gsm', 'UCS-2': 'unicode', binary: 'binary' };
/** data_coding (GSM 03.38 §4): default alphabet, 8-bit data, UCS-2; with class 0 for flash. */
const DATA_CODING: Record<Encoding, [normal: number, flash: number]> = { 'GSM-7': [0x00, 0x10], binary: [0x04, 0x14], 'UCS-2': [0x08, 0x18] };
const LATIN1 = 0x03;

const SOURCE_TON_NPI = { alphanumeric: [5, 0], international: [1, 1], shortcode: [3, 0] } as const;

/** A concatenation reference from the message id: stable across resends of the same message. */
function concatRef(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(-4), 16) || 1;
}

const fitsLatin1 = (text: string): boolean => [...text].every((c) => c.charCodeAt(0) <= 0xff && c.length === 1);

/** Octets per part for a Latin-1 message, which the shared segmenter does not cover (8 bits a character). */
function latin1Parts(text: string, udhOctets: number): Uint8Array[] {
  const bytes = Buffer.from(text, 'latin1');
  if (bytes.length <= 140) return [bytes];
  const cap = 140 - udhOctets;
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += cap) out.push(bytes.subarray(at, at + cap));
  return out;
}

/** The payload octets of each part and the data_coding they are in. */
function payloads(m: OutboundMessage, s: SubmitSettings): { coding: number; parts: Uint8Array[]; userUdh: Buffer | null } {
  const userUdh = m.udh ? Buffer.from(m.udh, 'hex') : null;
  const refBits = s.longMessageMethod === 'udh16' ? 16 : 8;
  if (s.latin1 && m.encoding === 'UCS-2' && !m.flash && !userUdh && fitsLatin1(m.text)) {
    return { coding: LATIN1, parts: latin1Parts(m.text, refBits === 16 ? 7 : 6), userUdh };
  }
  const seg = segment(m.text, TYPE_OF[m.encoding], { concatRef: refBits, ...(userUdh ? { userUdhOctets: userUdh.length } : {}) });
  const coding = DATA_CODING[m.encoding][m.flash ? 1 : 0];
  return { coding, parts: seg.parts.map((p) => encodePart(p, m.encoding)), userUdh };
}

export function submitPdus(m: OutboundMessage, s: SubmitSettings, now: number): SubmitPdu[] {
  const { coding, parts, userUdh } = payloads(m, s);
  const [srcTon, srcNpi] = SOURCE_TON_NPI[m.senderForm];
  const minutesLeft = Math.max(1, Math.ceil((m.expiresAt - now) / 60_000));
  const base: Record<string, FieldValue> = {
    source_addr_ton: s.sourceTon ?? srcTon,
    source_addr_npi: s.sourceNpi ?? srcNpi,
    source_addr: m.sender.replace(/^\+/, ''),
    dest_addr_ton: s.destTon ?? 1,
    dest_addr_npi: s.destNpi ?? 1,
    destination_addr: m.recipient.replace(/^\+/, ''),
    esm_class: 0,
    protocol_id: m.pid ?? 0,
    validity_period: relativeValidity(minutesLeft),
    registered_delivery: 1, // a receipt for every outcome
    data_coding: coding,
  };
  if (userUdh) return [{ fields: { ...base, esm_class: ESM_UDHI, short_message: Buffer.concat([userUdh, parts[0]!]) }, tlvs: [] }];
  if (parts.length === 1) return [{ fields: { ...base, short_message: Buffer.from(parts[0]!) }, tlvs: [] }];
  const ref = concatRef(m.id);
  const total = parts.length;
  switch (s.longMessageMethod) {
    case 'payload':
      return [{ fields: { ...base, short_message: Buffer.alloc(0) }, tlvs: [{ tag: 0x0424, name: 'message_payload', value: Buffer.concat(parts) }] }];
    case 'sar':
      return parts.map((p, i) => ({
        fields: { ...base, short_message: Buffer.from(p) },
        tlvs: [
          { tag: 0x020c, name: 'sar_msg_ref_num', value: ref & 0xffff },
          { tag: 0x020e, name: 'sar_total_segments', value: total },
          { tag: 0x020f, name: 'sar_segment_seqnum', value: i + 1 },
        ],
      }));
    case 'udh8':
    case 'udh16': {
      const bits = s.longMessageMethod === 'udh16' ? 16 : 8;
      return parts.map((p, i) => ({
        fields: { ...base, esm_class: ESM_UDHI, short_message: Buffer.concat([concatUdh(ref & (bits === 8 ? 0xff : 0xffff), total, i + 1, bits), p]) },
        tlvs: [],
      }));
    }
  }
}
