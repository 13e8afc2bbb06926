import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey, inboundOwner, isConcatenated, joinParts } from './inbound.ts';

test('international numbers key as +digits however they are written', () => {
  for (const a of ['+491725550000', '491725550000', '00491725550000', ' +49 172 555-0000 ']) assert.equal(addressKey(a), '+491725550000', a);
});

test('short codes and names stay as written', () => {
  for (const a of ['12345', '4930123', 'PETREL', 'Info-Line']) assert.equal(addressKey(a), a.replace('-', ''));
  assert.equal(addressKey('+4930123'), '+4930123', 'a + says international even when short');
});

test('a long message is whole only when every part is in, in any order', () => {
  assert.equal(joinParts([{ seq: 2, text: 'World' }], 2), null);
  assert.equal(
    joinParts(
      [
        { seq: 2, text: 'World' },
        { seq: 1, text: 'Hello ' },
      ],
      2,
    ),
    'Hello World',
  );
  assert.equal(
    joinParts(
      [
        { seq: 1, text: 'a' },
        { seq: 1, text: 'again' },
        { seq: 3, text: 'c' },
      ],
      3,
    ),
    null,
    'a repeated part does not stand in for a missing one',
  );
  assert.equal(
    joinParts(
      [
        { seq: 1, text: 'a' },
        { seq: 1, text: 'x' },
        { seq: 2, text: 'b' },
      ],
      2,
    ),
    'ab',
    'the first copy of a part counts',
  );
  assert.equal(
    joinParts(
      [
        { seq: 0, text: 'x' },
        { seq: 3, text: 'y' },
        { seq: 1, text: 'a' },
      ],
      2,
    ),
    null,
    'parts outside 1..total never complete it',
  );
});

test('what counts as a concatenated part', () => {
  assert.equal(isConcatenated(null), false);
  assert.equal(isConcatenated({ ref: 1, total: 1, seq: 1 }), false, 'one part of one: an ordinary message');
  assert.equal(isConcatenated({ ref: 1, total: 3, seq: 0 }), false);
  assert.equal(isConcatenated({ ref: 1, total: 3, seq: 4 }), false);
  assert.equal(isConcatenated({ ref: 300, total: 3, seq: 3 }), true);
});

test('an inbound message belongs to its number, else the catch-all, else the only traffic account, else nobody', () => {
  assert.equal(inboundOwner({ number: 'n', catchAll: 'c', only: 'o' }), 'n');
  assert.equal(inboundOwner({ number: undefined, catchAll: 'c', only: 'o' }), 'c');
  assert.equal(inboundOwner({ number: undefined, catchAll: undefined, only: 'o' }), 'o');
  assert.equal(inboundOwner({ number: undefined, catchAll: undefined, only: undefined }), null);
});
