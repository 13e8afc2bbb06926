import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contactFrom, csvCell, guessPhoneColumn, guessSeparator, listNameProblem, looksLikeHeader, mappingProblem, placeholderProblem, suggestedPlaceholders } from './contacts.ts';

const mapping = { placeholders: ['name', 'phone', 'city'], phoneColumn: 1, defaultCountry: 'DE' };

test('a row becomes a contact: the number in E.164, the other cells by placeholder, trimmed', () => {
  assert.deepEqual(contactFrom([' Anna ', '0176 1234 5678', 'Berlin'], mapping), { ok: true, phone: '+4917612345678', country: 'DE', fields: { name: 'Anna', city: 'Berlin' } });
  assert.deepEqual(contactFrom(['Steve', '+1 415 234 8883', 'New York'], mapping), { ok: true, phone: '+14152348883', country: 'US', fields: { name: 'Steve', city: 'New York' } });
  // International digits without their + are read as such when the national reading fails;
  // when both readings are valid numbers, the national one wins (33612345678 is in Brandenburg).
  assert.equal((contactFrom(['Anna', '4917612345678'], mapping) as { phone: string }).phone, '+4917612345678');
  assert.equal((contactFrom(['Élodie', '33612345678'], mapping) as { phone: string }).phone, '+4933612345678');
  assert.equal((contactFrom(['Élodie', '33612345678'], { ...mapping, defaultCountry: null }) as { phone: string }).phone, '+33612345678');
  assert.deepEqual((contactFrom(['Ivan', '+7 912 345-67-89'], mapping) as { fields: object }).fields, { name: 'Ivan', city: '' }, 'a missing cell is empty');
});

test('a row is refused with its reason: empty phone, invalid number, too many columns', () => {
  assert.deepEqual(contactFrom(['Anna', '  ', 'Berlin'], mapping), { ok: false, reason: 'empty_phone' });
  assert.deepEqual(contactFrom(['Anna', '12', 'Berlin'], mapping), { ok: false, reason: 'invalid_number' });
  assert.deepEqual(contactFrom(['Anna', '0176 1234 5678', 'Berlin', 'extra'], mapping), { ok: false, reason: 'too_many_columns' });
  assert.equal(contactFrom(['Anna', '0176 1234 5678', 'Berlin', ' '], mapping).ok, true, 'trailing empty cells are not columns');
  assert.deepEqual(contactFrom(['x', '0176 1234 5678'], { ...mapping, defaultCountry: null }), { ok: false, reason: 'invalid_number' }, 'a national number needs a default country');
});

test('placeholder names and mappings: each field named in the problem', () => {
  assert.equal(placeholderProblem('first_name'), null);
  assert.match(placeholderProblem('1st')!, /starts with a letter/);
  assert.match(placeholderProblem('')!, /needs a placeholder/);
  assert.match(placeholderProblem('x'.repeat(31))!, /at most 30/);
  assert.equal(mappingProblem(mapping, 3), null);
  assert.deepEqual(mappingProblem({ ...mapping, placeholders: ['name', 'Name', 'city'] }, 3), { field: 'placeholders/1', message: '"Name" names two columns' });
  assert.equal(mappingProblem({ ...mapping, phoneColumn: 3 }, 3)?.field, 'phoneColumn');
  assert.equal(mappingProblem({ ...mapping, placeholders: ['a', 'b'] }, 3)?.field, 'placeholders');
  assert.equal(mappingProblem({ ...mapping, defaultCountry: 'germany' }, 3)?.field, 'defaultCountry');
  assert.equal(mappingProblem({ ...mapping, placeholders: ['name', 'phone', 'c-ty'] }, 3)?.field, 'placeholders/2');
});

test('the Define placeholders step guesses the phone column, the header and names', () => {
  const rows = [
    ['Name', 'Mobile', 'City'],
    ['Anna', '+4917612345678', 'Berlin'],
    ['Ivan', '+79123456789', 'Moskva'],
  ];
  assert.equal(guessPhoneColumn(rows), 1);
  assert.equal(looksLikeHeader(rows, 1), true);
  assert.equal(looksLikeHeader(rows.slice(1), 1), false);
  assert.deepEqual(suggestedPlaceholders(rows[0]!, 3, 1), ['Name', 'Mobile', 'City']);
  assert.deepEqual(suggestedPlaceholders(null, 3, 1), ['column1', 'phone', 'column3']);
  assert.deepEqual(suggestedPlaceholders(['First name', 'Имя', '2nd', 'first name'], 4, 0), ['First_name', 'column2', 'nd', 'first_name_4']);
});

test('list names: needed, at most 64 characters', () => {
  assert.equal(listNameProblem('Customers'), null);
  assert.match(listNameProblem('  ')!, /needs a name/);
  assert.match(listNameProblem('x'.repeat(65))!, /at most 64/);
});

test('a CSV cell that starts like a formula comes back as text; quotes where needed', () => {
  assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(csvCell('+49 176'), "'+49 176");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
});

test('the separator of CSV lines: the one that splits most lines evenly', () => {
  assert.equal(guessSeparator(['name;phone;city', 'Anna;+4917612345678;Berlin', 'Ivan;+79123456789;Moskva']), ';');
  assert.equal(guessSeparator(['Steve Rogers, 14152348883, New York', 'Tony Stark, 14152348884, Malibu']), ',');
  assert.equal(guessSeparator(['a\tb\tc', 'd\te\tf']), '\t');
  assert.equal(guessSeparator(['a|b|c', 'd|e|f', 'g, h|i|j']), '|');
  assert.equal(guessSeparator(['+4917612345678', '+79123456789']), ',', 'one column: comma');
});
