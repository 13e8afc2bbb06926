// Campaigns (seed: Create Campaign, Campaigns, Campaign): drafts written in two steps (sender
// and recipients; message, schedule, traffic account), cloned, deleted, and previewed per
// recipient as the server will render them. Launching, preparing and sending build on these.

import { campaignNameProblem } from '../domain/campaigns.ts';
import { placeholderProblem } from '../domain/contacts.ts';
import { coded, ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { type Personalization, render } from '../domain/personalize.ts';
import { type DataScope, inScope } from '../domain/scopes.ts';
import { isTimeZone } from '../domain/preferences.ts';
import { checkSender } from '../domain/sender.ts';
import { messageCount } from '../domain/message-count.ts';
import { estimateCost, type PriceRow } from '../domain/pricing.ts';
import { templateTextProblem } from '../domain/templates.ts';
import type { Campaign, CampaignFields, CampaignStore, ListStore, Page, PageQuery } from './ports.ts';
import type { CampaignStatus } from '../domain/campaign-state.ts';

/** What the campaigns need to know of a traffic account. */
export interface CampaignTrafficAccount {
  id: number;
  name: string;
  type: string;
  status: string;
  currency: string;
}

export interface CostEstimate {
  /** Contacts of the lists, less blacklisted numbers (duplicates across lists still counted). */
  recipients: number;
  /** Parts of the message as written, per recipient. */
  parts: number;
  /** Null without a traffic account to price it. */
  cost: { micros: number; currency: string } | null;
  /** Recipients in countries the price list does not cover. */
  unpriced: number;
}

/** Who asks: their account, the traffic accounts they may use, and who they are. */
export interface CampaignCaller {
  accountId: number;
  userId: number | null;
  scope: DataScope;
}

const FALLBACK_MAX = 500;

const invalid = (field: string, message: string) => new ValidationError('invalid_parameter', field, message);

function checkPersonalization(p: Personalization): Personalization {
  for (const [name, column] of Object.entries(p.columns)) {
    const problem = placeholderProblem(name) ?? placeholderProblem(column);
    if (problem) throw invalid(`personalization/columns/${name}`, problem);
  }
  for (const [name, text] of Object.entries(p.fallbacks)) {
    const problem = placeholderProblem(name) ?? (text.length > FALLBACK_MAX ? `a fallback has at most ${FALLBACK_MAX} characters` : null);
    if (problem) throw invalid(`personalization/fallbacks/${name}`, problem);
  }
  return p;
}

export class Campaigns {
  readonly #store: CampaignStore;
  readonly #lists: ListStore;
  readonly #trafficAccounts: (accountId: number) => Promise<CampaignTrafficAccount[]>;

  readonly #prices: (trafficAccountId: number) => Promise<readonly PriceRow[]>;

  constructor(o: {
    store: CampaignStore;
    lists: ListStore;
    trafficAccounts: (accountId: number) => Promise<CampaignTrafficAccount[]>;
    prices: (trafficAccountId: number) => Promise<readonly PriceRow[]>;
  }) {
    this.#store = o.store;
    this.#lists = o.lists;
    this.#trafficAccounts = o.trafficAccounts;
    this.#prices = o.prices;
  }

  /**
   * The estimated cost (seed: Message & Preview's counters): the message as written, in parts
   * by the unicode detection of the person, times the price per part of each recipient's
   * country on the campaign's traffic account. Placeholders are counted as written: a long
   * name may add a part for some recipients.
   */
  async estimate(c: CampaignCaller, id: number, o: { text?: string | undefined; trafficAccountId?: number | null | undefined }, unicodeDetection: boolean): Promise<CostEstimate> {
    const campaign = await this.get(c, id);
    const message = o.text ?? campaign.text;
    const trafficAccountId = o.trafficAccountId === undefined ? campaign.trafficAccountId : o.trafficAccountId;
    const parts = messageCount(message, unicodeDetection).parts;
    const byCountry = await this.#lists.countries(c.accountId, campaign.listIds);
    const recipients = [...byCountry.values()].reduce((a, b) => a + b, 0);
    const ta = trafficAccountId === null ? undefined : (await this.#trafficAccounts(c.accountId)).find((t) => t.id === trafficAccountId && inScope(c.scope, t.id));
    if (!ta) return { recipients, parts, cost: null, unpriced: recipients };
    const { costMicros, unpriced } = estimateCost(await this.#prices(ta.id), byCountry, parts);
    return { recipients, parts, cost: { micros: costMicros, currency: ta.currency }, unpriced };
  }

  /** Each field of a draft checked; the first problem names its field. */
  async #checked(c: CampaignCaller, f: Partial<CampaignFields>): Promise<Partial<CampaignFields>> {
    const out: Partial<CampaignFields> = { ...f };
    if (f.name !== undefined) {
      const problem = campaignNameProblem(f.name);
      if (problem) throw invalid('name', problem);
      out.name = f.name.trim();
    }
    if (f.sender !== undefined && f.sender !== null) {
      const s = checkSender(f.sender.trim());
      if (!s.ok) throw coded(invalid('sender', s.reason), 'sender_invalid');
      out.sender = s.sender.value;
    }
    if (f.text !== undefined && f.text !== '') {
      const problem = templateTextProblem(f.text);
      if (problem) throw invalid('text', problem);
    }
    if (f.personalization !== undefined) out.personalization = checkPersonalization(f.personalization);
    if (f.trafficAccountId !== undefined && f.trafficAccountId !== null) await this.#checkTrafficAccount(c, f.trafficAccountId);
    if (f.listIds !== undefined) {
      const unique = [...new Set(f.listIds)];
      const own = new Set(await this.#store.ownLists(c.accountId, unique));
      const missing = unique.find((id) => !own.has(id));
      if (missing !== undefined) throw coded(new NotFoundError(`no distribution list ${missing}`), 'not_found');
      out.listIds = unique;
    }
    if (f.timeZone !== undefined && f.timeZone !== null && !isTimeZone(f.timeZone)) throw invalid('timeZone', `${JSON.stringify(f.timeZone)} is not a time zone (IANA, such as Europe/Berlin)`);
    return out;
  }

  /** A campaign sends on an active traffic account of type campaign that the person may use. */
  async #checkTrafficAccount(c: CampaignCaller, id: number): Promise<void> {
    const ta = (await this.#trafficAccounts(c.accountId)).find((t) => t.id === id);
    if (!ta || !inScope(c.scope, id)) throw coded(invalid('trafficAccountId', `no traffic account ${id} of yours`), 'traffic_account_unknown', { names: String(id) });
    if (ta.type !== 'campaign') throw invalid('trafficAccountId', `${ta.name} is a traffic account of type ${ta.type}: campaigns send on one of type campaign`);
    if (ta.status !== 'active') throw invalid('trafficAccountId', `${ta.name} is inactive`);
  }

  async create(c: CampaignCaller, f: Partial<CampaignFields> & { name: string }, now: number): Promise<Campaign> {
    const checked = await this.#checked(c, f);
    const fields: CampaignFields = {
      name: checked.name!,
      sender: checked.sender ?? null,
      text: checked.text ?? '',
      personalization: checked.personalization ?? { columns: {}, fallbacks: {} },
      trafficAccountId: checked.trafficAccountId ?? null,
      listIds: checked.listIds ?? [],
      scheduleAt: checked.scheduleAt ?? null,
      timeZone: checked.timeZone ?? null,
    };
    return this.#store.create(c.accountId, fields, c.userId, now);
  }

  list(c: CampaignCaller, q: PageQuery & { statuses?: readonly CampaignStatus[] | undefined }): Promise<Page<Campaign>> {
    return this.#store.list(c.accountId, q);
  }

  async get(c: CampaignCaller, id: number): Promise<Campaign> {
    const campaign = await this.#store.get(c.accountId, id);
    if (!campaign) throw new NotFoundError(`no campaign ${id}`);
    return campaign;
  }

  async change(c: CampaignCaller, id: number, f: Partial<CampaignFields>, now: number): Promise<Campaign> {
    const r = await this.#store.changeDraft(c.accountId, id, await this.#checked(c, f), now);
    if (r === null) throw new NotFoundError(`no campaign ${id}`);
    if (r === 'not_draft') throw this.#notDraft(await this.get(c, id));
    return r;
  }

  #notDraft(campaign: Campaign): ConflictError {
    return coded(new ConflictError(`campaign ${campaign.id} is ${campaign.status}: only a draft changes`), 'campaign_state', { status: campaign.status });
  }

  async delete(c: CampaignCaller, id: number): Promise<void> {
    const r = await this.#store.deleteDraft(c.accountId, id);
    if (r === 'not_found') throw new NotFoundError(`no campaign ${id}`);
    if (r === 'not_draft') throw this.#notDraft(await this.get(c, id));
  }

  /** A new draft with the campaign's settings under a new name (the seed's clone). */
  async clone(c: CampaignCaller, id: number, name: string, now: number): Promise<Campaign> {
    const from = await this.get(c, id);
    const { sender, text, personalization, trafficAccountId, listIds, timeZone } = from;
    // The schedule is not copied: it is likely past; the lists and traffic account are checked again.
    return this.create(c, { name, sender, text, personalization, trafficAccountId: trafficAccountId !== null && inScope(c.scope, trafficAccountId) ? trafficAccountId : null, listIds, timeZone }, now);
  }

  /**
   * The message for the campaign's n-th recipient (0-based, across its lists in order), as the
   * server will render it; `total` counts the lists' contacts (duplicates are removed only when
   * the campaign is prepared).
   */
  async preview(c: CampaignCaller, id: number, n: number, text?: string): Promise<{ total: number; index: number; phone: string | null; text: string; missing: string[] }> {
    const campaign = await this.get(c, id);
    const message = text ?? campaign.text;
    let total = 0;
    const sizes: Array<{ id: number; contacts: number }> = [];
    for (const listId of campaign.listIds) {
      const list = await this.#lists.get(c.accountId, listId);
      if (list) sizes.push({ id: listId, contacts: list.contacts }), (total += list.contacts);
    }
    if (total === 0) return { total, index: 0, phone: null, ...render(message, {}, campaign.personalization) };
    const index = Math.min(Math.max(0, n), total - 1);
    let offset = index;
    for (const s of sizes) {
      if (offset >= s.contacts) {
        offset -= s.contacts;
        continue;
      }
      const contact = (await this.#lists.contacts(c.accountId, s.id, { offset, limit: 1 }))?.items[0];
      if (contact) return { total, index, phone: contact.phone, ...render(message, { ...contact.fields, phone: contact.phone }, campaign.personalization) };
    }
    return { total, index, phone: null, ...render(message, {}, campaign.personalization) };
  }
}
