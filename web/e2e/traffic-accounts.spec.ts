// The Traffic accounts page (seed: Traffic Accounts): the seed's columns, the display name
// edited with the pencil and the keyboard, a blank name refused in the form, and a person who is
// not an administrator sees the accounts they belong to without the pencil.

import { expect, signIn, signOut, test } from './fixtures.ts';

test('an administrator renames a traffic account’s display name; the table shows it', async ({ page, petrel }) => {
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await expect(page.getByRole('heading', { name: 'Distribution lists' }), 'an administrator lands on the first page of the menu').toBeVisible();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Traffic accounts' }).click();
  const table = page.getByRole('table');
  for (const column of ['Account name', 'Display name', 'Account type', 'Status', 'Action']) await expect(table.getByRole('columnheader', { name: column })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: 'default' });
  await expect(row.getByRole('cell').nth(2)).toHaveText('API');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Active');
  await page.screenshot({ path: test.info().outputPath('traffic-accounts.png') });
  await row.getByRole('button', { name: 'Edit the display name of default' }).click();
  const dialog = page.getByRole('dialog', { name: 'Display name of default' });
  const field = dialog.getByLabel('Display name');
  await expect(field).toBeFocused();
  await field.fill('   ');
  await field.press('Enter');
  await expect(dialog.getByText('Enter a display name')).toBeVisible();
  await field.fill('x'.repeat(65));
  await field.press('Enter');
  await expect(dialog.getByText('At most 64 characters')).toBeVisible();
  await field.fill(`Marketing ${test.info().project.name}`);
  await page.screenshot({ path: test.info().outputPath('traffic-accounts-edit.png') });
  await field.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row.getByRole('cell').nth(1)).toHaveText(`Marketing ${test.info().project.name}`);
  const api = await page.request.get('/api/v1/traffic-accounts', { headers: { 'x-mitto-api-key': petrel.apiKey } });
  expect((await api.json()).trafficAccounts[0].displayName).toBe(`Marketing ${test.info().project.name}`);
});

test('a person who is not an administrator sees the traffic accounts they belong to without the pencil', async ({ page, petrel }) => {
  const email = `analyst-${test.info().project.name}@acme.example`;
  const created = await petrel.cli('users', 'create', '--account', 'default', '--email', email, '--name', 'Ana Lyst', '--role', 'analyst', '--traffic-account', 'default');
  await signIn(page, email, created.password);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'default' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Action' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Edit the display name/ })).toHaveCount(0);
});

test('the tooltips tour: a dark box per field, Next 1/6 … Done, Exit; fields a person does not see are left out', async ({ page, petrel }) => {
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.goto('/traffic-accounts');
  await expect(page.getByRole('columnheader', { name: 'Account name' })).toBeVisible();
  await page.getByRole('button', { name: 'Tooltips' }).click();
  const tip = page.getByRole('dialog', { name: 'Tooltip' });
  await expect(tip).toContainText('The name of the traffic account.');
  await expect(tip.getByRole('button', { name: 'Next 1/6' })).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('tour.png') });
  await page.keyboard.press('Enter');
  await expect(tip).toContainText('The name you want its users to see.');
  for (let i = 2; i < 6; i++) await tip.getByRole('button', { name: `Next ${i}/6` }).click();
  await expect(tip).toContainText('How many traffic accounts a page shows.');
  await tip.getByRole('button', { name: 'Done' }).click();
  await expect(tip).toBeHidden();
  await page.getByRole('button', { name: 'Tooltips' }).click();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();

  const analyst = await petrel.cli('users', 'create', '--account', 'default', '--email', `tour-${test.info().project.name}@acme.example`, '--name', 'Tom Tour', '--role', 'analyst');
  await signOut(page);
  await signIn(page, analyst.email, analyst.password);
  await expect(page.getByRole('columnheader', { name: 'Account name' })).toBeVisible();
  await page.getByRole('button', { name: 'Tooltips' }).click();
  await expect(tip.getByRole('button', { name: 'Next 1/5' })).toBeVisible();
});
