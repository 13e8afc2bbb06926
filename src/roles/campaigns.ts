// The campaign manager's objects over one database connection: the API role's (lists, uploads, templates)
// and the worker role's (the jobs that import).

import type { Logger } from 'pino';
import { ListImports } from '../campaigns/list-imports.ts';
import { Campaigns } from '../campaigns/campaigns.ts';
import { ContentRules } from '../campaigns/content-rules.ts';
import { Lists } from '../campaigns/lists.ts';
import { Templates } from '../campaigns/templates.ts';
import { JobRunner } from '../jobs/runner.ts';
import type { Database } from '../storage/database.ts';
import { SqlCampaignStore } from '../storage/campaigns-repository.ts';
import { SqlContentRuleStore } from '../storage/content-rules-repository.ts';
import { SqlJobStore } from '../storage/job-repository.ts';
import { LIST_IMPORT_JOB, SqlImportStore } from '../storage/list-imports-repository.ts';
import { SqlListStore } from '../storage/lists-repository.ts';
import { SqlNotificationStore } from '../storage/notification-repository.ts';
import { SqlTemplateStore } from '../storage/templates-repository.ts';
import { SqlTenancyStore } from '../storage/tenancy-repository.ts';

/** List imports, which the API role uploads into and the worker role's jobs run. */
function importsFor(database: Database): ListImports {
  const notifications = new SqlNotificationStore(database);
  return new ListImports({ store: new SqlImportStore(database), notify: { toUsers: (ids, n, now) => notifications.add(ids, n, now) } });
}

export function campaignsFor(database: Database): { lists: Lists; imports: ListImports; templates: Templates; campaigns: Campaigns; contentRules: ContentRules } {
  const listStore = new SqlListStore(database);
  const tenancy = new SqlTenancyStore(database);
  return {
    lists: new Lists(listStore),
    imports: importsFor(database),
    templates: new Templates(new SqlTemplateStore(database)),
    contentRules: new ContentRules(new SqlContentRuleStore(database)),
    campaigns: new Campaigns({ store: new SqlCampaignStore(database), lists: listStore, trafficAccounts: (id) => tenancy.listTrafficAccounts(id), prices: (id) => tenancy.prices(id) }),
  };
}

/** The worker role's job runner for the campaign manager's background work. */
export function campaignJobs(database: Database, o: { owner: string; pollMs: number; logger: Logger }): JobRunner {
  const imports = importsFor(database);
  return new JobRunner({
    store: new SqlJobStore(database),
    handlers: { [LIST_IMPORT_JOB]: (job, ctx) => imports.run(job, ctx) },
    owner: o.owner,
    // Renewed every third of it while a job runs: a worker killed mid-import lets it go within 30 s.
    leaseMs: 30_000,
    pollMs: Math.max(o.pollMs, 250),
    concurrency: 2,
    maxAttempts: 5,
    backoff: { baseMs: 1000, maxMs: 60_000 },
    logger: o.logger,
  });
}
