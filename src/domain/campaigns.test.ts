import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brokenRule, campaignNameProblem, contentRuleProblem } from './campaigns.ts';

test('a campaign name has 3 to 50 characters', () => {
  assert.equal(campaignNameProblem('June sale'), null);
  assert.match(campaignNameProblem(' ab ')!, /3 to 50/);
  assert.match(campaignNameProblem('x'.repeat(51))!, /3 to 50/);
});

test('content rules: whole words in any case and script, phrases, patterns; the first broken one', () => {
  const rules = ['loan', 'free money', '/win\\s+\\d+\\s*€/i', 'кредит'];
  assert.equal(brokenRule('Your loaner car is ready', rules), null);
  assert.equal(brokenRule('Get a LOAN today', rules), 'loan');
  assert.equal(brokenRule('Free   money for you', rules), 'free money');
  assert.equal(brokenRule('You win 100 € now', rules), '/win\\s+\\d+\\s*€/i');
  assert.equal(brokenRule('Быстрый Кредит онлайн', rules), 'кредит');
  assert.equal(brokenRule('Кредитный', rules), null);
  assert.equal(brokenRule('Hello', []), null);
});

test('a rule is checked before it is kept', () => {
  assert.equal(contentRuleProblem('casino'), null);
  assert.match(contentRuleProblem('/(unclosed/')!, /not a valid pattern/);
  assert.match(contentRuleProblem('  ')!, /a word, a phrase/);
});
