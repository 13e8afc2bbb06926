// Phone verification and two-factor sign-in (seed: 2FA; DESIGN D12). A phone is verified by a
// six-digit code sent by SMS through Petrel's own pipeline. The second factor is a code by SMS
// to that phone at each sign-in, or an authenticator app's TOTP (the secret shown once as a QR
// code, confirmed by a first code); turning either on hands out ten one-time recovery codes.
// Codes and recovery codes are stored hashed; a code lasts 10 minutes and 5 tries.

import { createHash, randomBytes, randomInt } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { coded, ConflictError, ValidationError } from '../domain/errors.ts';
import { toE164 } from '../domain/phone.ts';
import { checkPassword } from './passwords.ts';
import type { AuditAction, AuditStore, CodeTexts, SecondFactorStore, User, UserStore } from './ports.ts';
import { tokenHash } from './sessions.ts';

export const CODE_MS = 10 * 60_000;
export const CODE_TRIES = 5;
export const CHALLENGE_MS = 10 * 60_000;
export const RECOVERY_CODES = 10;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const sixDigits = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
/** Ten characters of an alphabet without look-alikes, shown as two groups of five. */
function recoveryCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
const normaliseCode = (code: string) => code.replace(/\s/g, '');

export interface TotpSetup {
  secret: string;
  uri: string;
  /** The URI as a QR code, a data: URL of a PNG. */
  qr: string;
}

export interface Challenge {
  token: string;
  method: 'sms' | 'totp';
  /** Where an SMS code went, masked (+49 ••• ••34). */
  sentTo: string | null;
}

export class SecondFactor {
  readonly #store: SecondFactorStore;
  readonly #users: UserStore;
  readonly #texts: CodeTexts;
  readonly #audit: AuditStore;
  readonly #issuer: () => string;

  constructor(o: { store: SecondFactorStore; users: UserStore; texts: CodeTexts; audit: AuditStore; issuer: () => string }) {
    this.#store = o.store;
    this.#users = o.users;
    this.#texts = o.texts;
    this.#audit = o.audit;
    this.#issuer = o.issuer;
  }

  #record(user: User, action: AuditAction, now: number, detail: string | null = null, address: string | null = null): Promise<void> {
    return this.#audit.record({ accountId: user.accountId, userId: user.id, email: user.email, action, address, detail, at: now });
  }

  async #sendCode(user: User, purpose: 'phone' | 'sign_in', phone: string, now: number): Promise<void> {
    const code = sixDigits();
    await this.#store.putCode({ userId: user.id, purpose, codeHash: hash(code), phone, expiresAt: now + CODE_MS });
    const what = purpose === 'phone' ? 'verification' : 'sign-in';
    await this.#texts.send(user, phone, `${code} is your ${this.#issuer()} ${what} code. It works for 10 minutes.`);
  }

  /** Sends a verification code to the phone the user gave (any form libphonenumber reads). */
  async startPhone(user: User, phoneInput: string, now: number): Promise<string> {
    const phone = toE164(phoneInput.trim())?.e164;
    if (!phone)
      throw coded(
        new ValidationError('invalid_parameter', 'phone', `${JSON.stringify(phoneInput.slice(0, 40))} is not a phone number in international form, such as +49 171 2345678`),
        'phone_invalid',
      );
    await this.#sendCode(user, 'phone', phone, now);
    return phone;
  }

  async confirmPhone(user: User, code: string, now: number): Promise<string> {
    const r = await this.#store.tryCode(user.id, 'phone', hash(normaliseCode(code)), now, CODE_TRIES);
    if (!r?.ok)
      throw coded(new ValidationError('invalid_parameter', 'code', r ? 'the code is not right' : 'the code has expired or was tried too often; send a new one'), r ? 'code_wrong' : 'code_expired');
    await this.#store.setPhone(user.id, r.phone, now);
    await this.#record(user, 'phone_verified', now, r.phone);
    return r.phone;
  }

  /** A new authenticator secret, shown once; it takes effect when a first code confirms it. */
  async startTotp(user: User): Promise<TotpSetup> {
    const secret = new OTPAuth.Secret({ size: 20 });
    await this.#store.setTotpPending(user.id, secret.base32);
    const uri = this.#totp(user, secret.base32).toString();
    return { secret: secret.base32, uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
  }

  #totp(user: User, base32: string): OTPAuth.TOTP {
    return new OTPAuth.TOTP({ issuer: this.#issuer(), label: user.email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(base32) });
  }

  /** Turns a second factor on (TOTP: confirmed by a code of the new secret); the recovery codes, shown once. */
  async enable(user: User, method: 'sms' | 'totp', code: string | undefined, now: number): Promise<string[]> {
    let secret: string | null = null;
    if (method === 'sms') {
      if (!user.phoneVerified || !user.phone) throw coded(new ValidationError('invalid_parameter', 'method', 'verify a phone number first: the codes go to it'), 'phone_unverified');
    } else {
      secret = (await this.#store.totp(user.id)).pending;
      if (!secret) throw coded(new ValidationError('invalid_parameter', 'method', 'start the authenticator set-up first'), 'totp_not_started');
      if (!code || this.#totp(user, secret).validate({ token: normaliseCode(code), timestamp: now, window: 1 }) === null) {
        throw coded(new ValidationError('invalid_parameter', 'code', 'the code is not right; type the six digits the app shows now'), 'code_wrong');
      }
    }
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await this.#store.enable(
      user.id,
      method,
      secret,
      codes.map((c) => hash(normaliseRecovery(c))),
    );
    await this.#record(user, 'second_factor_enabled', now, method);
    return codes;
  }

  /** Off again, with the current password; not while the account requires it. */
  async disable(user: User, password: string, now: number): Promise<void> {
    if (user.accountRequiresSecondFactor) throw coded(new ConflictError('your account requires two-factor authentication; you may switch methods, not turn it off'), 'second_factor_required');
    const found = await this.#users.userByEmail(user.email);
    if (!found || !(await checkPassword(found.passwordHash, password))) throw coded(new ValidationError('invalid_parameter', 'password', 'the password is not right'), 'password_wrong');
    await this.#store.disable(user.id);
    await this.#record(user, 'second_factor_disabled', now);
  }

  /** After the password: a half-done sign-in waiting for the second factor (an SMS code is sent now). */
  async challenge(user: User, address: string | null, now: number): Promise<Challenge> {
    const token = randomBytes(32).toString('base64url');
    await this.#store.createChallenge({ tokenHash: tokenHash(token), userId: user.id, address, expiresAt: now + CHALLENGE_MS });
    const method = user.secondFactor === 'totp' ? 'totp' : 'sms';
    if (method === 'sms') await this.#sendCode(user, 'sign_in', user.phone!, now);
    return { token, method, sentTo: method === 'sms' ? maskPhone(user.phone!) : null };
  }

  /** The user whose challenge this code (or a recovery code) answers; null when it does not. */
  async answer(challengeToken: string, code: string, address: string | null, now: number): Promise<User | null> {
    const th = tokenHash(challengeToken);
    const userId = await this.#store.challengeTry(th, now, CODE_TRIES);
    const user = userId === null ? null : await this.#users.user(userId);
    if (user?.status !== 'active') return null;
    const ok = (await this.#rightCode(user, code, now)) || (await this.#recovery(user, code, now));
    if (!ok) {
      await this.#record(user, 'second_factor_failed', now, user.secondFactor, address);
      return null;
    }
    await this.#store.endChallenge(th);
    return user;
  }

  async #rightCode(user: User, code: string, now: number): Promise<boolean> {
    const digits = normaliseCode(code);
    if (!/^\d{6}$/.test(digits)) return false;
    if (user.secondFactor === 'totp') {
      const { secret } = await this.#store.totp(user.id);
      const delta = secret === null ? null : this.#totp(user, secret).validate({ token: digits, timestamp: now, window: 1 });
      // A code works once: its step must be later than the last one used.
      return delta != null && (await this.#store.useTotpStep(user.id, Math.floor(now / 30_000) + delta));
    }
    return (await this.#store.tryCode(user.id, 'sign_in', hash(digits), now, CODE_TRIES))?.ok === true;
  }

  async #recovery(user: User, code: string, now: number): Promise<boolean> {
    const normal = normaliseRecovery(code);
    if (normal.length !== 10 || !(await this.#store.useRecoveryCode(user.id, hash(normal), now))) return false;
    await this.#record(user, 'recovery_code_used', now, `${await this.#store.recoveryCodesLeft(user.id)} left`);
    return true;
  }

  recoveryCodesLeft(user: User): Promise<number> {
    return this.#store.recoveryCodesLeft(user.id);
  }

  required(accountId: number): Promise<boolean> {
    return this.#store.accountRequirement(accountId);
  }

  /** An administrator requires (or no longer requires) a second factor of everyone in the account. */
  async require(by: User | null, accountId: number, required: boolean, now: number): Promise<void> {
    await this.#store.setAccountRequirement(accountId, required);
    await this.#audit.record({ accountId, userId: by?.id ?? null, email: by?.email ?? null, action: 'second_factor_required', address: null, detail: required ? 'on' : 'off', at: now });
  }
}

/** +4917612345678 → +49 ••• ••78: enough to recognise one's own phone. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 3)} ••• ••${e164.slice(-2)}`;
}
