// SMSC message ids as a receipt may write them: the submit_sm_resp said `16FEE0E525`, the
// receipt says `98765432101`; or `0059113978` against `59113978`; or another letter case.
// A part stores its id in one canonical form (smscIdKey); a receipt is looked up under every
// canonical form its id may stand for (smscIdKeys), so matching is one indexed IN (…).

/** How an SMSC writes ids in its receipts, when an operator knows: narrows the keys tried. */
export type IdFormatHint = 'auto' | 'hex' | 'decimal';

/** The canonical form of an id: trimmed, lower case, without leading zeros. */
export function smscIdKey(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
}

/**
 * The canonical keys a receipt's id may match: itself, and (unless the hint rules it out) the
 * same number written in the other base.
 */
export function smscIdKeys(id: string, hint: IdFormatHint = 'auto'): string[] {
  const key = smscIdKey(id);
  const keys = new Set<string>([key]);
  // The receipt writes decimal what the response wrote in hex: try the hex form.
  if (hint !== 'hex' && /^[0-9]{1,30}$/.test(key)) keys.add(BigInt(key).toString(16));
  // The receipt writes hex what the response wrote in decimal: try the decimal form.
  if (hint !== 'decimal' && /^[0-9a-f]{1,30}$/.test(key)) keys.add(BigInt(`0x${key}`).toString(10));
  return [...keys];
}

/** True when two ids may name the same message. */
export function sameSmscId(a: string, b: string): boolean {
  const keys = new Set(smscIdKeys(a));
  return smscIdKeys(b).some((k) => keys.has(k));
}
