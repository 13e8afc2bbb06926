// Phone codes, TOTP secrets, recovery codes and half-done sign-ins (migration 0011). A code is
// tried with its try counted in the same statement, so parallel guesses cannot exceed the tries.

import type { CodePurpose, SecondFactorStore } from '../people/ports.ts';
import { writeTransaction, type Database } from './database.ts';

export class SqlSecondFactorStore implements SecondFactorStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  get #db() {
    return this.#database.db;
  }

  async putCode(c: { userId: number; purpose: CodePurpose; codeHash: string; phone: string; expiresAt: number }): Promise<void> {
    await writeTransaction(this.#database, async (trx) => {
      await trx.deleteFrom('user_codes').where('user_id', '=', c.userId).where('purpose', '=', c.purpose).execute();
      await trx.insertInto('user_codes').values({ user_id: c.userId, purpose: c.purpose, code_hash: c.codeHash, phone: c.phone, expires_at: c.expiresAt }).execute();
    });
  }

  tryCode(userId: number, purpose: CodePurpose, codeHash: string, now: number, maxTries: number): Promise<{ ok: true; phone: string } | { ok: false } | null> {
    return writeTransaction(this.#database, async (trx) => {
      const tried = await trx
        .updateTable('user_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('expires_at', '>', now)
        .where('attempts', '<', maxTries)
        .returning(['code_hash', 'phone', 'attempts'])
        .executeTakeFirst();
      if (!tried) return null;
      const ok = tried.code_hash === codeHash;
      if (ok || tried.attempts >= maxTries) await trx.deleteFrom('user_codes').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
      return ok ? { ok: true as const, phone: tried.phone } : { ok: false as const };
    });
  }

  async setPhone(userId: number, phone: string, verifiedAt: number): Promise<void> {
    await this.#db.updateTable('users').set({ phone, phone_verified_at: verifiedAt, updated_at: verifiedAt }).where('id', '=', userId).execute();
  }

  async setTotpPending(userId: number, secret: string | null): Promise<void> {
    await this.#db.updateTable('users').set({ totp_pending: secret }).where('id', '=', userId).execute();
  }

  async totp(userId: number): Promise<{ secret: string | null; pending: string | null }> {
    const r = await this.#db.selectFrom('users').select(['totp_secret', 'totp_pending']).where('id', '=', userId).executeTakeFirst();
    return { secret: r?.totp_secret ?? null, pending: r?.totp_pending ?? null };
  }

  async useTotpStep(userId: number, step: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async enable(userId: number, method: 'sms' | 'totp', totpSecret: string | null, recoveryHashes: string[]): Promise<void> {
    await writeTransaction(this.#database, async (trx) => {
      await trx.updateTable('users').set({ second_factor: method, totp_secret: totpSecret, totp_pending: null, totp_last_step: null }).where('id', '=', userId).execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('recovery_codes')
        .values(recoveryHashes.map((h) => ({ user_id: userId, code_hash: h })))
        .execute();
    });
  }

  async disable(userId: number): Promise<void> {
    await writeTransaction(this.#database, async (trx) => {
      await trx.updateTable('users').set({ second_factor: 'none', totp_secret: null, totp_pending: null }).where('id', '=', userId).execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    });
  }

  async useRecoveryCode(userId: number, codeHash: string, at: number): Promise<boolean> {
    const r = await this.#db.updateTable('recovery_codes').set({ used_at: at }).where('user_id', '=', userId).where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async recoveryCodesLeft(userId: number): Promise<number> {
    const r = await this.#db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createChallenge(c: { tokenHash: string; userId: number; address: string | null; expiresAt: number }): Promise<void> {
    await this.#db.insertInto('sign_in_challenges').values({ token_hash: c.tokenHash, user_id: c.userId, address: c.address, expires_at: c.expiresAt }).execute();
  }

  challengeTry(tokenHash: string, now: number, maxTries: number): Promise<number | null> {
    return writeTransaction(this.#database, async (trx) => {
      const r = await trx
        .updateTable('sign_in_challenges')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .where('attempts', '<', maxTries)
        .returning(['user_id', 'attempts'])
        .executeTakeFirst();
      if (!r) await trx.deleteFrom('sign_in_challenges').where('token_hash', '=', tokenHash).execute();
      return r?.user_id ?? null;
    });
  }

  async endChallenge(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('sign_in_challenges').where('token_hash', '=', tokenHash).execute();
  }

  async accountRequirement(accountId: number): Promise<boolean> {
    const r = await this.#db.selectFrom('accounts').select('require_second_factor').where('id', '=', accountId).executeTakeFirst();
    return r?.require_second_factor === 1;
  }

  async setAccountRequirement(accountId: number, required: boolean): Promise<void> {
    await this.#db
      .updateTable('accounts')
      .set({ require_second_factor: required ? 1 : 0 })
      .where('id', '=', accountId)
      .execute();
  }
}
