// Notifications through the pages: a traffic account's credit used up tells the account's
// administrator (the budget alert, as it runs in production, every PETREL_BUDGET_CHECK_MS); the
// bell shows the count and the latest, Show all opens the page, whose filter, selection bar and
// archive work as the seed describes.

import { expect, shot, signIn, test } from './fixtures.ts';

test('a used-up credit rings the bell; the page filters, marks read and archives', async ({ page, petrel }) => {
  await petrel.cli('traffic-accounts', 'create', 'default', 'promo', '--display-name', 'Promotions', '--credit-limit', '0.10', '--sender', 'Promo');
  await petrel.cli('prices', 'set', '--account', 'default', '--traffic-account', 'promo', '--price', '0.05');
  const key = (await petrel.cli('keys', 'create', '--account', 'default', '--traffic-account', 'promo', '--role', 'sender')).key as string;
  await signIn(page, petrel.admin.email, petrel.admin.password);
  for (const to of ['491725550901', '491725550902']) {
    const r = await page.request.post('/sms', { headers: { 'x-mitto-api-key': key }, data: { from: 'Promo', to, text: 'sale' } });
    expect((await r.json()).responseCode).toBe(0);
  }
  await expect(async () => {
    const s = await (await page.request.get('/api/v1/notifications/summary')).json();
    expect(s.unread).toBeGreaterThan(0);
  }).toPass({ timeout: 10_000 });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
  await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await expect(panel.getByText(/Traffic account Promotions \(promo\) has used its whole credit \(0\.10 of 0\.10 EUR\)/)).toBeVisible();
  await shot(page, 'bell');
  await panel.getByRole('button', { name: 'Show all' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Promotions' });
  await expect(row.getByRole('img', { name: 'Error' })).toBeVisible();
  await expect(row.getByRole('cell').nth(3)).toHaveText('Budget');

  await page.getByRole('button', { name: 'Filter by' }).click();
  const filter = page.getByRole('dialog', { name: 'Filter' });
  await filter.getByRole('checkbox', { name: 'Campaign' }).check();
  await filter.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No notifications')).toBeVisible();
  await page.getByRole('button', { name: 'Filter by' }).click();
  await filter.getByRole('checkbox', { name: 'Campaign' }).uncheck();
  await filter.getByRole('checkbox', { name: 'Budget' }).check();
  await filter.getByRole('button', { name: 'Search' }).click();
  await expect(row).toBeVisible();
  await page.getByLabel('Search in the content').fill('whole credit');
  await page.getByLabel('Search in the content').press('Enter');
  await expect(row).toBeVisible();

  await row.getByRole('checkbox').check();
  const bar = page.getByRole('toolbar', { name: '1 selected' });
  await shot(page, 'notifications');
  await bar.getByRole('button', { name: 'Mark as read' }).click();
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  await page.getByRole('toolbar', { name: '1 selected' }).getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('No notifications')).toBeVisible();
  await page.getByRole('combobox', { name: 'Items per page' }).click();
  await page.getByRole('option', { name: '50' }).click();
  await expect(page.getByRole('combobox', { name: 'Items per page' })).toHaveValue('50');
});
