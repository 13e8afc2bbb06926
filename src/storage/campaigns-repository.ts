// Campaigns (campaigns/ports.ts CampaignStore), scoped by account. A draft changes only while
// it is a draft: the UPDATE says so (`AND status = 'draft'`), never a read then a write.

import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Campaign, CampaignFields, CampaignKind, CampaignStore, Page, PageQuery } from '../campaigns/ports.ts';
import type { CampaignStatus } from '../domain/campaign-state.ts';
import type { Personalization } from '../domain/personalize.ts';
import type { Database } from './database.ts';
import { contains } from './search.ts';
import type { CampaignsTable, Schema } from './schema.ts';

type Row = Selectable<CampaignsTable> & { created_by_name: string | null };

function toCampaign(r: Row, listIds: number[]): Campaign {
  return {
    id: Number(r.id),
    accountId: Number(r.account_id),
    kind: r.kind as CampaignKind,
    name: r.name,
    status: r.status as CampaignStatus,
    statusReason: r.status_reason,
    sender: r.sender,
    text: r.text,
    personalization: JSON.parse(r.personalization) as Personalization,
    trafficAccountId: r.traffic_account_id === null ? null : Number(r.traffic_account_id),
    listIds,
    scheduleAt: r.schedule_at === null ? null : Number(r.schedule_at),
    timeZone: r.time_zone,
    recipients: Number(r.recipients),
    sent: Number(r.sent),
    createdBy: r.created_by_name,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    launchedAt: r.launched_at === null ? null : Number(r.launched_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

/** The columns a draft's fields go to. */
function columns(f: Partial<CampaignFields>) {
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.sender !== undefined ? { sender: f.sender } : {}),
    ...(f.text !== undefined ? { text: f.text } : {}),
    ...(f.personalization !== undefined ? { personalization: JSON.stringify(f.personalization) } : {}),
    ...(f.trafficAccountId !== undefined ? { traffic_account_id: f.trafficAccountId } : {}),
    ...(f.scheduleAt !== undefined ? { schedule_at: f.scheduleAt } : {}),
    ...(f.timeZone !== undefined ? { time_zone: f.timeZone } : {}),
  };
}

export class SqlCampaignStore implements CampaignStore {
  readonly #db: Kysely<Schema>;

  constructor(database: Database) {
    this.#db = database.db;
  }

  #campaigns(accountId: number) {
    return this.#db.selectFrom('campaigns as c').leftJoin('users as u', 'u.id', 'c.created_by').selectAll('c').select('u.name as created_by_name').where('c.account_id', '=', accountId);
  }

  async #withLists(rows: Row[]): Promise<Campaign[]> {
    if (rows.length === 0) return [];
    const links = await this.#db
      .selectFrom('campaign_lists')
      .select(['campaign_id', 'list_id'])
      .where(
        'campaign_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('position')
      .execute();
    const of = (id: number) => links.filter((l) => Number(l.campaign_id) === Number(id)).map((l) => Number(l.list_id));
    return rows.map((r) => toCampaign(r, of(r.id)));
  }

  async #setLists(trx: Transaction<Schema>, campaignId: number, listIds: readonly number[]): Promise<void> {
    await trx.deleteFrom('campaign_lists').where('campaign_id', '=', campaignId).execute();
    if (listIds.length)
      await trx
        .insertInto('campaign_lists')
        .values(listIds.map((list_id, position) => ({ campaign_id: campaignId, list_id, position })))
        .execute();
  }

  async create(accountId: number, f: CampaignFields, createdBy: number | null, now: number): Promise<Campaign> {
    const id = await this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('campaigns')
        .values({ account_id: accountId, status: 'draft', ...columns(f), name: f.name, created_by: createdBy, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.#setLists(trx, Number(r.id), f.listIds);
      return Number(r.id);
    });
    return (await this.get(accountId, id))!;
  }

  async list(accountId: number, q: PageQuery & { statuses?: readonly CampaignStatus[] | undefined }): Promise<Page<Campaign>> {
    let base = this.#campaigns(accountId);
    if (q.search) base = base.where(contains('c.name', q.search, true));
    if (q.statuses?.length) base = base.where('c.status', 'in', q.statuses);
    const total = Number(
      (
        await base
          .clearSelect()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const rows = await base.orderBy('c.id', 'desc').limit(q.limit).offset(q.offset).execute();
    return { items: await this.#withLists(rows), total };
  }

  async get(accountId: number, id: number): Promise<Campaign | null> {
    const r = await this.#campaigns(accountId).where('c.id', '=', id).executeTakeFirst();
    return r ? (await this.#withLists([r]))[0]! : null;
  }

  async changeDraft(accountId: number, id: number, f: Partial<CampaignFields>, now: number): Promise<Campaign | null | 'not_draft'> {
    const changed = await this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('campaigns')
        .set({ ...columns(f), updated_at: now })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      if (f.listIds !== undefined) await this.#setLists(trx, id, f.listIds);
      return true;
    });
    const campaign = await this.get(accountId, id);
    if (!campaign) return null;
    return changed ? campaign : 'not_draft';
  }

  async deleteDraft(accountId: number, id: number): Promise<'deleted' | 'not_found' | 'not_draft'> {
    const r = await this.#db.deleteFrom('campaigns').where('id', '=', id).where('account_id', '=', accountId).where('status', '=', 'draft').executeTakeFirst();
    if (Number(r.numDeletedRows) === 1) return 'deleted';
    return (await this.get(accountId, id)) ? 'not_draft' : 'not_found';
  }

  async ownLists(accountId: number, ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db.selectFrom('lists').select('id').where('account_id', '=', accountId).where('id', 'in', ids).execute();
    return rows.map((r) => Number(r.id));
  }
}
