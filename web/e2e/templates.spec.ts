// Templates through the page (seed: Templates): create with the counter as the server counts,
// each field refused in the form when empty or too long, search, edit, delete after a
// confirmation.

import { expect, shot, signIn, test } from './fixtures.ts';

test('create, count, search, edit and delete a template', async ({ page, petrel }) => {
  const name = `Welcome ${test.info().project.name}`;
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Templates' }).click();
  await expect(page.getByRole('heading', { name: 'Templates' })).toBeVisible();
  await page.getByRole('button', { name: 'Create template' }).click();
  const form = page.getByRole('dialog', { name: 'Create a template' });
  await expect(form.getByLabel('Name')).toBeFocused();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Enter a name for the template')).toBeVisible();
  await expect(form.getByText('Write the message')).toBeVisible();
  await form.getByLabel('Name').fill('x'.repeat(65));
  await form.getByLabel('Message').fill('x');
  await form.getByLabel('Name').press('Enter');
  await expect(form.getByText('At most 64 characters')).toBeVisible();

  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Message').fill('Hello {first_name}, welcome to ACME!');
  await expect(form.getByText('36 characters · 1 SMS · GSM-7')).toBeVisible();
  await form.getByLabel('Message').fill(`Hello {first_name} 😀 ${'x'.repeat(60)}`);
  await expect(form.getByText('81 characters · 2 SMS · Unicode · Unicode because of 😀')).toBeVisible();
  await shot(page, 'template-form');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Hello {first_name} 😀');
  await shot(page, 'templates');

  await page.getByLabel('Search in names and messages').fill('nothing like it');
  await page.getByLabel('Search in names and messages').press('Enter');
  await expect(page.getByText('No template matches.')).toBeVisible();
  await page.getByLabel('Search in names and messages').fill('{FIRST_NAME}');
  await page.getByLabel('Search in names and messages').press('Enter');
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${name}` });
  await edit.getByLabel('Message').fill('Hi {first_name}!');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Hi {first_name}!');

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Delete ${name}?` })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});
