import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PER_ADDRESS, PER_EMAIL, SignInLimit, WINDOW_MS } from './sign-in-limit.ts';

test('ten failures for an email within 15 minutes make the next try wait until the oldest leaves the window', () => {
  const limit = new SignInLimit();
  for (let i = 0; i < PER_EMAIL; i++) {
    assert.equal(limit.wait('192.0.2.1', 'ana@acme.example', i * 1000), 0, `try ${i + 1}`);
    limit.failed('192.0.2.1', 'ana@acme.example', i * 1000);
  }
  assert.equal(limit.wait('192.0.2.1', 'ana@acme.example', 10_000), WINDOW_MS / 1000 - 10);
  assert.ok(limit.wait('192.0.2.2', 'ana@acme.example', 10_000) > 0, 'from another address too');
  assert.equal(limit.wait('192.0.2.1', 'bo@acme.example', 10_000), 0, 'another email from that address may try');
  assert.equal(limit.wait('192.0.2.1', 'ana@acme.example', WINDOW_MS + 1), 0, 'the oldest failure left the window');
});

test('an address is limited after fifty failures, whatever the emails', () => {
  const limit = new SignInLimit();
  for (let i = 0; i < PER_ADDRESS; i++) limit.failed('192.0.2.9', `user${i}@acme.example`, i);
  assert.ok(limit.wait('192.0.2.9', 'new@acme.example', 100) > 0);
  assert.equal(limit.wait('192.0.2.10', 'new@acme.example', 100), 0);
});

test('a success clears the email, not the address', () => {
  const limit = new SignInLimit();
  for (let i = 0; i < PER_ADDRESS; i++) limit.failed('a', 'e', i);
  limit.succeeded('e');
  assert.ok(limit.wait('a', 'e', 100) > 0, 'the address is still limited');
  assert.equal(limit.wait('b', 'e', 100), 0, 'the email is not');
});
