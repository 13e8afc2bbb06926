// Route management for the API and the CLI alike: the input as clients write it (weights
// optional, buy price a decimal string) → stored fields, checked against the connectors that
// exist, names unique.

import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { formatMicros, parseMicros } from '../domain/pricing.ts';
import { MAX_TOTAL_WEIGHT, type RouteFilters, type RouteStrategy } from '../domain/routing.ts';
import type { RouteFields, RouteStore, StoredRoute } from './ports.ts';

export interface RouteInput {
  name: string;
  position?: number;
  enabled?: boolean;
  strategy?: RouteStrategy;
  filters?: RouteFilters;
  connectors: Array<{ connectorId: number; weight?: number }>;
  /** Per message part, a decimal string ("0.0125"); null: not recorded. */
  buyPrice?: string | null;
}

const DEFAULTS = { position: 0, enabled: true, strategy: 'static', filters: {}, buyPriceMicros: null } as const;

/** Filters as stored: country codes upper-case, prefixes without `+`. */
function normalFilters(f: RouteFilters): RouteFilters {
  return {
    ...f,
    ...(f.countries ? { countries: f.countries.map((c) => c.toUpperCase()) } : {}),
    ...(f.prefixes ? { prefixes: f.prefixes.map((p) => p.replace(/^\+/, '')) } : {}),
  };
}

/** The given input fields in stored form (only those given). */
function fieldsOf(input: Partial<RouteInput>): Partial<RouteFields> {
  const { buyPrice, filters, connectors, ...rest } = input;
  const out: Partial<RouteFields> = { ...rest };
  if (filters) out.filters = normalFilters(filters);
  if (connectors) out.connectors = connectors.map((c) => ({ connectorId: c.connectorId, weight: c.weight ?? 1 }));
  if (buyPrice !== undefined) {
    const micros = buyPrice === null ? null : parseMicros(buyPrice);
    if (buyPrice !== null && micros === null) throw new ValidationError('invalid_parameter', 'buyPrice', 'buyPrice is a decimal amount such as "0.0125"');
    out.buyPriceMicros = micros;
  }
  return out;
}

export class RouteAdmin {
  readonly #store: RouteStore;
  readonly #connectorIds: () => Promise<readonly number[]>;

  constructor(store: RouteStore, connectorIds: () => Promise<readonly number[]>) {
    this.#store = store;
    this.#connectorIds = connectorIds;
  }

  async create(input: RouteInput, at = Date.now()): Promise<StoredRoute> {
    const fields: RouteFields = { ...DEFAULTS, ...(fieldsOf(input) as RouteFields) };
    await this.#nameFree(fields.name);
    await this.#check(fields);
    return this.#store.create(fields, at);
  }

  async change(id: number, input: Partial<RouteInput>, at = Date.now()): Promise<StoredRoute> {
    const change = fieldsOf(input);
    const current = await this.#store.get(id);
    if (!current) throw new NotFoundError(`no route ${id}`);
    if (change.name) await this.#nameFree(change.name, id);
    await this.#check({ ...current, ...change }); // as the route will be
    const r = await this.#store.update(id, change, at);
    if (!r) throw new NotFoundError(`no route ${id}`);
    return r;
  }

  async remove(id: number): Promise<void> {
    if (!(await this.#store.remove(id))) throw new NotFoundError(`no route ${id}`);
  }

  async #nameFree(name: string, self?: number): Promise<void> {
    const other = await this.#store.findByName(name);
    if (other && other.id !== self) throw new ConflictError(`a route named ${JSON.stringify(name)} exists`);
  }

  /** Connectors must exist, once each; a weighted route must give one of them a weight. */
  async #check(r: RouteFields): Promise<void> {
    const known = new Set(await this.#connectorIds());
    const bad = (message: string) => new ValidationError('invalid_parameter', 'connectors', message);
    const missing = r.connectors.find((c) => !known.has(c.connectorId));
    if (missing) throw bad(`no connector ${missing.connectorId}`);
    const ids = r.connectors.map((c) => c.connectorId);
    if (new Set(ids).size !== ids.length) throw bad('a connector appears twice');
    const total = r.connectors.reduce((n, c) => n + c.weight, 0);
    if (r.strategy === 'weighted' && total === 0) throw bad('a weighted route needs a connector with weight above 0');
    if (total > MAX_TOTAL_WEIGHT) throw bad(`weights add up to at most ${MAX_TOTAL_WEIGHT}`);
  }
}

/** A route as the API and the CLI show it: the buy price as a decimal, times in ISO 8601. */
export function routeView(r: StoredRoute) {
  const { buyPriceMicros, createdAt, updatedAt, ...rest } = r;
  return {
    ...rest,
    buyPrice: buyPriceMicros === null ? null : formatMicros(buyPriceMicros),
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
  };
}
