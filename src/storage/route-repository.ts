// RouteStore: one row per route; its filters and connectors as JSON (a handful of rows, read
// whole by intake's cache).

import type { RouteConnector, RouteFilters, RouteStrategy } from '../domain/routing.ts';
import type { RouteFields, RouteStore, StoredRoute } from '../gateway/ports.ts';
import type { Database } from './database.ts';
import type { RoutesTable } from './schema.ts';

type Row = Omit<RoutesTable, 'id'> & { id: number };

function toRoute(r: Row): StoredRoute {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    enabled: r.enabled === 1,
    strategy: r.strategy as RouteStrategy,
    filters: JSON.parse(r.filters) as RouteFilters,
    connectors: JSON.parse(r.connectors) as RouteConnector[],
    buyPriceMicros: r.buy_price_micros,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function columns(f: RouteFields) {
  return {
    name: f.name,
    position: f.position,
    enabled: f.enabled ? 1 : 0,
    strategy: f.strategy,
    filters: JSON.stringify(f.filters),
    connectors: JSON.stringify(f.connectors),
    buy_price_micros: f.buyPriceMicros,
  };
}

export class SqlRouteStore implements RouteStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async create(f: RouteFields, at: number) {
    const row = await this.#database.db
      .insertInto('routes')
      .values({ ...columns(f), created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRoute(row);
  }

  async list() {
    return (await this.#database.db.selectFrom('routes').selectAll().orderBy('position').orderBy('id').execute()).map(toRoute);
  }

  async get(id: number) {
    const r = await this.#database.db.selectFrom('routes').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRoute(r) : null;
  }

  async findByName(name: string) {
    const r = await this.#database.db.selectFrom('routes').selectAll().where('name', '=', name).executeTakeFirst();
    return r ? toRoute(r) : null;
  }

  async update(id: number, change: Partial<RouteFields>, at: number) {
    return this.#database.db.transaction().execute(async (trx) => {
      // Locked on PostgreSQL so two changes cannot overwrite each other; SQLite serialises writers.
      const q = trx.selectFrom('routes').selectAll().where('id', '=', id);
      const r = await (this.#database.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
      if (!r) return null;
      const { id: _id, createdAt: _c, updatedAt: _u, ...current } = toRoute(r);
      const merged: RouteFields = { ...current, ...change };
      const row = await trx
        .updateTable('routes')
        .set({ ...columns(merged), updated_at: at })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRoute(row);
    });
  }

  async remove(id: number): Promise<boolean> {
    const r = await this.#database.db.deleteFrom('routes').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
