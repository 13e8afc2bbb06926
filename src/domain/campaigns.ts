// Campaign rules (seed: Create Campaign; issue #13): the name, and the content rules an
// administrator keeps (blocked words and patterns), checked at launch: a match rejects the
// campaign with the rule that matched.

export const CAMPAIGN_NAME_MIN = 3;
export const CAMPAIGN_NAME_MAX = 50;

export function campaignNameProblem(raw: string): string | null {
  const n = raw.trim();
  if (n.length < CAMPAIGN_NAME_MIN || n.length > CAMPAIGN_NAME_MAX) return `a campaign name has ${CAMPAIGN_NAME_MIN} to ${CAMPAIGN_NAME_MAX} characters`;
  return null;
}

/**
 * A content rule: a word or phrase (matched whole, in any case: "loan" does not match
 * "loaner"), or a pattern between slashes (`/free\s+money/i`), a regular expression.
 */
export function contentRuleProblem(rule: string): string | null {
  const r = rule.trim();
  if (!r) return 'a rule is a word, a phrase or a /pattern/';
  if (r.length > 200) return 'a rule has at most 200 characters';
  const pattern = /^\/(.+)\/([a-z]*)$/s.exec(r);
  if (!pattern) return null;
  try {
    new RegExp(pattern[1]!, pattern[2]!.replace(/[gy]/g, ''));
    return null;
  } catch (e) {
    return `${r} is not a valid pattern: ${(e as Error).message}`;
  }
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matcher(rule: string): RegExp {
  const r = rule.trim();
  const pattern = /^\/(.+)\/([a-z]*)$/s.exec(r);
  if (pattern) return new RegExp(pattern[1]!, pattern[2]!.replace(/[gy]/g, ''));
  // Whole words by Unicode letters and digits, so a Cyrillic or Arabic word matches whole too.
  return new RegExp(`(?<![\\p{L}\\p{N}])${literal(r).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The first rule a message breaks, or null. */
export function brokenRule(text: string, rules: readonly string[]): string | null {
  for (const rule of rules) if (!contentRuleProblem(rule) && matcher(rule).test(text)) return rule.trim();
  return null;
}
