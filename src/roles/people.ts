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

export interface PeopleRole {
  deps: ApiDeps['people'];
  close(): Promise<void>;
}

export function startPeople(database: Database, config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'budgetCheckMs'>, logger: Logger, linkBase: () => string, texts: CodeTexts): PeopleRole {
  const store = new SqlPeopleStore(database);
  const audit = new SqlAuditStore(database);
  const outboxStore = new SqlOutboxStore(database);
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : null;
  const outbox = new Outbox(outboxStore, transport, logger);
  const branding = new Branding(new SqlBrandingStore(database));
  void branding.read().catch((err: unknown) => logger.warn({ err }, 'branding not read; Petrel’s own is used'));
  const product = () => branding.current.productName;
  const links = new AccessLinks({ users: store, links: store, mailer: outbox, audit, linkBase, product });
  const retry = transport ? setInterval(() => void outbox.retry().catch((err: unknown) => logger.warn({ err }, 'mail retry failed')), RETRY_EVERY_MS) : null;
  retry?.unref();
  const notificationStore = new SqlNotificationStore(database);
  const notifications = new Notifications({ store: notificationStore, audience: notificationStore, mailer: outbox, mails: outbox.delivers });
  // Budget alerts: off the request path, every thread may look (a level is claimed before it is told).
  let checking = false;
  const budgets = setInterval(() => {
    if (checking) return;
    checking = true;
    notifications
      .checkCredit(Date.now())
      .catch((err: unknown) => logger.warn({ err }, 'budget check failed'))
      .finally(() => (checking = false));
  }, config.budgetCheckMs);
  budgets.unref();
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
      if (retry) clearInterval(retry);
      clearInterval(budgets);
      await outbox.settled();
      transport?.close();
    },
  };
}
