// The operator's administrator helps a customer (issue #15): opens their account from the user
// menu, works on its Users page under a banner that says whose account it is, and returns; the
// customer's administrator finds the visit in their audit log and has no such menu entry.

import { expect, shot, signIn, signOut, test } from './fixtures.ts';

test('the operator opens a customer’s account from the user menu, sees its users under the banner, and returns', async ({ page, petrel }) => {
  const account = `acme-${test.info().project.name}`;
  const boss = `boss@${account}.example`;
  await petrel.cli('accounts', 'create', account);
  const created = await petrel.cli('users', 'create', '--account', account, '--email', boss, '--name', 'Bea Boss', '--role', 'administrator');

  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Open another account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open another account' });
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog.getByText('Choose an account')).toBeVisible(); // the field's error
  await dialog.getByRole('combobox', { name: 'Account' }).fill(account);
  await page.getByRole('option', { name: new RegExp(`^${account} \\(1 users, 1 traffic accounts\\)`) }).click();
  await shot(page, 'open-account');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog).toBeHidden();
  const banner = page.getByRole('status').filter({ hasText: `You are working in the account ${account}` });
  await expect(banner).toBeVisible();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('row').filter({ hasText: boss })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: petrel.admin.email })).toHaveCount(0);
  await shot(page, 'opened-account-users');

  await banner.getByRole('button', { name: 'Return to my account' }).click();
  await expect(banner).toBeHidden();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('row').filter({ hasText: petrel.admin.email })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: boss })).toHaveCount(0);
  await signOut(page);

  await signIn(page, boss, created.password);
  await page.getByRole('button', { name: 'User menu' }).click();
  await expect(page.getByRole('menuitem', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Open another account' })).toHaveCount(0);
  const audit = await page.request.get('/api/v1/audit', { headers: { 'x-mitto-api-key': petrel.apiKey } });
  const visits = (await audit.json()).entries.filter((e: { account: string; action: string }) => e.account === account && e.action.startsWith('account_'));
  expect(visits.map((e: { action: string; email: string }) => `${e.action} ${e.email}`)).toEqual([`account_left ${petrel.admin.email}`, `account_opened ${petrel.admin.email}`]);
});
