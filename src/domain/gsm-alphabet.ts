// GSM 03.38 default alphabet and its extension table (3GPP TS 23.038 §6.2.1).
// Index in the string = septet value. 0x1B is the escape to the extension table.

const BASIC = '@£$¥èéùìòÇ\nØø\rÅå' + 'Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ' + ' !"#¤%&\'()*+,-./' + '0123456789:;<=>?' + '¡ABCDEFGHIJKLMNO' + 'PQRSTUVWXYZÄÖÑÜ§' + '¿abcdefghijklmno' + 'pqrstuvwxyzäöñüà';

/** Extension characters and the septet that follows the escape. Each costs 2 septets. */
const EXTENSION: ReadonlyArray<readonly [string, number]> = [
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
];

const ESCAPE = 0x1b;

/** Code unit → septet for the basic table (the escape itself is not a character). */
const basicSeptet = new Map<number, number>();
for (let i = 0; i < BASIC.length; i++) {
  if (i !== ESCAPE) basicSeptet.set(BASIC.charCodeAt(i), i);
}

/** Code unit → septet after the escape. */
const extensionSeptet = new Map<number, number>(EXTENSION.map(([ch, s]) => [ch.charCodeAt(0), s]));

/** Septets a UTF-16 code unit costs in GSM-7: 1 basic, 2 extension, 0 when not encodable. */
export function gsmCost(codeUnit: number): 0 | 1 | 2 {
  if (basicSeptet.has(codeUnit)) return 1;
  if (extensionSeptet.has(codeUnit)) return 2;
  return 0;
}

/** Appends the septets of one GSM-encodable code unit to `out`. */
export function pushGsmSeptets(codeUnit: number, out: number[]): void {
  const basic = basicSeptet.get(codeUnit);
  if (basic !== undefined) {
    out.push(basic);
    return;
  }
  const ext = extensionSeptet.get(codeUnit);
  if (ext === undefined) throw new RangeError(`U+${codeUnit.toString(16)} is not in the GSM 03.38 alphabet`);
  out.push(ESCAPE, ext);
}

const extensionChar = new Map<number, string>(EXTENSION.map(([ch, s]) => [s, ch]));

/**
 * Unpacked septets (one per octet, as SMPP carries data_coding 0) back to text. An escape
 * before a septet the extension table lacks reads as the basic character (TS 23.038 §6.2.1.1).
 */
export function decodeGsmSeptets(septets: Uint8Array): string {
  let out = '';
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i]! & 0x7f;
    if (s === ESCAPE && i + 1 < septets.length) {
      const next = septets[++i]! & 0x7f;
      out += extensionChar.get(next) ?? BASIC[next];
    } else if (s !== ESCAPE) out += BASIC[s];
  }
  return out;
}
