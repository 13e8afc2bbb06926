// Distribution lists through the pages (seed: Distribution Lists, Create Distribution List,
// Define placeholders): a CSV in three scripts with bad rows imported in the background and
// reported, the notification it leaves, the contacts searched; pasted contacts with their
// separator; empty, too long and broken input refused in the form; 10,000 rows reported;
// exact-name search; delete after a confirmation; and the menu entry only for people with the
// contacts permission.

import { expect, shot, signIn, signOut, test } from './fixtures.ts';

const CSV = [
  'Name,Mobile,City',
  'Anna Schmidt,+49 176 1234 5678,Berlin',
  'Иван Петров,+7 912 345-67-89,Москва',
  'فاطمة الزهراء,+971 50 123 4567,دبي',
  'Anna again,+4917612345678,Hamburg',
  'Nobody,,Nowhere',
  'Bad,12,Nowhere',
].join('\n');

test('a CSV is uploaded, its placeholders defined, imported in the background and reported', async ({ page, petrel }) => {
  const name = `Customers ${test.info().project.name}`;
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Distribution lists' }).click();
  await expect(page.getByRole('heading', { name: 'Distribution lists' })).toBeVisible();
  await page.getByRole('button', { name: 'Create distribution list' }).click();

  // The form first refuses what is missing, naming the field.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Enter a name for the list')).toBeVisible();
  await expect(page.getByText('Choose a file, or paste the contacts')).toBeVisible();
  await page.getByLabel('List name').fill('x'.repeat(65));
  await page.getByLabel('List name').press('Enter');
  await expect(page.getByText('At most 64 characters')).toBeVisible();

  await page.getByLabel('List name').fill(name);
  await page.getByLabel('Contacts list file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(page.getByText(/customers\.csv \(1 kB\)/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download sample' })).toHaveAttribute('href', '/api/v1/lists/sample');
  await shot(page, 'create-list');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Define placeholders' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Иван Петров' })).toBeVisible();
  await expect(page.getByLabel('Placeholder of Column 1')).toHaveValue('Name');
  await expect(page.getByLabel('Placeholder of Column 2')).toHaveValue('Mobile');
  await expect(page.getByRole('checkbox', { name: 'The first row is a header, not a contact' })).toBeChecked();
  await page.getByLabel('Placeholder of Column 3').fill('name');
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByText('"name" names two columns')).toBeVisible();
  await page.getByLabel('Placeholder of Column 3').fill('city');
  await page.getByLabel('Placeholder of Column 2').fill('phone');
  await shot(page, 'define-placeholders');
  await page.getByRole('button', { name: 'Finish' }).click();

  await expect(page.getByRole('heading', { name })).toBeVisible();
  const report = page.getByRole('region', { name: 'Last import' });
  await expect(report.getByText('Finished')).toBeVisible({ timeout: 15_000 });
  await expect(report).toContainText('6 rows read');
  await expect(report).toContainText('Imported: 3');
  await expect(report).toContainText('Duplicates merged: 1');
  await expect(report).toContainText('Rejected: 2');
  await expect(report.getByRole('link', { name: 'Download the rejected rows (CSV)' })).toBeVisible();
  const contacts = page.getByRole('table').last();
  await expect(contacts.getByRole('columnheader', { name: 'city' })).toBeVisible();
  await expect(contacts.getByRole('row')).toHaveCount(4);
  await expect(contacts.getByRole('cell', { name: 'فاطمة الزهراء' })).toBeVisible();
  await shot(page, 'list');
  await page.getByLabel('Search by number or any field').fill('москва');
  await page.getByLabel('Search by number or any field').press('Enter');
  await expect(contacts.getByRole('row')).toHaveCount(2);
  await expect(contacts.getByRole('cell', { name: '+79123456789', exact: true })).toBeVisible();

  // The import told its person so.
  await page.reload();
  await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByText('Import finished: 3 contacts imported, 1 duplicates merged, 2 rows rejected.')).toBeVisible();
});

test('pasted contacts with a chosen separator; a broken file refused without leaving a list behind', async ({ page, petrel }) => {
  const name = `Pasted ${test.info().project.name}`;
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.goto('/lists/new');
  await page.getByLabel('List name').fill(`Broken ${test.info().project.name}`);
  await page.getByLabel('Contacts list file').setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('the file holds binary data, not text');

  // A name taken already is refused on the name, and no list is made twice.
  const taken = `Taken ${test.info().project.name}`;
  await page.request.post('/api/v1/lists', { headers: { 'x-mitto-api-key': petrel.apiKey }, data: { name: taken } });
  await page.getByLabel('List name').fill(taken.toUpperCase());
  await page.getByRole('tab', { name: 'Paste' }).click();
  await page.getByRole('textbox', { name: 'Contacts' }).fill('+14152348883');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(`a list named "${taken.toUpperCase()}" exists already`)).toBeVisible();
  await page.getByRole('textbox', { name: 'Contacts' }).fill('');
  await page.getByLabel('List name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Paste at least one contact')).toBeVisible();
  await page.getByRole('textbox', { name: 'Contacts' }).fill('<script>alert(1)</script>;+14152348883;New York\nTony Stark;+1 415 234 8884;Malibu');
  await page.getByRole('combobox', { name: 'Separator' }).click();
  await page.getByRole('option', { name: 'Semicolon ;' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('checkbox', { name: 'The first row is a header, not a contact' })).not.toBeChecked();
  await expect(page.getByLabel('Placeholder of Column 2')).toHaveValue('phone');
  await page.getByLabel('Placeholder of Column 1').fill('name');
  await page.getByLabel('Placeholder of Column 3').fill('city');
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('region', { name: 'Last import' }).getByText('Finished')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('cell', { name: '<script>alert(1)</script>' })).toBeVisible();

  // The lists page: the broken upload left no list; the search is on the exact name.
  await page.getByRole('link', { name: '← Distribution lists' }).click();
  await expect(page.getByRole('link', { name: `Broken ${test.info().project.name}` })).toHaveCount(0);
  await page.getByLabel('Search by name').fill(name.toUpperCase());
  await page.getByLabel('Search by name').press('Enter');
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(name);
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('2');
  await shot(page, 'lists');
  await page.getByRole('button', { name: `Delete ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${name}?` });
  await expect(confirm).toContainText('its 2 contacts are deleted');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`No list is named “${name}”.`)).toBeVisible();
});

test('10,000 rows in three scripts with 1 % bad numbers: the report counts every row', async ({ page, petrel }) => {
  const names = ['Anna Schmidt', 'Иван Петров', 'فاطمة الزهراء'];
  const rows = Array.from({ length: 10_000 }, (_, i) => `${i % 100 === 7 ? `0${i}` : `+4917${String(i).padStart(9, '0')}`};${names[i % 3]};${i}`);
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.goto('/lists/new');
  await page.getByLabel('List name').fill(`Ten thousand ${test.info().project.name}`);
  await page.getByLabel('Contacts list file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(`phone;name;customer\n${rows.join('\n')}\n`) });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('cell', { name: 'فاطمة الزهراء' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();
  const report = page.getByRole('region', { name: 'Last import' });
  await expect(report.getByText('Finished')).toBeVisible({ timeout: 30_000 });
  await expect(report).toContainText('10,000 rows read');
  await expect(report).toContainText('Imported: 9,900');
  await expect(report).toContainText('Rejected: 100');
  await expect(page.getByText('9,900 contacts')).toBeVisible();
});

test('a person without the contacts permission does not see distribution lists', async ({ page, petrel }) => {
  const email = `lists-analyst-${test.info().project.name}@acme.example`;
  const created = await petrel.cli('users', 'create', '--account', 'default', '--email', email, '--name', 'Ana Lists', '--role', 'analyst');
  await signIn(page, email, created.password);
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Distribution lists' })).toHaveCount(0);
  await signOut(page);
});
