// Phone verification and two-factor sign-in through the pages: a code by SMS goes out through
// Petrel's pipeline to the embedded simulator (delivered, and read back from the messages API
// as the phone would show it), SMS as a second factor, an authenticator app with its QR code,
// a recovery code, and an account that requires 2FA sending a new user to Settings.

import type { Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { expect, shot, signIn, signOut, test, type Petrel } from './fixtures.ts';

/** The code in the newest message to this number, once the simulator has it (delivered). */
async function codeSentTo(page: Page, petrel: Petrel, e164: string): Promise<string> {
  const headers = { 'x-mitto-api-key': petrel.apiKey };
  for (let i = 0; i < 100; i++) {
    const list = await (await page.request.get(`/api/v1/messages?recipient=${encodeURIComponent(e164)}&limit=1`, { headers })).json();
    const m = list.messages[0];
    if (m?.state === 'delivered') return /^(\d{6}) is your Petrel/.exec(m.text)![1]!;
  }
  throw new Error(`no delivered code to ${e164}`);
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
}

test('verify a phone by SMS, turn on SMS codes, and sign in again with one', async ({ page, petrel }) => {
  const email = `sam-${test.info().project.name}@acme.example`;
  const phone = test.info().project.name === 'sqlite' ? '+4917655501234' : '+4917655504321';
  const created = await petrel.cli('users', 'create', '--account', 'default', '--email', email, '--name', 'Sam Secure', '--role', 'analyst');
  await signIn(page, email, created.password);
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Phone' }).fill('not a phone');
  await page.getByRole('button', { name: 'Send a code' }).click();
  await expect(page.getByText(/is not a phone number in international form/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Phone' }).fill(`${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`);
  await page.getByRole('button', { name: 'Send a code' }).click();
  await expect(page.getByText(`A code went to +49 ••• ••${phone.slice(-2)}.`)).toBeVisible();
  await page.getByLabel('Code from the SMS').fill(await codeSentTo(page, petrel, phone));
  await shot(page, 'settings-phone');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('Verified', { exact: true })).toBeVisible();

  await page.getByRole('tab', { name: 'Two-factor authentication' }).click();
  await expect(page.getByText('Two-factor sign-in is off.')).toBeVisible();
  await page.getByRole('button', { name: 'Use codes by SMS to my verified phone' }).click();
  const codes = page.getByRole('dialog', { name: 'Your recovery codes' });
  await expect(codes.getByText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)).toHaveCount(10);
  await shot(page, 'settings-recovery-codes');
  await codes.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('Two-factor sign-in is on: a code by SMS.')).toBeVisible();

  await signOut(page);
  await passwordStep(page, email, created.password);
  await expect(page.getByText(`Enter the code we sent to +49 ••• ••${phone.slice(-2)}.`)).toBeVisible();
  await page.getByLabel('Code').fill('000000');
  await page.getByLabel('Code').press('Enter');
  await expect(page.getByRole('alert')).toHaveText(/The code is not right/);
  await shot(page, 'sign-in-second-factor');
  await page.getByLabel('Code').fill(await codeSentTo(page, petrel, phone));
  await page.getByLabel('Code').press('Enter');
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
});

test('an authenticator app: scan, confirm, sign in with its code, and once with a recovery code', async ({ page, petrel }) => {
  const email = `tia-${test.info().project.name}@acme.example`;
  const created = await petrel.cli('users', 'create', '--account', 'default', '--email', email, '--name', 'Tia Totp', '--role', 'analyst');
  await signIn(page, email, created.password);
  await page.goto('/settings?tab=two-factor');
  await page.getByRole('button', { name: 'Use an authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code for the authenticator app' })).toBeVisible();
  const key = (await page.getByText(/^Key:/).locator('code').textContent())!;
  const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key) });
  await shot(page, 'settings-totp');
  await page.getByLabel('Code from the app').fill(app.generate());
  await page.getByRole('button', { name: 'Turn on' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your recovery codes' });
  const recovery = (await dialog
    .getByText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
    .first()
    .textContent())!;
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('Two-factor sign-in is on: an authenticator app.')).toBeVisible();

  await signOut(page);
  await passwordStep(page, email, created.password);
  await expect(page.getByText('Enter the code your authenticator app shows.')).toBeVisible();
  await page.getByLabel('Code').fill(app.generate());
  await page.getByLabel('Code').press('Enter');
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();

  await signOut(page);
  await passwordStep(page, email, created.password);
  await page.getByLabel('Code').fill(recovery);
  await page.getByLabel('Code').press('Enter');
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
  await page.goto('/settings?tab=two-factor');
  await expect(page.getByText('9 recovery codes left.')).toBeVisible();
});

test('an account that requires 2FA sends a user without it to Settings first', async ({ page, petrel }) => {
  await petrel.cli('accounts', 'create', `strict${test.info().project.name}`, '--traffic-account', 'main', '--sender', 'Strict');
  const admin = await petrel.cli(
    'users',
    'create',
    '--account',
    `strict${test.info().project.name}`,
    '--email',
    `boss-${test.info().project.name}@strict.example`,
    '--name',
    'Bo Boss',
    '--role',
    'administrator',
  );
  await signIn(page, admin.email, admin.password);
  await page.goto('/users');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/account') && r.request().method() === 'PATCH' && r.ok());
  await page.getByRole('switch', { name: 'Require two-factor sign-in of everyone in the account' }).click(); // click, not check(): the switch follows the server's answer, which check() does not wait for
  await saved;
  await expect(page.getByRole('switch', { name: 'Require two-factor sign-in of everyone in the account' })).toBeChecked();
  await expect(page.getByRole('columnheader', { name: '2FA' })).toBeVisible();
  await shot(page, 'users-2fa');
  await page.waitForTimeout(100);
  await page.goto('/traffic-accounts');
  await expect(page).toHaveURL(/\/settings\?tab=two-factor$/);
  await expect(page.getByText('Your account requires two-factor authentication. Set it up here to go on.')).toBeVisible();
});
