// White-label: what an operator may call the product and how it looks. A colour is #rrggbb;
// the product name 1 to 40 characters; the logo follows the image rule (preferences.ts).

export const DEFAULT_PRODUCT = 'Petrel';
export const DEFAULT_COLOR = '#7048e8';
export const PRODUCT_MAX = 40;

export function productNameProblem(name: string): string | null {
  const n = name.trim();
  if (n.length === 0 || n.length > PRODUCT_MAX) return `the product name needs 1 to ${PRODUCT_MAX} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  return /[<>\u0000-\u001f]/.test(n) ? 'the product name may not hold < > or control characters' : null;
}

export function colorProblem(color: string): string | null {
  return /^#[0-9a-f]{6}$/i.test(color) ? null : 'the colour is #rrggbb, such as #7048e8';
}
