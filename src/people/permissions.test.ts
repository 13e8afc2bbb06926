import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyRoleOf, personRefusal } from './permissions.ts';
import { PERSON_ROLES } from './ports.ts';

test('only administrators administer; the operator’s administrators run the platform', () => {
  assert.equal(keyRoleOf({ role: 'administrator', operator: true }), 'operator');
  assert.equal(keyRoleOf({ role: 'administrator', operator: false }), 'admin');
  for (const role of PERSON_ROLES.filter((r) => r !== 'administrator')) assert.equal(keyRoleOf({ role, operator: false }), 'sender');
});

test('a person who is not an administrator reads but changes nothing yet', () => {
  const analyst = { role: 'analyst', operator: false } as const;
  assert.equal(personRefusal(analyst, 'sender', false), null);
  assert.equal(personRefusal(analyst, 'sender', true), 'an administrator');
  assert.equal(personRefusal(analyst, 'admin', false), 'an administrator');
  assert.equal(personRefusal(analyst, 'operator', false), "the platform operator's administrator");
  const admin = { role: 'administrator', operator: false } as const;
  assert.equal(personRefusal(admin, 'sender', true), null);
  assert.equal(personRefusal(admin, 'admin', true), null);
  assert.equal(personRefusal(admin, 'operator', false), "the platform operator's administrator");
  assert.equal(personRefusal({ role: 'administrator', operator: true }, 'operator', true), null);
});
