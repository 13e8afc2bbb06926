// The Settings page's General, SMS and Password tabs as a person uses them: language and time
// zone (the app follows them), a profile image (a real PNG taken, a disguised file refused),
// unicode detection and the default sender (the API's sender rule), and a password change.

import type { Page } from '@playwright/test';
import { expect, shot, signIn, signOut, test } from './fixtures.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Picks a file as a person does: the field opens the file chooser. */
async function choose(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Profile image' }).click();
  await (await chooser).setFiles(file);
}

test('General, SMS and Password: each saved, each checked', async ({ page, petrel }) => {
  const email = `set-${test.info().project.name}@acme.example`;
  const created = await petrel.cli('users', 'create', '--account', 'default', '--email', email, '--name', 'Sid Settings', '--role', 'analyst');
  await signIn(page, email, created.password);
  await page.goto('/settings');
  await choose(page, { name: 'me.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload="alert(1)"/>') });
  await expect(page.getByText('the file is not the PNG it says it is')).toBeVisible();
  await choose(page, { name: 'me.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('Profile image saved')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Profile image' })).toHaveAttribute('src', /\/api\/v1\/me\/avatar/);

  await page.getByRole('combobox', { name: 'Time zone' }).fill('Asia/Tok');
  await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Deutsch' }).click();
  await shot(page, 'settings-general');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByRole('heading', { name: 'Einstellungen' })).toBeVisible();
  const me = await (await page.request.get('/api/v1/me')).json();
  expect([me.language, me.timeZone, me.hasAvatar]).toEqual(['de', 'Asia/Tokyo', true]);

  await page.getByRole('tab', { name: 'SMS' }).click();
  await page.getByLabel('Standard-Absenderkennung').fill('A SENDER FAR TOO LONG');
  await page.getByRole('button', { name: 'Speichern' }).click();
  // The server's refusal, worded in the person's language by its code.
  await expect(page.getByText(/^Eine Absenderkennung hat 3 bis 11 Buchstaben/)).toBeVisible();
  await page.getByLabel('Standard-Absenderkennung').fill('ACME');
  await page.getByRole('switch', { name: 'Unicode-Erkennung' }).uncheck();
  await shot(page, 'settings-sms');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Gespeichert')).toBeVisible();
  const sms = await (await page.request.get('/api/v1/me')).json();
  expect([sms.defaultSender, sms.unicodeDetection]).toEqual(['ACME', false]);

  await page.getByRole('tab', { name: 'Passwort' }).click();
  await page.getByLabel('Aktuelles Passwort').fill('not-my-password');
  await page.getByLabel('Neues Passwort').fill('Sid-Better-1!');
  await page.getByLabel('Passwort wiederholen').fill('Sid-Better-1!');
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByText('Das Passwort ist nicht richtig.')).toBeVisible();
  await page.getByLabel('Aktuelles Passwort').fill(created.password);
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByText('Passwort geändert. Ihre anderen Sitzungen sind beendet.')).toBeVisible();
  await page.getByRole('button', { name: 'Sprache' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await signOut(page);
  await signIn(page, email, 'Sid-Better-1!');
});
