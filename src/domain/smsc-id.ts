// SMSC message ids as a receipt may write them: the submit_sm_resp said `16FEE0E525`, the
// receipt says `98765432101`; or `0059113978` against `59113978`; or another letter case.
// Matching uses every key an id may stand for.

/** The keys under which an SMSC id may be matched: itself normalised, and its other base. */
export function smscIdKeys(id: string): string[] {
  const base = id.trim().toLowerCase();
  const keys = new Set<string>([base]);
  const unpadded = base.replace(/^0+(?=.)/, '');
  keys.add(unpadded);
  if (/^[0-9]{1,30}$/.test(base)) keys.add(BigInt(base).toString(16)); // decimal as hex
  if (/^[0-9a-f]{1,30}$/.test(base)) keys.add(BigInt(`0x${base}`).toString(10)); // hex as decimal
  return [...keys];
}

/** True when two ids may name the same message. */
export function sameSmscId(a: string, b: string): boolean {
  const keys = new Set(smscIdKeys(a));
  return smscIdKeys(b).some((k) => keys.has(k));
}
