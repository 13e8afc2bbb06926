import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordChecks, passwordProblem, PASSWORD_MAX } from './password-rule.ts';

test('a password with upper, lower, digit and special, 8 characters or more, is good', () => {
  for (const good of ['Petrel1!', 'Sturm&Drang2026', 'Ünïcödé9#', `${'x'.repeat(10)}A1-`]) assert.equal(passwordProblem(good), null, good);
});

test('each missing kind is named; too short and too long are refused', () => {
  assert.equal(passwordProblem('Pe1!'), 'the password needs at least 8 characters');
  assert.equal(passwordProblem('petrel1!'), 'the password needs an upper-case letter');
  assert.equal(passwordProblem('PETREL1!'), 'the password needs a lower-case letter');
  assert.equal(passwordProblem('Petrelxx!'), 'the password needs a digit');
  assert.equal(passwordProblem('Petrel123'), 'the password needs a special character such as ! ? # or %');
  assert.equal(passwordProblem('petrelpetrel'), 'the password needs an upper-case letter, a digit and a special character such as ! ? # or %');
  assert.equal(passwordProblem('Petrel 12'), 'the password needs a special character such as ! ? # or %', 'a space is not special');
  assert.equal(passwordProblem(`Aa1!${'x'.repeat(PASSWORD_MAX)}`), `the password may have at most ${PASSWORD_MAX} characters`);
  assert.equal(passwordProblem(''), 'the password needs at least 8 characters');
});

test('length counts characters, not UTF-16 units', () => {
  assert.equal(passwordProblem('A1!😀😀😀😀'), 'the password needs at least 8 characters', '7 characters');
  assert.equal(passwordProblem('Aa1!😀😀😀😀'), null, '8 characters');
});

test('the checks the web app lists are the rule’s parts', () => {
  assert.deepEqual(passwordChecks(''), { length: false, upper: false, lower: false, digit: false, special: false });
  assert.deepEqual(passwordChecks('Petrel1!'), { length: true, upper: true, lower: true, digit: true, special: true });
  assert.deepEqual(passwordChecks('petrel 12345'), { length: true, upper: false, lower: true, digit: true, special: false });
  for (const p of ['Petrel1!', 'ÄÖÜäöü1?', 'short', 'NoDigits!!', 'x'.repeat(300)]) {
    assert.equal(passwordProblem(p) === null, Object.values(passwordChecks(p)).every(Boolean), p);
  }
});
