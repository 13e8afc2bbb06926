// The people journey through the pages: the administrator invites a user from the Users page,
// finds the mail in the Mail outbox (no SMTP here), the invitee follows its link, chooses a
// password under the rule and is signed in with their role's menu; the administrator pauses and
// deletes them. Forgot password runs from the login page to a new password.

import { expect, shot, signIn, signOut, test } from './fixtures.ts';

test('invite from the Users page, accept through the outbox’s link, then pause and delete', async ({ page, petrel }) => {
  const email = `nina-${test.info().project.name}@acme.example`;
  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  for (const column of ['Name', 'Email', 'Presets', 'Status', 'Action']) await expect(page.getByRole('columnheader', { name: column })).toBeVisible();
  await page.getByRole('button', { name: 'Invite user' }).click();
  const panel = page.getByRole('dialog', { name: 'Invite a user' });
  await panel.getByRole('button', { name: 'Invite user' }).click();
  await expect(panel.getByText('Enter a name')).toBeVisible();
  await expect(panel.getByText('Enter your email address')).toBeVisible();
  await panel.getByLabel('Name').fill('Nina Newcomer');
  await panel.getByLabel('Email').fill(email);
  await panel.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Campaign manager' }).click();
  await panel.getByRole('combobox', { name: 'Traffic accounts' }).click();
  await page.getByRole('option', { name: /\(default\)$/ }).click();
  await page.keyboard.press('Escape');
  await shot(page, 'users-invite');
  await panel.getByRole('button', { name: 'Invite user' }).click();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row.getByRole('cell').nth(2)).toHaveText('Campaign manager');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Pending');
  await shot(page, 'users');

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Mail outbox' }).click();
  await expect(page.getByText(/No SMTP server is set/)).toBeVisible();
  await page.getByRole('button', { name: `Show the mail to ${email}` }).click();
  await shot(page, 'outbox-mail');
  const link = page.getByRole('dialog').getByRole('link', { name: /accept-invitation\?token=/ });
  const href = (await link.getAttribute('href'))!;
  await page.getByRole('dialog').getByRole('button').first().press('Escape');
  await signOut(page);

  await page.goto(href);
  await expect(page.getByRole('heading', { name: 'Welcome to Petrel' })).toBeVisible();
  await expect(page.getByText(`Nina Newcomer, choose a password for ${email} (account default).`)).toBeVisible();
  await page.getByLabel('New password').fill('weakpass');
  await expect(page.getByRole('listitem').filter({ hasText: 'at least 8 characters' }).getByLabel('met')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'a digit' }).getByLabel('not met yet')).toBeVisible();
  await page.getByLabel('Repeat the password').fill('weakpass');
  await page.getByLabel('Repeat the password').press('Enter');
  await expect(page.getByText(/^The password needs: an upper-case letter, a digit, a special character/)).toBeVisible();
  await page.getByLabel('New password').fill('Nina-2026!');
  await page.getByLabel('Repeat the password').fill('Nina-2026?');
  await page.getByLabel('Repeat the password').press('Enter');
  await expect(page.getByText('The two passwords differ')).toBeVisible();
  await shot(page, 'accept-invitation');
  await page.getByLabel('Repeat the password').fill('Nina-2026!');
  await page.getByLabel('Repeat the password').press('Enter');
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await expect(menu.getByRole('link', { name: 'Traffic accounts' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await signOut(page);
  await page.goto(href);
  await expect(page.getByText(/This link was used already/)).toBeVisible();

  await signIn(page, petrel.admin.email, petrel.admin.password);
  await page.goto('/users');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Active');
  await row.getByRole('button', { name: 'Pause Nina Newcomer' }).click();
  await expect(row.getByRole('cell').nth(3)).toHaveText('Inactive');
  await row.getByRole('button', { name: 'Unpause Nina Newcomer' }).click();
  await expect(row.getByRole('cell').nth(3)).toHaveText('Active');
  await row.getByRole('button', { name: 'Edit Nina Newcomer' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Nina Newcomer' });
  await edit.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Custom' }).click();
  await edit.getByRole('checkbox', { name: 'Blacklist' }).check();
  await edit.getByRole('checkbox', { name: 'Reports and statistics' }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByRole('cell').nth(2)).toHaveText('Custom');
  await page.getByLabel('Search by name').fill('nina');
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Search by name').fill('nobody-by-this-name');
  await expect(page.getByText('No users')).toBeVisible();
  await page.getByLabel('Search by name').fill('');
  await row.getByRole('button', { name: 'Delete Nina Newcomer' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete Nina Newcomer?' })).toBeVisible();
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByText('Nina Newcomer deleted')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: email })).toHaveCount(0);
});

test('forgot password: from the login page to a new password, through the link in the mail', async ({ page, petrel }) => {
  const email = `fred-${test.info().project.name}@acme.example`;
  await petrel.cli('users', 'create', '--account', 'default', '--email', email, '--name', 'Fred Forgetful', '--role', 'analyst');
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Enter your email address')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await shot(page, 'forgot-password');
  await page.getByLabel('Email').press('Enter');
  await expect(page.getByRole('status')).toHaveText(/If a user has this email, a link to reset the password is on its way/);
  const outbox = await (await page.request.get('/api/v1/mail/outbox', { headers: { 'x-mitto-api-key': petrel.apiKey } })).json();
  const mail = outbox.mails.find((m: { to: string }) => m.to === email);
  const href = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail.body)![0];
  await page.goto(href);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password').fill('Fred-New-2026!');
  await page.getByLabel('Repeat the password').fill('Fred-New-2026!');
  await shot(page, 'reset-password');
  await page.getByRole('button', { name: 'Save the password and sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
  await signOut(page);
  await signIn(page, email, 'Fred-New-2026!');
});
