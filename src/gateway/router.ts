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
  { kind: 'unrouted' } | { kind: 'no_route' } | { kind: 'routed'; routeId: number; connectorId: number; buyPriceMicrosPerPart: number | null };

interface Snapshot {
  decide: (m: RoutedMessage) => RouteDecision;
  until: number;
}

const UNROUTED: RouteDecision = Object.freeze({ kind: 'unrouted' });
const NO_ROUTE: RouteDecision = Object.freeze({ kind: 'no_route' });

export class Router {
  readonly #sources: RoutingSources;
  readonly #ttlMs: number;
  #snapshot: Snapshot | null = null;
  #loading: Promise<(m: RoutedMessage) => RouteDecision> | null = null;
  #generation = 0;
  /** Weighted routes' turns, kept across snapshots so a refresh does not restart the cycle. */
  readonly #turns = new Map<number, number>();

  constructor(sources: RoutingSources, ttlMs = ROUTES_CACHE_MS) {
    this.#sources = sources;
    this.#ttlMs = ttlMs;
  }

  /** Forgets the cached routes (this thread changed them). */
  invalidate(): void {
    this.#snapshot = null;
    this.#loading = null;
    this.#generation++; // a load already under way read the old routes: it must not be kept
  }

  /** A decision function over one snapshot: a bulk request routes all its recipients alike. */
  async decider(now = Date.now()): Promise<(m: RoutedMessage) => RouteDecision> {
    // Built once per snapshot, not per request (intake calls this for every request); requests
    // that find it stale share one reload.
    if (this.#snapshot && this.#snapshot.until > now) return this.#snapshot.decide;
    if (!this.#loading) {
      const generation = this.#generation;
      const loading = this.#load().finally(() => {
        if (this.#loading === loading) this.#loading = null;
      });
      this.#loading = loading;
      void loading.then(
        (decide) => {
          if (generation === this.#generation) this.#snapshot = { decide, until: now + this.#ttlMs };
        },
        () => {},
      );
    }
    return this.#loading;
  }

  async #load(): Promise<(m: RoutedMessage) => RouteDecision> {
    const [routes, connectors] = await Promise.all([this.#sources.routes(), this.#sources.connectors()]);
    const ordered = orderRoutes(routes);
    if (ordered.length === 0) return () => UNROUTED;
    const available = new Set(connectors.filter((c) => c.enabled && !c.paused).map((c) => c.id));
    const sequences = new Map<string, readonly number[]>();
    const ctx = {
      available: (id: number) => available.has(id),
      nextTurn: (routeId: number) => {
        const n = this.#turns.get(routeId) ?? 0;
        this.#turns.set(routeId, n + 1);
        return n;
      },
      sequence: (route: Route, up: readonly RouteConnector[]) => {
        const key = `${route.id}:${up.map((c) => c.connectorId).join(',')}`;
        let seq = sequences.get(key);
        if (!seq) sequences.set(key, (seq = weightedSequence(up)));
        return seq;
      },
    };
    return (m) => {
      const choice = selectRoute(ordered, m, ctx);
      if (!choice) return NO_ROUTE;
      return { kind: 'routed', routeId: choice.route.id, connectorId: choice.connectorId, buyPriceMicrosPerPart: choice.route.buyPriceMicros };
    };
  }
}
