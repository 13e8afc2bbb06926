import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_PERSONALIZATION, placeholdersIn, render, unknownPlaceholders } from './personalize.ts';

test('the placeholders of a message, once each, in order, any case', () => {
  assert.deepEqual(placeholdersIn('Hi {first_name}! {City} is sunny, {FIRST_NAME}. {1x} {} {a b}'), ['first_name', 'City']);
});

test('a message per recipient: mapped columns, own-name columns, fallbacks, missing reported', () => {
  const p = { columns: { name: 'first_name' }, fallbacks: { name: 'friend' } };
  assert.deepEqual(render('Hello {name} from {city}!', { first_name: 'Иван', city: 'Москва' }, p), { text: 'Hello Иван from Москва!', missing: [] });
  assert.deepEqual(render('Hello {Name} from {city}!', { first_name: '', city: '' }, p), { text: 'Hello friend from !', missing: ['Name', 'city'] });
  assert.deepEqual(render('{CITY}', { City: 'دبي' }, NO_PERSONALIZATION), { text: 'دبي', missing: [] }, 'columns in any case');
  assert.deepEqual(render('Price: {5} {x y}', {}, NO_PERSONALIZATION), { text: 'Price: {5} {x y}', missing: [] }, 'what is no placeholder stays');
});

test('placeholders no column fills and with no fallback are unknown', () => {
  const columns = ['phone', 'first_name', 'city'];
  assert.deepEqual(unknownPlaceholders('Hi {first_name} in {city}', columns, NO_PERSONALIZATION), []);
  assert.deepEqual(unknownPlaceholders('Hi {frist_name} {name} {code}', columns, { columns: { name: 'first_name' }, fallbacks: { code: 'WELCOME' } }), ['frist_name']);
});
