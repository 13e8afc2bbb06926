// The message counter of every message box (templates, campaigns, quick send) and of the
// campaign's cost estimate: characters, parts and encoding by the segmenter (encoding.ts). With
// the person's unicode detection off (Settings → SMS), characters outside GSM-7 count as GSM ones.

import { nonGsmCharacters, segment } from './encoding.ts';

export interface MessageCount {
  characters: number;
  parts: number;
  unicode: boolean;
  /** The characters that make it Unicode (with detection on). */
  nonGsm: string[];
}

export function messageCount(text: string, unicodeDetection: boolean): MessageCount {
  const outside = new Set(nonGsmCharacters(text));
  const counted = unicodeDetection || outside.size === 0 ? text : Array.from(text, (c) => (outside.has(c) ? '?' : c)).join('');
  try {
    const s = segment(counted, 'auto');
    return { characters: s.characters, parts: text ? s.segments : 0, unicode: s.encoding === 'UCS-2', nonGsm: unicodeDetection ? s.nonGsmCharacters : [] };
  } catch {
    return { characters: Array.from(text).length, parts: 0, unicode: false, nonGsm: [] }; // a broken character: the server says which
  }
}
