// White-label through its page: the operator names the product, picks a colour and a logo; the
// login page, the header, the page title and the mail speak the new name. Back to Petrel's own
// at the end, as other tests of this server expect it.

import { expect, shot, signIn, signOut, test } from './fixtures.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('the operator white-labels the platform; the login page and the title follow', async ({ page, petrel }) => {
  try {
    await signIn(page, petrel.admin.email, petrel.admin.password);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'White-label' }).click();
    await page.getByLabel('Product name').fill('<b>');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('the product name may not hold < > or control characters')).toBeVisible();
    await page.getByLabel('Product name').fill('Acme SMS');
    await page.getByRole('textbox', { name: 'Primary colour' }).fill('#0b7285');
    await page.getByRole('textbox', { name: 'Primary colour' }).press('Tab'); // leaves the field: the picker closes
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('White-label saved')).toBeVisible();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Logo (also the favicon)' }).click();
    await (await chooser).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByRole('img', { name: 'Acme SMS' }).first()).toBeVisible();
    await expect(page).toHaveTitle('Acme SMS');
    await shot(page, 'branding');
    await signOut(page);
    await expect(page.getByRole('heading', { name: 'Sign in to Acme SMS' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Acme SMS' })).toHaveAttribute('src', '/api/v1/branding/logo');
    await shot(page, 'branding-login');
  } finally {
    await page.request.patch('/api/v1/branding', { headers: { 'x-mitto-api-key': petrel.apiKey }, data: { productName: null, primaryColor: null, logo: null } });
  }
});

test('a customer’s administrator has no White-label page', async ({ page, petrel }) => {
  await petrel.cli('accounts', 'create', `wl${test.info().project.name}`, '--traffic-account', 'main');
  const admin = await petrel.cli(
    'users',
    'create',
    '--account',
    `wl${test.info().project.name}`,
    '--email',
    `wl-${test.info().project.name}@tenant.example`,
    '--name',
    'Tena Admin',
    '--role',
    'administrator',
  );
  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'White-label' })).toHaveCount(0);
});
