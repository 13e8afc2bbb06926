// SMPP 3.4 PDU encoding and decoding (ours, DESIGN D6). A PDU is its header, its mandatory
// fields by name, and its optional parameters in wire order.

import { COMMAND_NAMES, COMMANDS, LAYOUTS, TAKES_TLVS, type CommandName } from './commands.ts';
import { ESME_RINVCMDID, ESME_RINVCMDLEN, ESME_RINVMSGLEN, SmppError } from './status.ts';
import { TLV_BY_TAG, TLV_TAGS, type Tlv } from './tlv.ts';

export type FieldValue = string | number | Buffer | null;

export interface Pdu {
  command: CommandName;
  command_status: number;
  sequence_number: number;
  /** Mandatory fields; `short_message` is octets. A response body cut short leaves nulls. */
  fields: Record<string, FieldValue>;
  tlvs: Tlv[];
}

export const HEADER_LENGTH = 16;

/** Decodes one whole PDU (header included). Throws SmppError (with the status to nack it with) for an unknown command or a malformed body. */
export function decodePdu(frame: Buffer): Pdu {
  const commandId = frame.readUInt32BE(4);
  const command = COMMAND_NAMES.get(commandId);
  if (!command) throw new SmppError(`unknown command_id 0x${commandId.toString(16).padStart(8, '0')}`, ESME_RINVCMDID);
  const pdu: Pdu = {
    command,
    command_status: frame.readUInt32BE(8),
    sequence_number: frame.readUInt32BE(12),
    fields: {},
    tlvs: [],
  };
  let at = HEADER_LENGTH;
  const end = frame.length;
  const isResponse = commandId >= 0x80000000;
  for (const [name, type] of LAYOUTS[command]) {
    if (at >= end) {
      // Responses often come without a body (an error status, or an SMSC that omits it).
      if (isResponse) {
        pdu.fields[name] = null;
        continue;
      }
      throw new SmppError(`${command}: body ends before ${name}`, ESME_RINVCMDLEN);
    }
    if (type.t === 'u8') {
      pdu.fields[name] = frame[at++]!;
    } else if (type.t === 'cstring') {
      const nul = frame.indexOf(0, at);
      if (nul < 0 || nul >= end) {
        if (isResponse) {
          // A message_id without its NUL: tolerated as absent, as cloudhopper does.
          pdu.fields[name] = null;
          at = end;
          continue;
        }
        throw new SmppError(`${command}: ${name} is not NUL-terminated`, ESME_RINVMSGLEN);
      }
      pdu.fields[name] = frame.toString('latin1', at, nul);
      at = nul + 1;
    } else {
      const length = frame[at++]!;
      if (at + length > end) throw new SmppError(`${command}: sm_length ${length} exceeds the body`, ESME_RINVMSGLEN);
      pdu.fields[name] = frame.subarray(at, at + length);
      at += length;
    }
  }
  if (at < end) {
    if (!TAKES_TLVS.has(command) && !isResponse) throw new SmppError(`${command}: ${end - at} unexpected octets after the body`, ESME_RINVCMDLEN);
    pdu.tlvs = decodeTlvs(frame, at, end, command);
  }
  return pdu;
}

function decodeTlvs(frame: Buffer, at: number, end: number, command: CommandName): Tlv[] {
  const tlvs: Tlv[] = [];
  while (at < end) {
    if (end - at < 4) throw new SmppError(`${command}: ${end - at} stray octets where a TLV header belongs`, ESME_RINVCMDLEN);
    const tag = frame.readUInt16BE(at);
    const length = frame.readUInt16BE(at + 2);
    at += 4;
    if (at + length > end) throw new SmppError(`${command}: TLV 0x${tag.toString(16)} length ${length} exceeds the body`, ESME_RINVCMDLEN);
    const raw = frame.subarray(at, at + length);
    at += length;
    const known = TLV_BY_TAG.get(tag);
    tlvs.push({ tag, name: known?.[0] ?? `tag_0x${tag.toString(16).padStart(4, '0')}`, value: known ? readTlvValue(raw, known[1]) : raw });
  }
  return tlvs;
}

function readTlvValue(raw: Buffer, type: string): number | string | Buffer {
  // A value of the wrong size is kept raw rather than guessed at.
  if (type === 'u8' && raw.length === 1) return raw[0]!;
  if (type === 'u16' && raw.length === 2) return raw.readUInt16BE(0);
  if (type === 'u32' && raw.length === 4) return raw.readUInt32BE(0);
  if (type === 'cstring') return raw.toString('latin1', 0, raw.at(-1) === 0 ? raw.length - 1 : raw.length);
  return raw;
}

/** Size of a field on the wire. */
function fieldSize(value: FieldValue, kind: 'cstring' | 'u8' | 'short_message'): number {
  if (kind === 'u8') return 1;
  if (kind === 'cstring') return typeof value === 'string' ? Buffer.byteLength(value, 'latin1') + 1 : value === null || value === undefined ? 1 : (value as Buffer).length + 1;
  return 1 + (value ? (value as Buffer).length : 0);
}

function tlvBytes(t: Tlv): Buffer {
  const known = TLV_TAGS[t.name];
  const type = known?.[1] ?? 'octets';
  let value: Buffer;
  if (Buffer.isBuffer(t.value)) value = t.value;
  else if (typeof t.value === 'string') value = Buffer.from(type === 'cstring' ? `${t.value}\0` : t.value, 'latin1');
  else if (type === 'u16') value = Buffer.from([t.value >> 8, t.value & 0xff]);
  else if (type === 'u32') (value = Buffer.alloc(4)).writeUInt32BE(t.value);
  else value = Buffer.from([t.value]);
  const out = Buffer.alloc(4 + value.length);
  out.writeUInt16BE(t.tag, 0);
  out.writeUInt16BE(value.length, 2);
  value.copy(out, 4);
  return out;
}

/** Encodes a PDU; command_length is computed. Absent fields encode as empty / zero. */
export function encodePdu(pdu: Pdu): Buffer {
  const layout = LAYOUTS[pdu.command];
  // A response whose body was absent on the wire re-encodes without it.
  const bodyless = pdu.command.endsWith('_resp') && layout.every(([name]) => pdu.fields[name] == null);
  const fields = bodyless ? [] : layout;
  const tlvs = pdu.tlvs.map(tlvBytes);
  let length = HEADER_LENGTH;
  for (const [name, type] of fields) length += fieldSize(pdu.fields[name] ?? null, type.t);
  for (const t of tlvs) length += t.length;
  const out = Buffer.alloc(length);
  out.writeUInt32BE(length, 0);
  out.writeUInt32BE(COMMANDS[pdu.command], 4);
  out.writeUInt32BE(pdu.command_status >>> 0, 8);
  out.writeUInt32BE(pdu.sequence_number >>> 0, 12);
  let at = HEADER_LENGTH;
  for (const [name, type] of fields) {
    const v = pdu.fields[name] ?? null;
    if (type.t === 'u8') {
      out[at++] = typeof v === 'number' ? v : 0;
    } else if (type.t === 'cstring') {
      if (typeof v === 'string') at += out.write(v, at, 'latin1');
      else if (Buffer.isBuffer(v)) at += v.copy(out, at);
      out[at++] = 0;
    } else {
      const sm = Buffer.isBuffer(v) ? v : Buffer.alloc(0);
      if (sm.length > 255) throw new RangeError(`short_message is ${sm.length} octets; use message_payload above 255`);
      out[at++] = sm.length;
      at += sm.copy(out, at);
    }
  }
  for (const t of tlvs) at += t.copy(out, at);
  return out;
}
