import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allows, isKeyRole, neededKey } from './scopes.ts';

test('each role may do what the roles below it may, and nothing above', () => {
  const table = [
    ['operator', 'operator', true],
    ['operator', 'admin', true],
    ['operator', 'sender', true],
    ['admin', 'operator', false],
    ['admin', 'admin', true],
    ['admin', 'sender', true],
    ['sender', 'operator', false],
    ['sender', 'admin', false],
    ['sender', 'sender', true],
  ] as const;
  for (const [role, needs, ok] of table) assert.equal(allows(role, needs), ok, `${role} on a route that needs ${needs}`);
});

test('roles by name; the refusal names the key that is needed', () => {
  assert.ok(isKeyRole('operator') && isKeyRole('admin') && isKeyRole('sender'));
  assert.ok(!isKeyRole('root') && !isKeyRole('Admin') && !isKeyRole(''));
  assert.equal(neededKey('operator'), "the operator's key");
  assert.equal(neededKey('admin'), 'an admin key');
});
