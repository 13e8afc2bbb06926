// The sign-in journey, as a person goes through it: the login page with its field messages,
// the first administrator's password from the banner, the menu with only built pages, the
// toolbar's menus, signing out, the idle logout after 30 minutes, a session that ends on the
// server (the user was paused), and the app in German.

import { expect, signIn, test } from './fixtures.ts';

test('the login page names what is missing or wrong, then brings the person where they were going', async ({ page, petrel }) => {
  await page.goto('/traffic-accounts');
  await expect(page.getByRole('heading', { name: 'Sign in to Petrel' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your email address')).toBeVisible();
  await expect(page.getByText('Enter your password')).toBeVisible();
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('x');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByText('This is not an email address')).toBeVisible();
  await page.getByLabel('Email').fill(petrel.admin.email);
  await page.getByLabel('Password', { exact: true }).fill('Wrong-password1');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByRole('alert')).toHaveText('The email or the password is not right.');
  await page.screenshot({ path: test.info().outputPath('login.png') });
  await page.getByLabel('Password', { exact: true }).fill(petrel.admin.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/\/traffic-accounts$/);
  await expect(page.getByRole('heading', { name: 'Traffic accounts' })).toBeVisible();
});

test('the menu shows built pages only; the toolbar has More and the user menu; signing out returns to the login page', async ({ page, petrel }) => {
  await signIn(page, petrel.admin.email, petrel.admin.password);
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await expect(menu.getByRole('link', { name: 'Traffic accounts' })).toBeVisible();
  await expect(menu.getByText('Administration')).toBeVisible();
  for (const built of ['Distribution lists', 'Campaigns', 'Templates']) await expect(menu.getByRole('link', { name: built })).toBeVisible();
  for (const notBuilt of ['Realtime', 'Quick send', 'Statistics', 'Message history']) await expect(menu.getByText(notBuilt, { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'More' }).click();
  await expect(page.getByRole('menuitem', { name: 'API documentation' })).toHaveAttribute('href', '/docs');
  await expect(page.getByText(/^Version \d+\.\d+\.\d+$/)).toBeVisible();
  await page.getByRole('menuitem', { name: 'Help' }).click();
  await expect(page.getByRole('heading', { name: 'Help' })).toBeVisible();
  await page.getByRole('button', { name: 'User menu' }).click();
  await expect(page.getByText(petrel.admin.email)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('shell.png') });
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await page.goto('/traffic-accounts');
  await expect(page.getByRole('heading', { name: 'Sign in to Petrel' })).toBeVisible();
});

test('30 minutes without activity sign the person out, on the server too', async ({ page, petrel }) => {
  await page.clock.install();
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.goto('/traffic-accounts');
  await expect(page.getByRole('heading', { name: 'Traffic accounts' })).toBeVisible();
  await page.clock.fastForward('29:00');
  await expect(page.getByRole('heading', { name: 'Traffic accounts' })).toBeVisible();
  await page.clock.fastForward('01:30');
  await expect(page.getByText('You were signed out after 30 minutes without activity.')).toBeVisible();
  expect((await page.request.get('/api/v1/session')).status()).toBe(401);
});

test('a user paused on the server loses the open page at the next request', async ({ page, petrel }) => {
  const email = `paused-${test.info().project.name}@acme.example`;
  const created = await petrel.cli('users', 'create', '--account', 'default', '--email', email, '--name', 'Paula Paused', '--role', 'analyst');
  await signIn(page, email, created.password);
  await expect(page.getByRole('heading', { name: 'Traffic accounts' }), 'an analyst lands on the first page they may open').toBeVisible();
  await petrel.cli('users', 'pause', email);
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Help' }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Traffic accounts' }).click();
  await expect(page.getByText('Your session ended. Sign in again to go on.')).toBeVisible();
});

test('the app speaks German when asked, and keeps it', async ({ page, petrel }) => {
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.goto('/traffic-accounts');
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitem', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { name: 'Traffic-Konten' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Hauptmenü' }).getByRole('link', { name: 'Traffic-Konten' })).toBeVisible();
  await page.getByRole('button', { name: 'Sprache' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Traffic accounts' })).toBeVisible();
});
