// Mail to people (invitations, password resets, later notifications). Every mail is committed
// to the outbox first; with an SMTP server configured it is then delivered, and a failed
// delivery is tried again (up to MAX_ATTEMPTS, by `retry()` on a timer). Without one the mail
// stays in the outbox, where an administrator reads it (`petrel mail outbox`, the Mail outbox
// page), so a fresh install can still invite people.

import type { Logger } from 'pino';
import type { Mailer, MailTransport, OutboxEntry, OutboxStore, OutgoingMail } from './ports.ts';

export const MAX_ATTEMPTS = 5;

export class Outbox implements Mailer {
  readonly #store: OutboxStore;
  readonly #transport: MailTransport | null;
  readonly #logger: Pick<Logger, 'warn'>;
  /** Deliveries started and not finished (tests and shutdown wait for them). */
  readonly #inFlight = new Set<Promise<void>>();

  constructor(store: OutboxStore, transport: MailTransport | null, logger: Pick<Logger, 'warn'>) {
    this.#store = store;
    this.#transport = transport;
    this.#logger = logger;
  }

  /** True when mail is delivered by SMTP; false: it is only kept in the outbox. */
  get delivers(): boolean {
    return this.#transport !== null;
  }

  /**
   * Commits the mail, then delivers it in the background: the caller's answer never waits for
   * (or reveals, by its timing) an SMTP conversation.
   */
  async send(mail: OutgoingMail, now: number): Promise<void> {
    const id = await this.#store.add(mail, now);
    if (!this.#transport) return;
    this.#track(this.#attempt({ id, attempts: 0, to: mail.to, subject: mail.subject, body: mail.body }));
  }

  /** Tries the failed ones again. */
  async retry(): Promise<void> {
    if (!this.#transport) return;
    for (const e of await this.#store.retryable(MAX_ATTEMPTS, 50)) this.#track(this.#attempt(e));
    await this.settled();
  }

  /** Waits for the deliveries under way. */
  async settled(): Promise<void> {
    while (this.#inFlight.size) await Promise.allSettled([...this.#inFlight]);
  }

  #track(p: Promise<void>): void {
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p));
  }

  async #attempt(e: Pick<OutboxEntry, 'id' | 'attempts' | 'to' | 'subject' | 'body'>): Promise<void> {
    if (e.body === null || !(await this.#store.claim(e.id, e.attempts))) return;
    try {
      await this.#transport!.deliver({ to: e.to, subject: e.subject, text: e.body });
      await this.#store.sent(e.id, Date.now());
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.#logger.warn({ mail: e.id, attempt: e.attempts + 1, err: message }, 'mail not delivered; it stays in the outbox');
      await this.#store.failed(e.id, message).catch(() => {});
    }
  }
}

/** The words of the mails, in one place. */
export const mails = {
  invitation(o: { product: string; inviter: string; account: string; link: string; days: number }): Pick<OutgoingMail, 'subject' | 'body'> {
    return {
      subject: `You are invited to ${o.product}`,
      body:
        `${o.inviter} invited you to ${o.product} (account ${o.account}).\n\n` +
        `Set your password and sign in here (the link works once, for ${o.days} days):\n${o.link}\n\n` +
        `If you did not expect this, ignore this mail.\n`,
    };
  },
  passwordReset(o: { product: string; link: string }): Pick<OutgoingMail, 'subject' | 'body'> {
    return {
      subject: `Reset your ${o.product} password`,
      body:
        `Someone asked to reset the password of your ${o.product} sign-in.\n\n` +
        `Choose a new password here (the link works once, for 1 hour):\n${o.link}\n\n` +
        `If it was not you, ignore this mail: your password stays as it is.\n`,
    };
  },
};
