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

/** Why a blocked message was not sent (its error reason). */
export const BLOCKED_REASON = 'blocked: the recipient opted out (on the account blacklist)';

/**
 * A message to a blacklisted number as it is stored: final at intake, never sent, not charged
 * (no sell or buy price), reported through its callback as OPTOUT.
 */
export function blockedMessage<T extends { state: string; createdAt: number; priceMicros: number | null; buyPriceMicros: number | null; doneAt: number | null; errorReason: string | null }>(m: T): T {
  return { ...m, state: 'blocked', priceMicros: null, buyPriceMicros: null, doneAt: m.createdAt, errorReason: BLOCKED_REASON };
}

/** At most this many keywords per list, each at most this long: they are matched per inbound message. */
export const MAX_KEYWORDS = 50;
export const MAX_KEYWORD_LENGTH = 32;

/** Why a keyword list cannot be used, or null. Keywords are words, not patterns. */
function keywordListProblem(list: readonly string[], name: string): string | null {
  if (list.length > MAX_KEYWORDS) return `${name} has ${list.length} keywords; the maximum is ${MAX_KEYWORDS}`;
  for (const k of list) {
    const t = normal(k);
    if (t === '') return `${name} has an empty keyword`;
    if (t.length > MAX_KEYWORD_LENGTH) return `${name}: ${JSON.stringify(k)} is longer than ${MAX_KEYWORD_LENGTH} characters`;
  }
  return null;
}

/** What is wrong with the lists and in which: a keyword in both would opt out and in at once. */
export function keywordListsProblem(lists: KeywordLists): { field: 'optOut' | 'optIn'; message: string } | null {
  const out = keywordListProblem(lists.optOut, 'optOut');
  if (out) return { field: 'optOut', message: out };
  const inn = keywordListProblem(lists.optIn, 'optIn');
  if (inn) return { field: 'optIn', message: inn };
  const optOut = new Set(lists.optOut.map(normal));
  const both = lists.optIn.find((k) => optOut.has(normal(k)));
  return both ? { field: 'optIn', message: `${JSON.stringify(both)} is in both optOut and optIn` } : null;
}
