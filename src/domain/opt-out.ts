// Opt-out and opt-in keywords: a message whose whole trimmed text (case and inner spacing
// aside) is a keyword opts its sender out of, or back into, the account's messages. Lists are
// per account; these are the defaults issue #4 names (carriers' and CTIA's usual words).

export const DEFAULT_OPT_OUT = ['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'ARRET'] as const;
export const DEFAULT_OPT_IN = ['START', 'UNSTOP'] as const;

export interface KeywordLists {
  optOut: readonly string[];
  optIn: readonly string[];
}

export const DEFAULT_KEYWORDS: KeywordLists = { optOut: DEFAULT_OPT_OUT, optIn: DEFAULT_OPT_IN };

/** Upper case, trimmed, inner whitespace one space, accents kept (ARRÊT is not ARRET). */
const normal = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();

/** What an inbound message asks: 'opt_out', 'opt_in', or null for an ordinary message. */
export function keywordAction(text: string, lists: KeywordLists = DEFAULT_KEYWORDS): 'opt_out' | 'opt_in' | null {
  const t = normal(text);
  if (t === '') return null;
  if (lists.optOut.some((k) => normal(k) === t)) return 'opt_out';
  if (lists.optIn.some((k) => normal(k) === t)) return 'opt_in';
  return null;
}
