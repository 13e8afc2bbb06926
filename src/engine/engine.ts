// The delivery engine of a worker: a lane per enabled connector, kept in step with the
// connectors table (added, changed, paused, removed), and the reaper that settles what dead
// workers left behind. Each lane sends what intake routed to its connector; the first enabled
// connector's lane also takes unrouted messages (no routes configured). A connector down longer
// than failoverAfterMs hands its failover routes' queue to the next connector that is up.

import type { Logger } from 'pino';
import type { ConnectorLink, LinkEvents, LinkStatus } from '../connectors/link.ts';
import { Lane, type LaneCounters, type LaneOptions } from './lane.ts';
import type { Route } from '../domain/routing.ts';
import type { Connector, ConnectorStore, DispatchStore, InboundSink } from './ports.ts';

export interface EngineOptions {
  store: DispatchStore;
  /** Where lanes hand inbound messages; it also forgets long messages whose parts stopped coming. */
  inbound: InboundSink & { dropStaleParts(before: number): Promise<number> };
  connectors: ConnectorStore;
  openLink(connector: Connector, events: LinkEvents): ConnectorLink;
  /** Connectors that live outside the table (the embedded simulator). */
  extra?: Connector[];
  lane: Omit<LaneOptions, 'logger'>;
  reapEveryMs: number;
  /** How long after a message's validity a missing receipt makes it `unknown`. */
  receiptGraceMs: number;
  refreshEveryMs: number;
  /** The stored routes (failover needs them). */
  routes(): Promise<readonly Route[]>;
  /** How long a connector may be down before its failover routes' queue moves on. */
  failoverAfterMs: number;
  logger: Logger;
}

export interface ConnectorLive extends LinkStatus {
  /** Claimed by the lane, not yet on the wire. */
  held: number;
  paused: boolean;
  claims: boolean;
  counters: LaneCounters;
}

/** Settings that need a new link when they change (everything but the flags and the name). */
function linkKey(c: Connector): string {
  const { name: _n, enabled: _e, paused: _p, createdAt: _c, updatedAt: _u, ...settings } = c;
  return JSON.stringify(settings);
}

/** SMSCs pass a long message's parts on within minutes; a day covers a handset out of coverage mid-message. */
const INBOUND_PART_TTL_MS = 24 * 3_600_000;

export class Engine {
  readonly #o: EngineOptions;
  readonly #lanes = new Map<number, Lane>();
  /** When each connector was last seen unable to send (unbound, paused, disabled). */
  readonly #downSince = new Map<number, number>();
  #timers: NodeJS.Timeout[] = [];
  #refreshing: Promise<void> = Promise.resolve();

  constructor(o: EngineOptions) {
    this.#o = o;
  }

  async start(): Promise<void> {
    // What this worker held when it last died is settled now, not when the leases run out.
    const ended = await this.#o.store.endLeases(`${this.#o.lane.workerId}/`);
    if (ended) this.#o.logger.warn({ messages: ended }, 'ended the leases of a previous run of this worker');
    await this.#reap();
    await this.refresh();
    this.#timers.push(
      setInterval(() => void this.#reap(), this.#o.reapEveryMs),
      setInterval(() => void this.refresh(), this.#o.refreshEveryMs),
      setInterval(() => void this.failover(), Math.max(50, Math.min(1000, this.#o.failoverAfterMs / 2))),
      setInterval(() => void this.#dropStaleParts(), 60_000),
    );
  }

  /** Can this connector send now: an enabled, unpaused lane with a bound session. */
  #up(connectorId: number): boolean {
    const lane = this.#lanes.get(connectorId);
    return !!lane && !lane.paused && lane.link.status().bound > 0;
  }

  /** Moves the queue of failover routes off connectors that have been down too long. */
  async failover(now = Date.now()): Promise<void> {
    try {
      const routes = (await this.#o.routes()).filter((r) => r.enabled && r.strategy === 'failover');
      const ids = new Set(routes.flatMap((r) => r.connectors.map((c) => c.connectorId)));
      for (const id of ids) {
        if (this.#up(id)) this.#downSince.delete(id);
        else if (!this.#downSince.has(id)) this.#downSince.set(id, now);
      }
      for (const route of routes) {
        const to = route.connectors.find((c) => this.#up(c.connectorId))?.connectorId;
        if (to === undefined) continue;
        for (const { connectorId: from } of route.connectors) {
          const since = this.#downSince.get(from);
          if (from === to || since === undefined || now - since < this.#o.failoverAfterMs) continue;
          await this.#lanes.get(from)?.release(); // its claims go back first, or they would stay with it
          const moved = await this.#o.store.handOver(route.id, from, to);
          if (moved) this.#o.logger.warn({ route: route.name, from, to, messages: moved }, 'connector down: its queue moved to the next connector of the failover route');
        }
      }
    } catch (e) {
      this.#o.logger.warn({ err: e }, 'failover check failed');
    }
  }

  /** Brings the lanes in line with the connectors table. */
  refresh(): Promise<void> {
    this.#refreshing = this.#refreshing.then(() => this.#sync()).catch((e) => this.#o.logger.error({ err: e }, 'refreshing connectors failed'));
    return this.#refreshing;
  }

  async #sync(): Promise<void> {
    // Stored connectors first: one added while the embedded simulator runs takes the traffic.
    const wanted = [...(await this.#o.connectors.list()), ...(this.#o.extra ?? [])].filter((c) => c.enabled);
    const firstId = wanted.find((c) => !c.paused)?.id ?? wanted[0]?.id;
    for (const [id, lane] of this.#lanes) {
      const c = wanted.find((w) => w.id === id);
      if (!c || linkKey(c) !== linkKey(lane.connector)) {
        this.#lanes.delete(id);
        await lane.stop();
        this.#o.logger.info({ connector: lane.connector.name }, c ? 'connector changed: reconnecting' : 'connector removed or disabled');
      }
    }
    for (const c of wanted) {
      let lane = this.#lanes.get(c.id);
      if (!lane) {
        lane = new Lane(c, (events) => this.#o.openLink(c, events), this.#o.store, this.#o.inbound, { ...this.#o.lane, logger: this.#o.logger, claims: c.id === firstId });
        this.#lanes.set(c.id, lane);
        lane.start();
        this.#o.logger.info({ connector: c.name, host: c.host, port: c.port }, 'connector lane started');
      }
      lane.setPaused(c.paused);
      lane.setClaims(c.id === firstId);
    }
  }

  /** Parts of a long inbound message whose other parts never came within a day are dropped. */
  async #dropStaleParts(): Promise<void> {
    try {
      const dropped = await this.#o.inbound.dropStaleParts(Date.now() - INBOUND_PART_TTL_MS);
      if (dropped) this.#o.logger.warn({ parts: dropped }, 'dropped parts of long inbound messages that never completed');
    } catch (e) {
      this.#o.logger.warn({ err: e }, 'dropping stale inbound parts failed');
    }
  }

  async #reap(): Promise<void> {
    try {
      const resend = [...this.#lanes.values()].filter((l) => l.connector.resendUnconfirmed).map((l) => l.connector.id);
      const now = Date.now();
      const r = await this.#o.store.reap(now, resend, now - this.#o.receiptGraceMs);
      if (Object.values(r).some((n) => n > 0)) this.#o.logger.info(r, 'reaper settled messages of expired leases and validity');
    } catch (e) {
      this.#o.logger.warn({ err: e }, 'reaper failed');
    }
  }

  /** Live status of a connector's lane, or null when it has none (disabled, unknown). */
  status(connectorId: number): ConnectorLive | null {
    const lane = this.#lanes.get(connectorId);
    if (!lane) return null;
    return { ...lane.link.status(), held: lane.held, paused: lane.paused, claims: lane.claims, counters: { ...lane.counters } };
  }

  /** Every running lane's status, by connector name (for metrics). */
  snapshot(): Array<{ connector: string; live: ConnectorLive }> {
    return [...this.#lanes.values()].map((l) => ({ connector: l.connector.name, live: this.status(l.connector.id)! }));
  }

  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    await this.#refreshing;
    await Promise.all([...this.#lanes.values()].map((l) => l.stop()));
    this.#lanes.clear();
  }
}
