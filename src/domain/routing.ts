// Routing as data: ordered routes, each a set of filters and a strategy over connectors. The
// first enabled route whose every filter matches takes the message; which of its connectors
// sends it depends on the strategy. Pure: the caller says which connectors are available and
// keeps the weighted routes' turn counters.

import type { Encoding } from './encoding.ts';

export const ROUTE_STRATEGIES = ['static', 'failover', 'weighted'] as const;
export type RouteStrategy = (typeof ROUTE_STRATEGIES)[number];

/** What a route can select on; `gsm`, `unicode` and `binary` come from the encoding, `flash` from the flag. */
export const MESSAGE_TYPES = ['gsm', 'unicode', 'binary', 'flash'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Each filter is a list of alternatives; an absent or empty list matches every message. */
export interface RouteFilters {
  /** ISO 3166-1 alpha-2 of the recipient. */
  countries?: string[];
  /** Leading digits of the recipient's E.164 number, without `+`. */
  prefixes?: string[];
  trafficAccountIds?: number[];
  /** Sender ids, case-insensitive; a trailing `*` matches any sender starting with the rest. */
  senders?: string[];
  messageTypes?: MessageType[];
}

export interface RouteConnector {
  connectorId: number;
  /** Share of a weighted route's traffic (ignored by the other strategies). */
  weight: number;
}

export interface Route {
  id: number;
  name: string;
  /** Routes are tried in ascending position. */
  position: number;
  enabled: boolean;
  filters: RouteFilters;
  strategy: RouteStrategy;
  connectors: RouteConnector[];
  /** What the operator pays per message part on this route (micro-units); null when not set. */
  buyPriceMicros: number | null;
}

/** The facts about a message that routes select on. */
export interface RoutedMessage {
  /** E.164 with `+`. */
  recipient: string;
  country: string | null;
  trafficAccountId: number;
  sender: string;
  encoding: Encoding;
  flash: boolean;
}

export interface RouteChoice {
  route: Route;
  connectorId: number;
}

const any = <T>(list: readonly T[] | undefined, test: (v: T) => boolean): boolean => !list || list.length === 0 || list.some(test);

function senderMatches(pattern: string, sender: string): boolean {
  const p = pattern.toLowerCase();
  const s = sender.toLowerCase();
  return p.endsWith('*') ? s.startsWith(p.slice(0, -1)) : s === p;
}

function typesOf(m: RoutedMessage): MessageType[] {
  const base: MessageType = m.encoding === 'UCS-2' ? 'unicode' : m.encoding === 'binary' ? 'binary' : 'gsm';
  return m.flash ? [base, 'flash'] : [base];
}

/** True when every filter of the route matches the message. */
export function routeMatches(f: RouteFilters, m: RoutedMessage): boolean {
  const digits = m.recipient.replace(/^\+/, '');
  const types = typesOf(m);
  return (
    any(f.countries, (c) => c.toUpperCase() === m.country) &&
    any(f.prefixes, (p) => digits.startsWith(p.replace(/^\+/, ''))) &&
    any(f.trafficAccountIds, (id) => id === m.trafficAccountId) &&
    any(f.senders, (p) => senderMatches(p, m.sender)) &&
    any(f.messageTypes, (t) => types.includes(t))
  );
}

/** The most weight a route may spread (validated at the API), so a sequence stays short. */
export const MAX_TOTAL_WEIGHT = 1000;

/**
 * One cycle of a weighted route: a smooth weighted round-robin (weights 5,1,1 give
 * a a b a c a a, not a a a a a b c), so each connector's share holds over any short stretch
 * as well as in total. Message n uses entry n mod length.
 */
export function weightedSequence(connectors: readonly RouteConnector[]): number[] {
  const live = connectors.filter((c) => c.weight > 0);
  if (live.length === 0) return [connectors[0]!.connectorId];
  const total = live.reduce((n, c) => n + c.weight, 0);
  const current = live.map(() => 0);
  const out: number[] = [];
  for (let step = 0; step < total; step++) {
    for (const [i, c] of live.entries()) current[i]! += c.weight;
    const chosen = current.indexOf(Math.max(...current));
    current[chosen]! -= total;
    out.push(live[chosen]!.connectorId);
  }
  return out;
}

export interface RouteContext {
  /** Enabled and not paused (as stored: intake does not see live sessions). */
  available(connectorId: number): boolean;
  /** The next turn of a weighted route (a counter the caller keeps per route). */
  nextTurn(routeId: number): number;
  /** weightedSequence of a route's available connectors (the caller may keep it). */
  sequence(route: Route, available: readonly RouteConnector[]): readonly number[];
}

/** Routes in the order they are tried: enabled ones with connectors, by position then id. */
export function orderRoutes(routes: readonly Route[]): Route[] {
  return routes.filter((r) => r.enabled && r.connectors.length > 0).sort((a, b) => a.position - b.position || a.id - b.id);
}

/** The first matching route of `ordered` (orderRoutes) and its connector; null when none matches. */
export function selectRoute(ordered: readonly Route[], m: RoutedMessage, ctx: RouteContext): RouteChoice | null {
  const route = ordered.find((r) => routeMatches(r.filters, m));
  if (!route) return null;
  const first = route.connectors[0]!.connectorId;
  switch (route.strategy) {
    case 'static':
      return { route, connectorId: first };
    case 'failover':
      // None available: the first keeps the messages until one comes back.
      return { route, connectorId: route.connectors.find((c) => ctx.available(c.connectorId))?.connectorId ?? first };
    case 'weighted': {
      const up = route.connectors.filter((c) => ctx.available(c.connectorId));
      const seq = ctx.sequence(route, up.length ? up : route.connectors);
      return { route, connectorId: seq[ctx.nextTurn(route.id) % seq.length]! };
    }
  }
}
