// Message templates (seed: Templates): a name and a message, which a campaign's message box
// inserts; placeholders are kept as written and filled in per recipient when a campaign is prepared.

import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { templateNameProblem, templateTextProblem } from '../domain/templates.ts';
import type { Page, PageQuery, Template, TemplateStore } from './ports.ts';

function checked(field: 'name' | 'text', value: string, problem: string | null): string {
  if (problem) throw new ValidationError(field === 'text' && !value.trim() ? 'empty_text' : 'invalid_parameter', field, problem);
  return field === 'name' ? value.trim() : value;
}
const checkedName = (name: string) => checked('name', name, templateNameProblem(name));
const checkedText = (text: string) => checked('text', text, templateTextProblem(text));

export class Templates {
  readonly #store: TemplateStore;

  constructor(store: TemplateStore) {
    this.#store = store;
  }

  create(accountId: number, t: { name: string; text: string }, userId: number | null, now: number): Promise<Template> {
    return this.#store.create(accountId, { name: checkedName(t.name), text: checkedText(t.text) }, userId, now);
  }

  list(accountId: number, q: PageQuery): Promise<Page<Template>> {
    return this.#store.list(accountId, q);
  }

  async get(accountId: number, id: number): Promise<Template> {
    const t = await this.#store.get(accountId, id);
    if (!t) throw new NotFoundError(`no template ${id}`);
    return t;
  }

  async change(accountId: number, id: number, t: { name?: string | undefined; text?: string | undefined }, now: number): Promise<Template> {
    const changed = await this.#store.change(accountId, id, { name: t.name === undefined ? undefined : checkedName(t.name), text: t.text === undefined ? undefined : checkedText(t.text) }, now);
    if (!changed) throw new NotFoundError(`no template ${id}`);
    return changed;
  }

  async delete(accountId: number, id: number): Promise<void> {
    if (!(await this.#store.delete(accountId, id))) throw new NotFoundError(`no template ${id}`);
  }
}
