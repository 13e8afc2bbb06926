// A person's own settings, checked the same in the browser and on the server: the languages the
// app speaks, an IANA time zone, and a profile image (PNG, JPEG or WebP, by its first bytes, at
// most 256 kB).

export const LANGUAGES = ['en', 'de'] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

export const AVATAR_MAX_BYTES = 256 * 1024;
const AVATAR_TYPES: Array<[string, number[]]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
];

export function isLanguage(text: string): text is LanguageCode {
  return (LANGUAGES as readonly string[]).includes(text);
}

/** An IANA zone the runtime knows (Europe/Berlin); `UTC` too. */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with an image (a profile image, a logo) given as a data URL; null when it is good. */
export function imageProblem(dataUrl: string): string | null {
  const m = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!m) return 'the image must be a PNG, JPEG or WebP file';
  const bytes = Math.floor((m[2]!.length * 3) / 4) - (m[2]!.endsWith('==') ? 2 : m[2]!.endsWith('=') ? 1 : 0);
  if (bytes > AVATAR_MAX_BYTES) return `the image may have at most ${AVATAR_MAX_BYTES / 1024} kB`;
  const head = [...atob(m[2]!.slice(0, 16))].map((c) => c.charCodeAt(0));
  const magic = AVATAR_TYPES.find(([type]) => type === m[1])![1];
  if (!magic.every((b, i) => head[i] === b)) return `the file is not the ${m[1]!.slice(6).toUpperCase()} it says it is`;
  if (m[1] === 'image/webp' && String.fromCharCode(...[...atob(m[2]!.slice(0, 16))].slice(8, 12).map((c) => c.charCodeAt(0))) !== 'WEBP') return 'the file is not the WEBP it says it is';
  return null;
}

/** A profile image follows the image rule. */
export const avatarProblem = imageProblem;
