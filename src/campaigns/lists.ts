// Distribution lists (seed: Distribution Lists): create, rename, delete, and their contacts
// one by one. Imports are in list-imports.ts.

import { listNameProblem, placeholderProblem } from '../domain/contacts.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { toE164 } from '../domain/phone.ts';
import type { Contact, DistributionList, ListStore, Page, PageQuery } from './ports.ts';

function checkedName(raw: string): string {
  const problem = listNameProblem(raw);
  if (problem) throw new ValidationError('invalid_parameter', 'name', problem);
  return raw.trim();
}

export class Lists {
  readonly #store: ListStore;

  constructor(store: ListStore) {
    this.#store = store;
  }

  create(accountId: number, name: string, userId: number | null, now: number): Promise<DistributionList> {
    return this.#store.create(accountId, checkedName(name), userId, now);
  }

  list(accountId: number, q: PageQuery): Promise<Page<DistributionList>> {
    return this.#store.list(accountId, q);
  }

  async get(accountId: number, id: number): Promise<DistributionList> {
    const list = await this.#store.get(accountId, id);
    if (!list) throw new NotFoundError(`no distribution list ${id}`);
    return list;
  }

  async rename(accountId: number, id: number, name: string, now: number): Promise<DistributionList> {
    const list = await this.#store.rename(accountId, id, checkedName(name), now);
    if (!list) throw new NotFoundError(`no distribution list ${id}`);
    return list;
  }

  async delete(accountId: number, id: number): Promise<void> {
    if (!(await this.#store.delete(accountId, id))) throw new NotFoundError(`no distribution list ${id}`);
  }

  async contacts(accountId: number, listId: number, q: PageQuery): Promise<Page<Contact>> {
    const page = await this.#store.contacts(accountId, listId, q);
    if (!page) throw new NotFoundError(`no distribution list ${listId}`);
    return page;
  }

  /** A contact typed in: its number in E.164 (national forms with `defaultCountry`), fields by placeholder. */
  async addContact(accountId: number, listId: number, c: { phone: string; fields: Record<string, string>; defaultCountry: string | null }, now: number): Promise<Contact> {
    const number = toE164(c.phone.trim(), { defaultCountry: c.defaultCountry, lenient: true });
    if (!number)
      throw new ValidationError(
        'invalid_parameter',
        'phone',
        `${JSON.stringify(c.phone.slice(0, 40))} is not a phone number${c.defaultCountry ? ` of ${c.defaultCountry}` : ' in international form, such as +49 171 2345678'}`,
      );
    for (const name of Object.keys(c.fields)) {
      const problem = placeholderProblem(name);
      if (problem) throw new ValidationError('invalid_parameter', `fields/${name}`, problem);
    }
    const contact = await this.#store.addContact(accountId, listId, { phone: number.e164, country: number.country, fields: c.fields }, now);
    if (!contact) throw new NotFoundError(`no distribution list ${listId}`);
    return contact;
  }

  async removeContact(accountId: number, listId: number, contactId: number, now: number): Promise<void> {
    if (!(await this.#store.removeContact(accountId, listId, contactId, now))) throw new NotFoundError(`no contact ${contactId} in distribution list ${listId}`);
  }
}
