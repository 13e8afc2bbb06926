import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMAIL_MAX, emailProblem, normaliseEmail } from './email-address.ts';

test('addresses with a local part, an @ and a dotted domain are good', () => {
  for (const good of ['ana@acme.example', 'a.b+tag@mail.acme.co.uk', 'admin@petrel.local', 'ü@müller.example']) assert.equal(emailProblem(good), null, good);
});

test('no @, two @, no dot in the domain, spaces, empty parts and overlong ones are refused', () => {
  for (const bad of [
    '',
    'ana',
    'ana@',
    '@acme.example',
    'ana@acme',
    'ana@@acme.example',
    'a@b@acme.example',
    'ana lima@acme.example',
    'ana@acme..example',
    'ana@.example',
    `${'x'.repeat(65)}@acme.example`,
  ]) {
    assert.equal(emailProblem(bad), 'the email is not an address such as name@example.com', bad);
  }
  assert.equal(emailProblem(`${'a'.repeat(60)}@${'d'.repeat(EMAIL_MAX)}.example`), `the email may have at most ${EMAIL_MAX} characters`);
});

test('emails are kept and looked up trimmed and in lower case', () => {
  assert.equal(normaliseEmail('  Ana@ACME.example '), 'ana@acme.example');
});
