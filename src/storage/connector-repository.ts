// ConnectorStore: one row per connector, its settings as JSON.

import { CONNECTOR_DEFAULTS, type Connector, type ConnectorChanges, type ConnectorSettings, type ConnectorStore } from '../engine/ports.ts';
import type { Database } from './database.ts';
import type { ConnectorsTable } from './schema.ts';

type Row = Omit<ConnectorsTable, 'id'> & { id: number };

function toConnector(r: Row): Connector {
  return {
    // Settings added since the row was written take their defaults.
    ...CONNECTOR_DEFAULTS,
    ...(JSON.parse(r.config) as ConnectorSettings),
    id: r.id,
    name: r.name,
    enabled: r.enabled === 1,
    paused: r.paused === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const SETTING_KEYS = ['host', 'port', 'systemId', 'password', ...Object.keys(CONNECTOR_DEFAULTS)] as Array<keyof ConnectorSettings>;

/** The settings only, whatever else the object carries (name, flags, times). */
function settingsOf(c: ConnectorSettings): string {
  return JSON.stringify(Object.fromEntries(SETTING_KEYS.map((k) => [k, c[k]])));
}

export class SqlConnectorStore implements ConnectorStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async create(name: string, settings: ConnectorSettings, flags: { enabled: boolean; paused: boolean }, at: number): Promise<Connector> {
    const row = await this.#database.db
      .insertInto('connectors')
      .values({ name, config: settingsOf(settings), enabled: flags.enabled ? 1 : 0, paused: flags.paused ? 1 : 0, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toConnector(row);
  }

  async list(): Promise<Connector[]> {
    return (await this.#database.db.selectFrom('connectors').selectAll().orderBy('id').execute()).map(toConnector);
  }

  async get(id: number): Promise<Connector | null> {
    const r = await this.#database.db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toConnector(r) : null;
  }

  async findByName(name: string): Promise<Connector | null> {
    const r = await this.#database.db.selectFrom('connectors').selectAll().where('name', '=', name).executeTakeFirst();
    return r ? toConnector(r) : null;
  }

  async update(id: number, changes: ConnectorChanges, at: number): Promise<Connector | null> {
    return this.#database.db.transaction().execute(async (trx) => {
      // Lock the row on PostgreSQL so two concurrent changes cannot overwrite each other's
      // settings; SQLite serialises writers already.
      const q = trx.selectFrom('connectors').selectAll().where('id', '=', id);
      const r = await (this.#database.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
      if (!r) return null;
      const current = toConnector(r);
      const next = { ...current, ...changes };
      const row = await trx
        .updateTable('connectors')
        .set({ name: next.name, config: settingsOf(next), enabled: next.enabled ? 1 : 0, paused: next.paused ? 1 : 0, updated_at: at })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConnector(row);
    });
  }

  async remove(id: number): Promise<boolean> {
    const r = await this.#database.db.deleteFrom('connectors').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
