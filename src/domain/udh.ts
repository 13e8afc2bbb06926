// User data headers for concatenated messages (3GPP TS 23.040 §9.2.3.24.1 and .8): IEI 0x00
// with an 8-bit reference, IEI 0x08 with a 16-bit one.

import type { ConcatRef } from './encoding.ts';

export function concatUdh(ref: number, total: number, seq: number, refBits: ConcatRef = 8): Uint8Array {
  if (total < 1 || total > 255 || seq < 1 || seq > total) throw new RangeError(`part ${seq} of ${total} is not a valid concatenation`);
  return refBits === 8 ? Uint8Array.from([0x05, 0x00, 0x03, ref & 0xff, total, seq]) : Uint8Array.from([0x06, 0x08, 0x04, (ref >> 8) & 0xff, ref & 0xff, total, seq]);
}

export interface ConcatInfo {
  ref: number;
  total: number;
  seq: number;
}

/** The concatenation element of a UDH, if it has one (inbound long messages). */
export function readConcat(udh: Uint8Array): ConcatInfo | null {
  let at = 1;
  const end = 1 + (udh[0] ?? 0);
  while (at + 2 <= end && at + 2 <= udh.length) {
    const iei = udh[at]!;
    const len = udh[at + 1]!;
    const v = udh.subarray(at + 2, at + 2 + len);
    if (iei === 0x00 && len === 3) return { ref: v[0]!, total: v[1]!, seq: v[2]! };
    if (iei === 0x08 && len === 4) return { ref: (v[0]! << 8) | v[1]!, total: v[2]!, seq: v[3]! };
    at += 2 + len;
  }
  return null;
}
