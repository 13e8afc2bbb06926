// Campaign drafts through the pages (seed: Campaigns, Create Campaign): step 1 with the Select
// Contacts List panel and Personalize, step 2 with a template and a placeholder inserted, the
// counters, the phone preview stepped through recipients (a missing field shown), the schedule
// in the person's zone and a campaign traffic account; the Campaigns page's row, search and
// status filter, and clone asking for the new name.

import { expect, shot, signIn, test } from './fixtures.ts';

test('a personalised draft in two steps, previewed per recipient, listed, searched and cloned', async ({ page, petrel }) => {
  const suffix = test.info().project.name;
  await petrel.cli('traffic-accounts', 'create', 'default', `promo${suffix}`, '--type', 'campaign', '--display-name', `Promotions ${suffix}`);
  await petrel.cli('prices', 'set', '--account', 'default', '--traffic-account', `promo${suffix}`, '--country', 'DE', '--price', '0.05');
  await petrel.cli('prices', 'set', '--account', 'default', '--traffic-account', `promo${suffix}`, '--country', 'RU', '--price', '0.08');
  const headers = { 'x-mitto-api-key': petrel.apiKey };
  const list = await (await page.request.post('/api/v1/lists', { headers, data: { name: `Campaign customers ${suffix}` } })).json();
  for (const [phone, first_name] of [
    ['+4917612345678', 'Anna'],
    ['+79123456789', 'Иван'],
    ['+33612345678', ''],
  ]) {
    expect((await page.request.post(`/api/v1/lists/${list.id}/contacts`, { headers, data: { phone, fields: { first_name } } })).status()).toBe(201);
  }
  await page.request.post('/api/v1/templates', { headers, data: { name: `Sale ${suffix}`, text: 'Hello {name}, 20 % off today!' } });

  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('A campaign name has 3 to 50 characters')).toBeVisible();
  await expect(page.getByText('Choose at least one distribution list')).toBeVisible();

  const name = `June sale ${suffix}`;
  await page.getByLabel('Campaign name').fill(name);
  await page.getByLabel('Sender').fill('ACME');
  await page.getByRole('button', { name: 'Select contacts list' }).click();
  const panel = page.getByRole('dialog', { name: 'Select contacts list' });
  await panel.getByLabel('Search lists').fill('customers');
  await panel.getByRole('checkbox', { name: `Campaign customers ${suffix}` }).check();
  await expect(panel.getByText('Recipients chosen: 3')).toBeVisible();
  await panel.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('checkbox', { name: 'Personalize' }).check();
  await page.getByLabel('Define placeholder').fill('name');
  await page.getByLabel('Define placeholder').press('Enter');
  await page.getByRole('combobox', { name: 'Column for {name}' }).click();
  await page.getByRole('option', { name: 'first_name' }).click();
  await page.getByLabel('If empty, instead of {name}').fill('friend');
  await shot(page, 'campaign-step1');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('menuitem', { name: `Sale ${suffix}` }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('Hello {name}, 20 % off today!');
  await expect(page.getByText('1 SMS per recipient')).toBeVisible();
  await expect(page.getByText('3 recipients', { exact: true })).toBeVisible();
  const phone = page.getByRole('figure', { name: 'The message on a phone' });
  await expect(phone).toContainText('Hello Anna, 20 % off today!');
  await expect(phone).toContainText('+4917612345678');
  await page.getByRole('button', { name: 'Next', exact: true }).first().click();
  await expect(phone).toContainText('Hello Иван, 20 % off today!');
  await expect(page.getByText('Recipient 2 of 3')).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).first().click();
  await expect(phone).toContainText('Hello friend, 20 % off today!');
  await expect(phone).toContainText('No value for {name} for this recipient.');
  await page.getByLabel('Schedule').fill('2026-12-24T09:30');
  await expect(page.getByText('Choose the traffic account to see the estimated cost.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Traffic account' }).click();
  await page.getByRole('option', { name: `Promotions ${suffix} (promo${suffix})` }).click();
  await expect(page.getByText('Estimated cost: 0.13 EUR · 1 recipients in countries without a price')).toBeVisible();
  await shot(page, 'campaign-step2');
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page.getByRole('heading', { name: 'Campaigns' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Draft');
  await expect(row).toContainText('ACME');
  await expect(row).toContainText('0 of 0 (0 %)');
  const saved = (await (await page.request.get('/api/v1/campaigns?search=june', { headers })).json()).campaigns.find((c: { name: string }) => c.name === name);
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect([saved.timeZone, saved.text, saved.personalization]).toEqual([zone, 'Hello {name}, 20 % off today!', { columns: { name: 'first_name' }, fallbacks: { name: 'friend' } }]);
  await shot(page, 'campaigns');

  await page.getByLabel('Search by name').fill('no such campaign');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No campaign matches.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: `Clone ${name}` }).click();
  const clone = page.getByRole('dialog', { name: `Clone ${name}` });
  await clone.getByLabel('Name of the copy').fill('ab');
  await clone.getByRole('button', { name: 'Save' }).click();
  await expect(clone.getByText('A campaign name has 3 to 50 characters')).toBeVisible();
  await clone.getByLabel('Name of the copy').fill(`${name} again`);
  await clone.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: `Edit ${name} again` })).toBeVisible();
  await expect(page.getByLabel('Campaign name')).toHaveValue(`${name} again`);
});
