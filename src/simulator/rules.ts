// Outcome rules of the simulator as an operator writes them (PETREL_SIMULATOR_RULES):
//   PREFIX[*SHARE]=STAT[:ERR], …     e.g.  4915=UNDELIV:1,49*0.1=EXPIRED,/^4477/=REJECTD:11
// PREFIX is destination digits (no +) or /a regular expression/; SHARE (0–1] applies the rule to
// that fraction of the matching messages, spread evenly; the first rule that applies decides,
// and a message no rule takes is DELIVRD.

import { RECEIPT_STATS, type ReceiptStat } from '../domain/receipt.ts';

export interface OutcomeRule {
  /** Destination prefix (digits, no +) or a RegExp on the destination. */
  match: string | RegExp;
  stat: ReceiptStat;
  err?: number;
  /** The fraction of matching messages the rule takes (default 1). */
  share?: number;
}

export class RuleError extends Error {}

const RULE = /^(\d+|\/.+\/)(?:\*([0-9.]+))?=([A-Za-z]+)(?::(\d{1,3}))?$/;

export function parseOutcomeRules(text: string): OutcomeRule[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const m = RULE.exec(part.trim());
    if (!m) throw new RuleError(`"${part.trim()}" is not PREFIX[*SHARE]=STAT[:ERR] (e.g. 4915*0.2=UNDELIV:1)`);
    const [, prefix, share, stat, err] = m;
    const word = stat!.toUpperCase();
    if (!(RECEIPT_STATS as readonly string[]).includes(word)) throw new RuleError(`"${stat}" is not a receipt stat (${RECEIPT_STATS.join(', ')})`);
    let match: string | RegExp = prefix!;
    if (prefix!.startsWith('/')) {
      try {
        match = new RegExp(prefix!.slice(1, -1));
      } catch (e) {
        throw new RuleError(`${prefix} is not a regular expression: ${(e as Error).message}`);
      }
    }
    const rule: OutcomeRule = { match, stat: word as ReceiptStat };
    if (err !== undefined) rule.err = Number(err);
    if (share !== undefined) {
      const n = Number(share);
      if (!(n > 0 && n <= 1)) throw new RuleError(`share ${share} must be above 0 and at most 1`);
      rule.share = n;
    }
    return rule;
  });
}

/** Chooses outcomes by rules, keeping each rule's share exact over the messages it sees. */
export class OutcomeChooser {
  readonly #rules: OutcomeRule[];
  readonly #credit: number[];

  constructor(rules: readonly OutcomeRule[]) {
    this.#rules = [...rules];
    this.#credit = rules.map(() => 0);
  }

  /** The rule that takes this destination, or null for DELIVRD. */
  choose(destination: string): OutcomeRule | null {
    for (let i = 0; i < this.#rules.length; i++) {
      const r = this.#rules[i]!;
      const matches = typeof r.match === 'string' ? destination.startsWith(r.match) : r.match.test(destination);
      if (!matches) continue;
      // Credit accumulates by the share; the rule fires each time a whole message's worth is due.
      this.#credit[i]! += r.share ?? 1;
      if (this.#credit[i]! >= 1 - 1e-9) {
        this.#credit[i]! -= 1;
        return r;
      }
    }
    return null;
  }
}
