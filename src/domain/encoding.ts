// Message encoding: detect GSM-7 / UCS-2 / binary, count characters and units, split into
// parts, and produce each part's payload. One implementation serves intake, previews and
// dispatch, so what a preview promises is what the handset receives.

import { gsmCost, pushGsmSeptets } from './gsm-alphabet.ts';
import { InvalidText } from './errors.ts';

export type Encoding = 'GSM-7' | 'UCS-2' | 'binary';
/** What a client asks for: `auto` picks GSM-7 when every character fits, else UCS-2. */
export type RequestedType = 'auto' | 'gsm' | 'unicode' | 'binary';
/** How concatenated parts are referenced: the UDH's 8-bit or 16-bit reference number. */
export type ConcatRef = 8 | 16;

export interface Part {
  /** Septets (GSM-7), UTF-16 code units (UCS-2) or octets (binary) in this part. */
  units: number;
  /** The part's text; for binary, the part's octets as lowercase hex. */
  text: string;
}

export interface Segmentation {
  encoding: Encoding;
  /** Unicode code points (binary: octets). */
  characters: number;
  units: number;
  segments: number;
  parts: Part[];
  /** Characters that forced UCS-2 (or that a forced GSM type rejects), once each, in order. */
  nonGsmCharacters: string[];
}

export interface SegmentOptions {
  concatRef?: ConcatRef;
  /** Octets of a client-supplied UDH; the message must then fit one part. */
  userUdhOctets?: number;
}

const OCTETS_PER_PART = 140;
/** UDH for concatenation: UDHL + IEI + IEDL + ref(1|2) + total + seq. */
const concatUdhOctets = (ref: ConcatRef): number => (ref === 8 ? 6 : 7);

/** Units that fit in `octets` of user data for an encoding. */
function unitsIn(encoding: Encoding, octets: number): number {
  if (encoding === 'GSM-7') return Math.floor((octets * 8) / 7);
  if (encoding === 'UCS-2') return Math.floor(octets / 2);
  return octets;
}

/** Capacity of a lone part and of each part of a concatenated message. */
export function capacities(encoding: Encoding, opts: SegmentOptions = {}): { single: number; multi: number } {
  const userUdh = opts.userUdhOctets ?? 0;
  const single = unitsIn(encoding, OCTETS_PER_PART - userUdh);
  const multi = unitsIn(encoding, OCTETS_PER_PART - userUdh - concatUdhOctets(opts.concatRef ?? 8));
  return { single, multi };
}

/** Distinct characters outside the GSM 03.38 default tables, in order of appearance. */
export function nonGsmCharacters(text: string): string[] {
  const seen = new Set<string>();
  for (const ch of text) {
    if (ch.length > 1 || gsmCost(ch.charCodeAt(0)) === 0) seen.add(ch);
  }
  return [...seen];
}

function isGsm(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (gsmCost(text.charCodeAt(i)) === 0) return false;
  return true;
}

function hasLoneSurrogate(text: string): boolean {
  return !text.isWellFormed();
}

function countCodePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--; // well-formed text: every high surrogate has its pair
  }
  return n;
}

export function detectEncoding(text: string, type: RequestedType): Encoding {
  if (type === 'binary') return 'binary';
  if (type === 'unicode') return 'UCS-2';
  if (type === 'gsm') return 'GSM-7';
  return isGsm(text) ? 'GSM-7' : 'UCS-2';
}

/** Cuts GSM-7 text into parts of at most `cap` septets, never splitting an escape pair. */
function splitGsm(text: string, cap: number): Part[] {
  const parts: Part[] = [];
  let start = 0;
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = gsmCost(text.charCodeAt(i));
    if (units + cost > cap) {
      parts.push({ units, text: text.slice(start, i) });
      start = i;
      units = 0;
    }
    units += cost;
  }
  parts.push({ units, text: text.slice(start) });
  return parts;
}

/** Cuts UCS-2 text into parts of at most `cap` code units, never splitting a surrogate pair. */
function splitUcs2(text: string, cap: number): Part[] {
  const parts: Part[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + cap, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push({ units: end - start, text: text.slice(start, end) });
    start = end;
  }
  return parts;
}

function splitOctets(hex: string, cap: number): Part[] {
  const parts: Part[] = [];
  for (let o = 0; o < hex.length / 2; o += cap) {
    const text = hex.slice(o * 2, (o + cap) * 2);
    parts.push({ units: text.length / 2, text });
  }
  return parts;
}

function gsmUnits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) n += gsmCost(text.charCodeAt(i));
  return n;
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Analyses a message for the requested type. Throws InvalidText when the text cannot be sent
 * as that type (a forced GSM type with other characters, bad hex for binary, broken UTF-16),
 * or when a client UDH leaves too little room.
 */
export function segment(text: string, type: RequestedType, opts: SegmentOptions = {}): Segmentation {
  if (hasLoneSurrogate(text)) throw new InvalidText('text contains an unpaired UTF-16 surrogate');
  const encoding = detectEncoding(text, type);
  let units: number;
  let characters: number;
  const nonGsm = encoding === 'binary' ? [] : nonGsmCharacters(text);
  if (encoding === 'GSM-7') {
    if (nonGsm.length > 0) {
      throw new InvalidText(`text has characters outside the GSM 03.38 alphabet: ${nonGsm.join(' ')}`);
    }
    units = gsmUnits(text);
    characters = text.length;
  } else if (encoding === 'UCS-2') {
    units = text.length;
    characters = countCodePoints(text);
  } else {
    if (!HEX.test(text)) throw new InvalidText('binary text must be hexadecimal octets (an even number of 0-9a-f)');
    units = text.length / 2;
    characters = units;
  }
  const cap = capacities(encoding, opts);
  let parts: Part[];
  if (units <= cap.single) {
    parts = [{ units, text: encoding === 'binary' ? text.toLowerCase() : text }];
  } else if (opts.userUdhOctets) {
    throw new InvalidText(`text needs ${units} units but a message with a client UDH holds ${cap.single}`);
  } else if (encoding === 'GSM-7') {
    parts = splitGsm(text, cap.multi);
  } else if (encoding === 'UCS-2') {
    parts = splitUcs2(text, cap.multi);
  } else {
    parts = splitOctets(text.toLowerCase(), cap.multi);
  }
  return { encoding, characters, units, segments: parts.length, parts, nonGsmCharacters: nonGsm };
}

/** The octets an SMSC receives for one part: unpacked septets, UTF-16BE, or raw octets. */
export function encodePart(part: Part, encoding: Encoding): Uint8Array {
  // No Buffer: the web app's message counters import this module too.
  if (encoding === 'binary') return Uint8Array.from(part.text.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  if (encoding === 'UCS-2') {
    const out = new Uint8Array(part.text.length * 2);
    for (let i = 0; i < part.text.length; i++) {
      const c = part.text.charCodeAt(i);
      out[i * 2] = c >> 8;
      out[i * 2 + 1] = c & 0xff;
    }
    return out;
  }
  const septets: number[] = [];
  for (let i = 0; i < part.text.length; i++) pushGsmSeptets(part.text.charCodeAt(i), septets);
  return Uint8Array.from(septets);
}
