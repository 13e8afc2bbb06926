// Content rules (issue #13: Rejected): the operator keeps a list of blocked words, phrases and
// /patterns/ for the whole platform; a campaign whose message breaks one is rejected at launch,
// with the rule shown. Each rule is checked before it is kept.

import { brokenRule, contentRuleProblem } from '../domain/campaigns.ts';
import { ValidationError } from '../domain/errors.ts';
import type { ContentRuleStore } from './ports.ts';

export const MAX_CONTENT_RULES = 500;

export class ContentRules {
  readonly #store: ContentRuleStore;

  constructor(store: ContentRuleStore) {
    this.#store = store;
  }

  rules(): Promise<string[]> {
    return this.#store.rules();
  }

  /** Replaces the rules: each trimmed, checked (the first problem names its index), duplicates dropped. */
  async set(rules: readonly string[]): Promise<string[]> {
    if (rules.length > MAX_CONTENT_RULES) throw new ValidationError('invalid_parameter', 'rules', `at most ${MAX_CONTENT_RULES} rules`);
    for (const [i, rule] of rules.entries()) {
      const problem = contentRuleProblem(rule);
      if (problem) throw new ValidationError('invalid_parameter', `rules/${i}`, problem);
    }
    const kept = [...new Map(rules.map((r) => [r.trim().toLowerCase(), r.trim()])).values()];
    await this.#store.setRules(kept);
    return kept;
  }

  /** The first rule `text` breaks, or null. */
  async broken(text: string): Promise<string | null> {
    return brokenRule(text, await this.#store.rules());
  }
}
