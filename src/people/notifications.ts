// Notifications (seed: Notifications) and the notify() port other areas call: part 2's imports
// and campaigns, and here the budget alerts. A notification goes to users; `toTrafficAccount`
// finds them (its members, else the account's administrators). With SMTP set, budget alerts
// are also mailed.

import { formatMicros } from '../domain/pricing.ts';
import type { AudienceStore, Mailer, NotificationContent, NotificationStore } from './ports.ts';

/** An amount as people read it in a sentence: two decimals (micro-units cut, not rounded up). */
const cents = (micros: number) => formatMicros(micros).replace(/(\.\d\d)\d*$/, '$1');

export interface Notify {
  toUsers(userIds: number[], n: NotificationContent, now: number): Promise<void>;
  toTrafficAccount(accountId: number, trafficAccountId: number, n: NotificationContent, now: number, mail?: { subject: string }): Promise<void>;
}

export class Notifications implements Notify {
  readonly #store: NotificationStore;
  readonly #audience: AudienceStore;
  readonly #mailer: Mailer;
  readonly #mails: boolean;

  constructor(o: { store: NotificationStore; audience: AudienceStore; mailer: Mailer; mails: boolean }) {
    this.#store = o.store;
    this.#audience = o.audience;
    this.#mailer = o.mailer;
    this.#mails = o.mails;
  }

  toUsers(userIds: number[], n: NotificationContent, now: number): Promise<void> {
    return userIds.length ? this.#store.add(userIds, n, now) : Promise.resolve();
  }

  async toTrafficAccount(accountId: number, trafficAccountId: number, n: NotificationContent, now: number, mail?: { subject: string }): Promise<void> {
    const people = await this.#audience.audience(accountId, trafficAccountId);
    await this.toUsers(
      people.map((u) => u.id),
      n,
      now,
    );
    if (!mail || !this.#mails) return;
    for (const u of people) await this.#mailer.send({ accountId, to: u.email, subject: mail.subject, body: `${n.content}\n` }, now);
  }

  /**
   * Tells the people of every traffic account whose credit crossed 80 % or 100 % of its limit
   * since the last look; a reset (or a higher limit) brings the level back down quietly, so the
   * next crossing is told again. Safe to run in every process: a level is claimed before telling.
   */
  async checkCredit(now: number): Promise<number> {
    let told = 0;
    for (const c of await this.#audience.creditCrossings()) {
      if (!(await this.#audience.markCreditLevel(c.trafficAccountId, c.alerted, c.level)) || c.level <= c.alerted) continue;
      const used = `${cents(c.usedMicros)} of ${cents(c.limitMicros)} ${c.currency}`;
      const content =
        c.level === 100
          ? `Traffic account ${c.displayName} (${c.name}) has used its whole credit (${used}): new messages are refused until it is raised or reset.`
          : `Traffic account ${c.displayName} (${c.name}) has used 80 % of its credit (${used}).`;
      await this.toTrafficAccount(c.accountId, c.trafficAccountId, { type: c.level === 100 ? 'error' : 'warning', tag: 'budget', content }, now, {
        subject: c.level === 100 ? `Credit used up: ${c.displayName}` : `80 % of the credit used: ${c.displayName}`,
      });
      told++;
    }
    return told;
  }
}
