// Intake's routing: the stored routes and connector flags, cached for a few seconds (a route
// change reaches every API thread within ROUTES_CACHE_MS), and the weighted routes' turns.
// No routes at all means unrouted: the first enabled connector (or the embedded simulator)
// sends everything, so a fresh install works with no configuration.

import { orderRoutes, selectRoute, weightedSequence, type Route, type RouteConnector, type RoutedMessage } from '../domain/routing.ts';

export const ROUTES_CACHE_MS = 5000;

export interface RoutingSources {
  routes(): Promise<readonly Route[]>;
  connectors(): Promise<ReadonlyArray<{ id: number; enabled: boolean; paused: boolean }>>;
}

export type RouteDecision =
  /** No routes are configured. */
  | { kind: 'unrouted' }
  | { kind: 'no_route' }
  | { kind: 'routed'; routeId: number; connectorId: number; buyPriceMicrosPerPart: number | null };

interface Snapshot {
  ordered: Route[];
  available: Set<number>;
  until: number;
}

export class Router {
  readonly #sources: RoutingSources;
  readonly #ttlMs: number;
  #snapshot: Snapshot | null = null;
  readonly #turns = new Map<number, number>();
  readonly #sequences = new Map<string, readonly number[]>();

  constructor(sources: RoutingSources, ttlMs = ROUTES_CACHE_MS) {
    this.#sources = sources;
    this.#ttlMs = ttlMs;
  }

  /** Forgets the cached routes (this thread changed them). */
  invalidate(): void {
    this.#snapshot = null;
  }

  /** A decision function over one snapshot: a bulk request routes all its recipients alike. */
  async decider(now = Date.now()): Promise<(m: RoutedMessage) => RouteDecision> {
    const snap = await this.#current(now);
    if (snap.ordered.length === 0) return () => ({ kind: 'unrouted' });
    const ctx = {
      available: (id: number) => snap.available.has(id),
      nextTurn: (routeId: number) => {
        const n = this.#turns.get(routeId) ?? 0;
        this.#turns.set(routeId, n + 1);
        return n;
      },
      sequence: (route: Route, up: readonly RouteConnector[]) => {
        const key = `${route.id}:${JSON.stringify(up)}`;
        let seq = this.#sequences.get(key);
        if (!seq) this.#sequences.set(key, (seq = weightedSequence(up)));
        return seq;
      },
    };
    return (m) => {
      const choice = selectRoute(snap.ordered, m, ctx);
      if (!choice) return { kind: 'no_route' };
      return { kind: 'routed', routeId: choice.route.id, connectorId: choice.connectorId, buyPriceMicrosPerPart: choice.route.buyPriceMicros };
    };
  }

  async #current(now: number): Promise<Snapshot> {
    if (this.#snapshot && this.#snapshot.until > now) return this.#snapshot;
    const [routes, connectors] = await Promise.all([this.#sources.routes(), this.#sources.connectors()]);
    this.#sequences.clear();
    this.#snapshot = {
      ordered: orderRoutes(routes),
      available: new Set(connectors.filter((c) => c.enabled && !c.paused).map((c) => c.id)),
      until: now + this.#ttlMs,
    };
    return this.#snapshot;
  }
}
