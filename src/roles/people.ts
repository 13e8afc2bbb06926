// The people area of one API thread: users, sessions, links by mail and the outbox, the second
// factor (its SMS codes go through `texts`, the gateway's own pipeline) over this thread's
// database connection, with the SMTP transport when one is configured. Failed mail is
// tried again every minute (each mail is claimed before an attempt, so threads and processes
// never send one twice).

import type { Logger } from 'pino';
import type { ApiDeps } from '../api/deps.ts';
import type { Config } from '../config/config.ts';
import { smtpTransport } from '../mail/smtp.ts';
import { AccessLinks } from '../people/links.ts';
import { Outbox } from '../people/mail.ts';
import { Sessions } from '../people/sessions.ts';
import { SignInLimit } from '../people/sign-in-limit.ts';
import { Users } from '../people/users.ts';
import { SecondFactor } from '../people/second-factor.ts';
import type { CodeTexts } from '../people/ports.ts';
import { SqlSecondFactorStore } from '../storage/second-factor-repository.ts';
import { SqlNotificationStore } from '../storage/notification-repository.ts';
import { Notifications } from '../people/notifications.ts';
import { Branding } from '../people/branding.ts';
import { SqlBrandingStore } from '../storage/branding-repository.ts';
import { SqlAuditStore } from '../storage/audit-repository.ts';
import type { Database } from '../storage/database.ts';
import { SqlOutboxStore } from '../storage/outbox-repository.ts';
import { SqlPeopleStore } from '../storage/people-repository.ts';

const RETRY_EVERY_MS = 60_000;

/** Runs `job` every `ms` off the request path, never two at once; a failure is logged, not fatal. */
function every(ms: number, job: () => Promise<unknown>, logger: Logger, what: string): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch((err: unknown) => logger.warn({ err }, `${what} failed`))
      .finally(() => (running = false));
  }, ms);
  return timer.unref();
}

export interface PeopleRole {
  deps: ApiDeps['people'];
  close(): Promise<void>;
}

/**
 * `periodic`: this thread runs the mail retries and the budget checks (the main API thread;
 * the others would only repeat them — a mail attempt and a credit level are claimed in SQL, so
 * several processes may still run them side by side).
 */
export function startPeople(
  database: Database,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'budgetCheckMs'>,
  logger: Logger,
  linkBase: () => string,
  texts: CodeTexts,
  periodic: boolean,
): PeopleRole {
  const store = new SqlPeopleStore(database);
  const audit = new SqlAuditStore(database);
  const outboxStore = new SqlOutboxStore(database);
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : null;
  const outbox = new Outbox(outboxStore, transport, logger);
  const branding = new Branding(new SqlBrandingStore(database));
  void branding.read().catch((err: unknown) => logger.warn({ err }, 'branding not read; Petrel’s own is used'));
  const product = () => branding.current.productName;
  const links = new AccessLinks({ users: store, links: store, mailer: outbox, audit, linkBase, product });
  const notificationStore = new SqlNotificationStore(database);
  const notifications = new Notifications({ store: notificationStore, audience: notificationStore, mailer: outbox, mails: outbox.delivers });
  const timers = periodic
    ? [...(transport ? [every(RETRY_EVERY_MS, () => outbox.retry(), logger, 'mail retry')] : []), every(config.budgetCheckMs, () => notifications.checkCredit(Date.now()), logger, 'budget check')]
    : [];
  return {
    deps: {
      sessions: new Sessions(store, store, audit),
      signInLimit: new SignInLimit(),
      resetLimit: new SignInLimit(),
      audit,
      users: new Users(store, audit),
      links,
      outbox: outboxStore,
      mailDelivers: outbox.delivers,
      notifications: notificationStore,
      secondFactor: new SecondFactor({ store: new SqlSecondFactorStore(database), users: store, texts, audit, issuer: product }),
      branding,
    },
    async close() {
      for (const t of timers) clearInterval(t);
      await outbox.settled();
      transport?.close();
    },
  };
}
