import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutcomeChooser, parseOutcomeRules, RuleError } from './rules.ts';

test('rules parse from their written form', () => {
  assert.deepEqual(parseOutcomeRules('4915=UNDELIV:1, 49*0.1=expired ,/^4477/=REJECTD:11'), [
    { match: '4915', stat: 'UNDELIV', err: 1 },
    { match: '49', stat: 'EXPIRED', share: 0.1 },
    { match: /^4477/, stat: 'REJECTD', err: 11 },
  ]);
  assert.deepEqual(parseOutcomeRules(''), []);
});

test('bad rules say what is wrong', () => {
  assert.throws(() => parseOutcomeRules('4915'), RuleError);
  assert.throws(() => parseOutcomeRules('4915=LOST'), /not a receipt stat/);
  assert.throws(() => parseOutcomeRules('49*1.5=UNDELIV'), /share 1.5/);
  assert.throws(() => parseOutcomeRules('/[/=UNDELIV'), /regular expression/);
});

test('a share takes exactly that fraction of the matching messages, spread evenly', () => {
  const c = new OutcomeChooser(parseOutcomeRules('4915=UNDELIV:1,49*0.25=EXPIRED'));
  const picks = Array.from({ length: 400 }, (_, i) => c.choose(i % 2 ? '4915000' : '4917000')?.stat ?? 'DELIVRD');
  assert.equal(picks.filter((p) => p === 'UNDELIV').length, 200, 'every 4915 message');
  assert.equal(picks.filter((p) => p === 'EXPIRED').length, 50, 'a quarter of the 200 others');
  assert.equal(c.choose('1234'), null);
});
