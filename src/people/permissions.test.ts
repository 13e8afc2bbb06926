import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyRoleOf, personRefusal, readsEveryTrafficAccount } from './permissions.ts';
import { PERSON_ROLES } from './ports.ts';

test('only administrators administer; the operator’s administrators run the platform', () => {
  assert.equal(keyRoleOf({ role: 'administrator', operator: true }), 'operator');
  assert.equal(keyRoleOf({ role: 'administrator', operator: false }), 'admin');
  for (const role of PERSON_ROLES.filter((r) => r !== 'administrator')) assert.equal(keyRoleOf({ role, operator: false }), 'sender');
});

test('a person who is not an administrator reads but changes nothing yet', () => {
  const analyst = { role: 'analyst', operator: false, permissions: [] } as const;
  assert.equal(personRefusal(analyst, { needs: 'sender' }, false), null);
  assert.equal(personRefusal(analyst, { needs: 'sender' }, true), 'an administrator');
  assert.equal(personRefusal(analyst, { needs: 'admin' }, false), 'an administrator');
  assert.equal(personRefusal(analyst, { needs: 'operator' }, false), "the platform operator's administrator");
  const admin = { role: 'administrator', operator: false, permissions: [] } as const;
  assert.equal(personRefusal(admin, { needs: 'sender' }, true), null);
  assert.equal(personRefusal(admin, { needs: 'admin' }, true), null);
  assert.equal(personRefusal(admin, { needs: 'operator' }, false), "the platform operator's administrator");
  assert.equal(personRefusal({ role: 'administrator', operator: true, permissions: [] }, { needs: 'operator' }, true), null);
});

test('a route that names a permission asks for it; the operator’s routes still need the operator', () => {
  const manager = { role: 'user_manager', operator: false, permissions: [] } as const;
  assert.equal(personRefusal(manager, { needs: 'admin', permission: 'users' }, true), null);
  assert.equal(personRefusal(manager, { needs: 'admin', permission: 'campaigns' }, true), 'the campaigns permission');
  assert.equal(personRefusal({ ...manager, permissions: ['campaigns'] }, { needs: 'admin', permission: 'campaigns' }, true), null);
  assert.equal(
    personRefusal({ role: 'analyst', operator: false, permissions: ['campaigns'] }, { needs: 'admin', permission: 'campaigns' }, true),
    'the campaigns permission',
    'an analyst takes no extras',
  );
  assert.equal(personRefusal({ role: 'administrator', operator: false, permissions: [] }, { needs: 'operator', permission: 'users' }, false), "the platform operator's administrator");
});

test('a route may take any one of several permissions; the refusal names them all', () => {
  const writer = { role: 'custom', operator: false, permissions: ['templates'] } as const;
  const preview = { needs: 'sender', permission: ['campaigns', 'quick_send', 'templates'] } as const;
  assert.equal(personRefusal(writer, preview, true), null);
  assert.equal(personRefusal({ ...writer, permissions: ['reports'] }, preview, true), 'the campaigns or quick send or templates permission');
});

test('administrators read every traffic account of their account, the operator’s wherever they help; others their own', () => {
  assert.equal(readsEveryTrafficAccount({ role: 'administrator', operator: false, accountId: 2 }, 2), true);
  assert.equal(readsEveryTrafficAccount({ role: 'administrator', operator: false, accountId: 2 }, 3), false);
  assert.equal(readsEveryTrafficAccount({ role: 'administrator', operator: true, accountId: 1 }, 3), true);
  for (const role of PERSON_ROLES.filter((r) => r !== 'administrator')) assert.equal(readsEveryTrafficAccount({ role, operator: false, accountId: 2 }, 2), false);
});
