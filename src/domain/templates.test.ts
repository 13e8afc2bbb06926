import assert from 'node:assert/strict';
import { test } from 'node:test';
import { templateNameProblem, templateTextProblem } from './templates.ts';

test('a template needs a name of at most 64 characters and a message of at most 1,600', () => {
  assert.equal(templateNameProblem('Welcome'), null);
  assert.match(templateNameProblem('   ')!, /needs a name/);
  assert.match(templateNameProblem('x'.repeat(65))!, /at most 64/);
  assert.equal(templateTextProblem('Hello {first_name}, Привет!'), null);
  assert.match(templateTextProblem(' \n ')!, /needs a message/);
  assert.match(templateTextProblem('x'.repeat(1601))!, /at most 1,600/);
  assert.match(templateTextProblem('broken \ud800 here')!, /unpaired/);
});
