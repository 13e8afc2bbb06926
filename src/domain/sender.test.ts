import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSender } from './sender.ts';

test('alphanumeric senders of 3 to 11 characters, spaces allowed (the seed examples use "MITTO SMS")', () => {
  assert.deepEqual(checkSender('MITTO SMS'), { ok: true, sender: { value: 'MITTO SMS', form: 'alphanumeric' } });
  assert.equal(checkSender('Abc').ok, true);
  assert.equal(checkSender('Abcdefghijk').ok, true);
  assert.equal(checkSender('Ab').ok, false);
  assert.equal(checkSender('Abcdefghijkl').ok, false);
  assert.equal(checkSender('Bad\u0000id').ok, false);
  assert.equal(checkSender('Ünïcode').ok, false);
});

test('numeric senders of 3 to 14 digits: short codes and international numbers', () => {
  assert.deepEqual(checkSender('12345'), { ok: true, sender: { value: '12345', form: 'shortcode' } });
  assert.deepEqual(checkSender('+491725551234'), { ok: true, sender: { value: '491725551234', form: 'international' } });
  assert.deepEqual(checkSender('491725551234'), { ok: true, sender: { value: '491725551234', form: 'international' } });
  assert.equal(checkSender('12').ok, false);
  assert.equal(checkSender('123456789012345').ok, false);
  const r = checkSender('123456789012345');
  assert.ok(!r.ok && /15/.test(r.reason));
});
