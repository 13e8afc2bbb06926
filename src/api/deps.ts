// What the HTTP layer needs; main.ts provides it.

import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { ConnectorLive } from '../engine/engine.ts';
import type { ConnectorStore, Timeline } from '../engine/ports.ts';
import type { BlacklistStore, InboundStore, MessageRecord, MessageStore, NumberStore, Principal, RouteStore } from '../gateway/ports.ts';
import type { SubmitRequest } from '../gateway/submit.ts';
import type { Tenancy } from '../gateway/tenancy.ts';
import type { CallbackAttempt } from '../webhooks/ports.ts';
import type { Metrics } from './metrics.ts';
import type { Sessions } from '../people/sessions.ts';
import type { AuditStore, NotificationStore, OutboxStore } from '../people/ports.ts';
import type { Users } from '../people/users.ts';
import type { AccessLinks } from '../people/links.ts';
import type { SecondFactor } from '../people/second-factor.ts';
import type { Branding } from '../people/branding.ts';
import type { SignInLimit } from '../people/sign-in-limit.ts';
import type { Lists } from '../campaigns/lists.ts';
import type { ListImports } from '../campaigns/list-imports.ts';
import type { Templates } from '../campaigns/templates.ts';
import type { Campaigns } from '../campaigns/campaigns.ts';
import type { ContentRules } from '../campaigns/content-rules.ts';

export interface ApiDeps {
  config: Pick<Config, 'bodyLimitBytes' | 'rateLimitPerKey' | 'secureCookies' | 'webDist'>;
  logger: Logger;
  tenancy: Tenancy;
  messages: MessageStore;
  inbound: InboundStore;
  numbers: NumberStore;
  blacklist: BlacklistStore;
  connectors: ConnectorStore;
  routes: RouteStore;
  /** Tells this thread's router to reread the routes (other threads see a change within seconds). */
  routesChanged(): void;
  /** gateway.submit bound to its dependencies: resolves after commit. */
  submit(req: SubmitRequest, principal: Principal): Promise<MessageRecord[]>;
  metrics: Metrics;
  /** The Prometheus text of the whole process (all threads). */
  renderMetrics(): Promise<string>;
  /** Readiness: the database answers. */
  /** 'starting' until every role of the process is up. */
  ready(): Promise<'ready' | 'starting' | 'database unreachable'>;
  /** How a message went out (parts, SMSC ids, receipts). */
  timeline(messageId: string): Promise<Timeline | null>;
  /** Its delivery-report callback attempts (an inbound message's forwards), oldest first. */
  callbackAttempts(messageId: string): Promise<CallbackAttempt[]>;
  /** Messages waiting in the queue for a connector (with `unrouted`, also those no route assigned). */
  queued(connectorId: number, unrouted: boolean): Promise<number>;
  engine: EngineView;
  /** Sign-in: sessions and the failed-sign-in limit of this process. */
  people: {
    sessions: Sessions;
    signInLimit: SignInLimit;
    /** Forgot-password requests, limited as failed sign-ins are. */
    resetLimit: SignInLimit;
    audit: AuditStore;
    users: Users;
    links: AccessLinks;
    outbox: OutboxStore;
    /** True when an SMTP server delivers the mail. */
    mailDelivers: boolean;
    secondFactor: SecondFactor;
    notifications: NotificationStore;
    branding: Branding;
  };
  /** The campaign manager: distribution lists and their imports. */
  campaigns: {
    lists: Lists;
    imports: ListImports;
    templates: Templates;
    campaigns: Campaigns;
    contentRules: ContentRules;
  };
}

/** The worker role as the API sees it (possibly from another thread). */
export interface EngineView {
  /** Live status of a connector's lane; null when no lane runs for it here. */
  live(connectorId: number): Promise<ConnectorLive | null>;
  /** Injects a mobile-originated message at the embedded simulator; null when none runs. */
  inject(m: { from: string; to: string; text: string; concat?: 'udh' | 'sar' | undefined }): Promise<boolean | null>;
}
