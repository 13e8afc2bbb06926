// Phone verification and two-factor sign-in over HTTP, on both dialects: the code goes out as a
// real message of the account (read back here from the messages API), SMS and authenticator
// app (TOTP) as second factors, recovery codes once each, an account that requires 2FA, and
// a reset link that does not skip the second factor.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { forEachDialect } from '../../../test/dialects.ts';
import { client, makeUser, type Session } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';

forEachDialect('management API v1: my settings, phone verification and two-factor sign-in', (dialect) => {
  const p = serverForSuite(dialect);
  const { call, signIn, sessionOf } = client(() => p.url);
  let accountId = 0;
  before(async () => {
    accountId = await p.tenancy.accountIdOf('default');
  });
  /** The code in the newest message to this number, as the phone would show it. */
  const codeSentTo = async (e164: string) => {
    const r = await call('GET', `/api/v1/messages?recipient=${encodeURIComponent(e164)}&limit=1`, { key: p.key });
    const text: string = r.json.messages[0].text;
    return /^(\d{6}) is your Petrel (verification|sign-in) code/.exec(text)![1]!;
  };
  const verifyPhone = async (s: Session, phone: string, e164: string) => {
    const sent = await call('POST', '/api/v1/me/phone', { ...s, body: { phone } });
    assert.equal(sent.status, 202, sent.text);
    assert.equal(sent.json.phone, e164);
    const wrong = await call('POST', '/api/v1/me/phone/verify', { ...s, body: { code: '000000' === (await codeSentTo(e164)) ? '111111' : '000000' } });
    assert.deepEqual([wrong.status, wrong.json.field], [400, 'code']);
    const ok = await call('POST', '/api/v1/me/phone/verify', { ...s, body: { code: await codeSentTo(e164) } });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual([ok.json.phone, ok.json.phoneVerified], [e164, true]);
  };

  test('a phone is verified by a code sent as a real message; then every sign-in asks for a new SMS code', async () => {
    const u = await makeUser(p.petrel.database, { accountId, email: 'sms@acme.example', role: 'analyst' });
    const s = await signIn(u.email, u.password);
    assert.equal((await call('POST', '/api/v1/me/second-factor', { ...s, body: { method: 'sms' } })).json.field, 'method', 'no phone yet');
    await verifyPhone(s, '+49 176 1234 5678', '+4917612345678');
    const on = await call('POST', '/api/v1/me/second-factor', { ...s, body: { method: 'sms' } });
    assert.equal(on.status, 200, on.text);
    assert.equal(on.json.recoveryCodes.length, 10);
    assert.match(on.json.recoveryCodes[0], /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    assert.deepEqual([(await call('GET', '/api/v1/me', s)).json.secondFactor, (await call('GET', '/api/v1/me', s)).json.recoveryCodesLeft], ['sms', 10]);

    const first = await call('POST', '/api/v1/session', { body: { email: u.email, password: u.password } });
    assert.equal(first.status, 200);
    assert.equal(first.setCookie, null, 'no session before the second factor');
    assert.deepEqual([first.json.secondFactor.method, first.json.secondFactor.sentTo], ['sms', '+49 ••• ••78']);
    const challenge = first.json.secondFactor.challenge;
    const bad = await call('POST', '/api/v1/session/second-factor', { body: { challenge, code: '12345' } });
    assert.equal(bad.status, 401);
    const good = await call('POST', '/api/v1/session/second-factor', { body: { challenge, code: await codeSentTo('+4917612345678') } });
    assert.equal(good.status, 200, good.text);
    assert.equal((await call('GET', '/api/v1/session', { cookie: sessionOf(good).cookie })).status, 200);
    assert.equal((await call('POST', '/api/v1/session/second-factor', { body: { challenge, code: '000000' } })).status, 401, 'a challenge is used once');

    // A recovery code instead of the SMS, once.
    const again = (await call('POST', '/api/v1/session', { body: { email: u.email, password: u.password } })).json.secondFactor.challenge;
    const recovered = await call('POST', '/api/v1/session/second-factor', { body: { challenge: again, code: on.json.recoveryCodes[3].toLowerCase() } });
    assert.equal(recovered.status, 200, recovered.text);
    const third = (await call('POST', '/api/v1/session', { body: { email: u.email, password: u.password } })).json.secondFactor.challenge;
    assert.equal((await call('POST', '/api/v1/session/second-factor', { body: { challenge: third, code: on.json.recoveryCodes[3] } })).status, 401, 'a recovery code works once');
    assert.equal((await call('GET', '/api/v1/me', sessionOf(recovered))).json.recoveryCodesLeft, 9);
  });

  test('an authenticator app: the secret and QR once, confirmed by a first code; sign-in takes the app’s code', async () => {
    const u = await makeUser(p.petrel.database, { accountId, email: 'totp@acme.example', role: 'analyst' });
    const s = await signIn(u.email, u.password);
    const setup = await call('POST', '/api/v1/me/second-factor/totp', s);
    assert.equal(setup.status, 200, setup.text);
    assert.match(setup.json.uri, /^otpauth:\/\/totp\/Petrel:totp%40acme\.example\?/);
    assert.match(setup.json.qr, /^data:image\/png;base64,/);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.json.secret), digits: 6, period: 30 });
    assert.equal((await call('POST', '/api/v1/me/second-factor', { ...s, body: { method: 'totp', code: '000000' === totp.generate() ? '111111' : '000000' } })).json.field, 'code');
    assert.equal((await call('POST', '/api/v1/me/second-factor', { ...s, body: { method: 'totp', code: totp.generate() } })).status, 200);
    const challenge = (await call('POST', '/api/v1/session', { body: { email: u.email, password: u.password } })).json.secondFactor;
    assert.deepEqual([challenge.method, challenge.sentTo], ['totp', null]);
    const code = totp.generate();
    const ok = await call('POST', '/api/v1/session/second-factor', { body: { challenge: challenge.challenge, code } });
    assert.equal(ok.status, 200, ok.text);
    const replay = (await call('POST', '/api/v1/session', { body: { email: u.email, password: u.password } })).json.secondFactor.challenge;
    assert.equal((await call('POST', '/api/v1/session/second-factor', { body: { challenge: replay, code } })).status, 401, 'the same code does not sign in twice');
    const off = await call('POST', '/api/v1/me/second-factor/disable', { ...sessionOf(ok), body: { password: 'wrong' } });
    assert.deepEqual([off.status, off.json.field], [400, 'password']);
    assert.equal((await call('POST', '/api/v1/me/second-factor/disable', { ...sessionOf(ok), body: { password: u.password } })).status, 204);
    assert.ok((await call('POST', '/api/v1/session', { body: { email: u.email, password: u.password } })).json.csrfToken, 'signs in with the password alone again');
  });

  test('an account that requires 2FA: a user without one reaches only their own settings until they set it up', async () => {
    await p.tenancy.createAccount('strict', { name: 'main', displayName: 'Strict', type: 'campaign' });
    const strict = await p.tenancy.accountIdOf('strict');
    const admin = await makeUser(p.petrel.database, { accountId: strict, email: 'boss@strict.example', role: 'administrator' });
    const a = await signIn(admin.email, admin.password);
    const required = await call('PATCH', '/api/v1/account', { ...a, body: { requireSecondFactor: true } });
    assert.deepEqual(required.json, { name: 'strict', requireSecondFactor: true });
    const u = await makeUser(p.petrel.database, { accountId: strict, email: 'new@strict.example', role: 'analyst' });
    const r = await call('POST', '/api/v1/session', { body: { email: u.email, password: u.password } });
    assert.equal(r.json.setupRequired, true);
    const s = sessionOf(r);
    const refused = await call('GET', '/api/v1/traffic-accounts', s);
    assert.deepEqual([refused.status, refused.json.message], [403, 'your account requires two-factor authentication: set it up in Settings first']);
    assert.equal((await call('GET', '/api/v1/me', s)).json.accountRequiresSecondFactor, true);
    const setup = await call('POST', '/api/v1/me/second-factor/totp', s);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.json.secret) });
    assert.equal((await call('POST', '/api/v1/me/second-factor', { ...s, body: { method: 'totp', code: totp.generate() } })).status, 200);
    assert.equal((await call('GET', '/api/v1/traffic-accounts', s)).status, 200, 'open once 2FA is on');
    assert.equal((await call('POST', '/api/v1/me/second-factor/disable', { ...s, body: { password: u.password } })).status, 409, 'not off while required');
    const audit = (await call('GET', '/api/v1/audit?account=strict', { key: p.key })).json.entries.map((e: { action: string }) => e.action);
    for (const a of ['second_factor_required', 'second_factor_enabled']) assert.ok(audit.includes(a), audit.join());
  });

  test('a reset link does not skip the second factor', async () => {
    const u = await makeUser(p.petrel.database, { accountId, email: 'reset2fa@acme.example', role: 'analyst' });
    const s = await signIn(u.email, u.password);
    const setup = await call('POST', '/api/v1/me/second-factor/totp', s);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.json.secret) });
    await call('POST', '/api/v1/me/second-factor', { ...s, body: { method: 'totp', code: totp.generate() } });
    await call('POST', '/api/v1/password-reset', { body: { email: u.email } });
    const mail = (await call('GET', '/api/v1/mail/outbox', { key: p.key })).json.mails.find((m: { to: string }) => m.to === u.email);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.body)![1];
    const done = await call('POST', '/api/v1/password-reset/complete', { body: { token, password: 'Reset-2fa-1!' } });
    assert.equal(done.status, 200);
    assert.equal(done.setCookie, null);
    assert.equal(done.json.secondFactor.method, 'totp');
  });

  test('own settings are a person’s: a key gets 403; bad values name the field', async () => {
    const r = await call('GET', '/api/v1/me', { key: p.key });
    assert.deepEqual([r.status, r.json.message], [403, "GET /api/v1/me is a signed-in person's own; an API key has none"]);
    const u = await makeUser(p.petrel.database, { accountId, email: 'bad@acme.example', role: 'analyst' });
    const s = await signIn(u.email, u.password);
    for (const [path, body, field] of [
      ['/api/v1/me/phone', { phone: 'call me' }, 'phone'],
      ['/api/v1/me/phone', { phone: '' }, 'phone'],
      ['/api/v1/me/phone', {}, 'phone'],
      ['/api/v1/me/phone/verify', { code: '123456' }, 'code'],
      ['/api/v1/me/second-factor', { method: 'carrier-pigeon' }, 'method'],
      ['/api/v1/me/second-factor', { method: 'totp', code: '123456' }, 'method'],
      ['/api/v1/me/password', { currentPassword: 'wrong', newPassword: 'Petrel1!y' }, 'currentPassword'],
      ['/api/v1/me/password', { currentPassword: u.password, newPassword: 'weak' }, 'newPassword'],
    ] as const) {
      const a = await call('POST', path, { ...s, body });
      assert.equal(a.status, 400, `${path} ${JSON.stringify(body)}: ${a.text}`);
      assert.match(a.text, new RegExp(field), `${path} ${JSON.stringify(body)}`);
    }
    assert.equal((await call('PATCH', '/api/v1/me', { ...s, body: { name: '' } })).status, 400);
    assert.equal((await call('PATCH', '/api/v1/me', { ...s, body: { name: 'Bea Better' } })).json.name, 'Bea Better');
    assert.equal((await call('POST', '/api/v1/me/password', { ...s, body: { currentPassword: u.password, newPassword: 'Petrel1!new' } })).status, 204);
    assert.equal((await call('GET', '/api/v1/me', s)).status, 200, 'the session that changed it stays');
    await signIn(u.email, 'Petrel1!new');
  });

  test('language, time zone, unicode detection, default sender and a profile image, each checked', async () => {
    const u = await makeUser(p.petrel.database, { accountId, email: 'prefs@acme.example', role: 'analyst' });
    const s = await signIn(u.email, u.password);
    const fresh = (await call('GET', '/api/v1/me', s)).json;
    assert.deepEqual([fresh.language, fresh.timeZone, fresh.unicodeDetection, fresh.defaultSender, fresh.hasAvatar], [null, null, true, null, false]);
    const set = await call('PATCH', '/api/v1/me', { ...s, body: { language: 'de', timeZone: 'Europe/Berlin', unicodeDetection: false, defaultSender: ' ACME ' } });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual([set.json.language, set.json.timeZone, set.json.unicodeDetection, set.json.defaultSender], ['de', 'Europe/Berlin', false, 'ACME']);
    const session = (await call('GET', '/api/v1/session', s)).json.user;
    assert.deepEqual([session.language, session.timeZone], ['de', 'Europe/Berlin'], 'the app reads them from the session');
    for (const [body, field] of [
      [{ language: 'fr' }, 'language'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ defaultSender: 'THIS SENDER IS TOO LONG' }, 'defaultSender'],
      [{ unicodeDetection: 'maybe' }, 'unicodeDetection'],
    ] as const) {
      const r = await call('PATCH', '/api/v1/me', { ...s, body });
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.match(r.text, new RegExp(field));
    }
    assert.equal((await call('PATCH', '/api/v1/me', { ...s, body: { language: null, defaultSender: '' } })).json.defaultSender, null);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    assert.equal((await call('PUT', '/api/v1/me/avatar', { ...s, body: { image: `data:image/png;base64,${png.toString('base64')}` } })).status, 204);
    const got = await fetch(`${p.url}/api/v1/me/avatar`, { headers: { cookie: s.cookie } });
    assert.deepEqual([got.status, got.headers.get('content-type'), Buffer.from(await got.arrayBuffer()).equals(png)], [200, 'image/png', true]);
    assert.equal((await call('GET', '/api/v1/me', s)).json.hasAvatar, true);
    const svg = await call('PUT', '/api/v1/me/avatar', { ...s, body: { image: `data:image/png;base64,${Buffer.from('<svg onload="alert(1)"/>').toString('base64')}` } });
    assert.deepEqual([svg.status, svg.json.field], [400, 'image']);
    assert.equal((await call('PUT', '/api/v1/me/avatar', { ...s, body: { image: 'x'.repeat(400_000) } })).status, 400);
    assert.equal((await call('DELETE', '/api/v1/me/avatar', s)).status, 204);
    assert.equal((await call('GET', '/api/v1/me/avatar', s)).status, 404);
  });
});
