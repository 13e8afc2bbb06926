import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderRoutes, routeMatches, selectRoute, weightedSequence, type Route, type RouteContext, type RoutedMessage } from './routing.ts';

const message = (o: Partial<RoutedMessage> = {}): RoutedMessage => ({
  recipient: '+4917255512345',
  country: 'DE',
  trafficAccountId: 7,
  sender: 'Petrel',
  encoding: 'GSM-7',
  flash: false,
  ...o,
});

let nextId = 1;
const route = (o: Partial<Route> = {}): Route => ({
  id: nextId++,
  name: `r${nextId}`,
  position: 0,
  enabled: true,
  filters: {},
  strategy: 'static',
  connectors: [{ connectorId: 1, weight: 1 }],
  buyPriceMicros: null,
  ...o,
});

function context(down: number[] = []): RouteContext & { turns: Map<number, number> } {
  const turns = new Map<number, number>();
  return {
    turns,
    available: (id) => !down.includes(id),
    nextTurn: (id) => {
      const n = turns.get(id) ?? 0;
      turns.set(id, n + 1);
      return n;
    },
    sequence: (_r, up) => weightedSequence(up),
  };
}

test('no filter matches everything', () => assert.ok(routeMatches({}, message())));

test('countries: the recipient country, case-insensitively; a number with no country matches none', () => {
  assert.ok(routeMatches({ countries: ['de', 'AT'] }, message()));
  assert.ok(!routeMatches({ countries: ['AT'] }, message()));
  assert.ok(!routeMatches({ countries: ['DE'] }, message({ country: null })));
});

test('prefixes: leading digits, with or without +', () => {
  assert.ok(routeMatches({ prefixes: ['49172'] }, message()));
  assert.ok(routeMatches({ prefixes: ['+4917'] }, message()));
  assert.ok(!routeMatches({ prefixes: ['49173', '43'] }, message()));
});

test('traffic accounts', () => {
  assert.ok(routeMatches({ trafficAccountIds: [3, 7] }, message()));
  assert.ok(!routeMatches({ trafficAccountIds: [3] }, message()));
});

test('senders: exact (case-insensitive) or a trailing * for a prefix', () => {
  assert.ok(routeMatches({ senders: ['petrel'] }, message()));
  assert.ok(routeMatches({ senders: ['Pet*'] }, message()));
  assert.ok(!routeMatches({ senders: ['Pet'] }, message()));
  assert.ok(!routeMatches({ senders: ['Bank*'] }, message()));
});

test('message types: from the encoding, and flash', () => {
  assert.ok(routeMatches({ messageTypes: ['gsm'] }, message()));
  assert.ok(!routeMatches({ messageTypes: ['unicode'] }, message()));
  assert.ok(routeMatches({ messageTypes: ['unicode'] }, message({ encoding: 'UCS-2' })));
  assert.ok(routeMatches({ messageTypes: ['binary'] }, message({ encoding: 'binary' })));
  assert.ok(routeMatches({ messageTypes: ['flash'] }, message({ flash: true })));
  assert.ok(!routeMatches({ messageTypes: ['flash'] }, message()));
});

test('every filter must match', () => {
  assert.ok(routeMatches({ countries: ['DE'], senders: ['Petrel'], trafficAccountIds: [7] }, message()));
  assert.ok(!routeMatches({ countries: ['DE'], senders: ['Other'] }, message()));
});

test('routes are tried by position; disabled and empty ones are skipped', () => {
  const a = route({ position: 2, connectors: [{ connectorId: 1, weight: 1 }] });
  const b = route({ position: 1, connectors: [{ connectorId: 2, weight: 1 }], filters: { countries: ['AT'] } });
  const c = route({ position: 1, connectors: [{ connectorId: 3, weight: 1 }], enabled: false });
  const d = route({ position: 0, connectors: [] });
  const ordered = orderRoutes([a, b, c, d]);
  assert.deepEqual(
    ordered.map((r) => r.id),
    [b.id, a.id],
  );
  assert.equal(selectRoute(ordered, message(), context())?.connectorId, 1, 'b does not match DE; a does');
  assert.equal(selectRoute(ordered, message({ country: 'AT' }), context())?.connectorId, 2);
});

test('no matching route: null (the message fails with no_route)', () => {
  assert.equal(selectRoute(orderRoutes([route({ filters: { countries: ['FR'] } })]), message(), context()), null);
});

test('static: always its first connector, available or not', () => {
  const r = route({
    connectors: [
      { connectorId: 4, weight: 1 },
      { connectorId: 5, weight: 1 },
    ],
  });
  assert.equal(selectRoute([r], message(), context([4]))?.connectorId, 4);
});

test('failover: the first available connector; none available keeps the first', () => {
  const r = route({ strategy: 'failover', connectors: [4, 5, 6].map((connectorId) => ({ connectorId, weight: 1 })) });
  assert.equal(selectRoute([r], message(), context())?.connectorId, 4);
  assert.equal(selectRoute([r], message(), context([4]))?.connectorId, 5);
  assert.equal(selectRoute([r], message(), context([4, 5]))?.connectorId, 6);
  assert.equal(selectRoute([r], message(), context([4, 5, 6]))?.connectorId, 4);
});

test('weighted: shares follow the weights over every cycle, interleaved', () => {
  assert.deepEqual(
    weightedSequence([
      { connectorId: 1, weight: 5 },
      { connectorId: 2, weight: 1 },
      { connectorId: 3, weight: 1 },
    ]),
    [1, 1, 2, 1, 3, 1, 1],
  );
  const r = route({
    strategy: 'weighted',
    connectors: [
      { connectorId: 1, weight: 3 },
      { connectorId: 2, weight: 1 },
    ],
  });
  const ctx = context();
  const counts = new Map<number, number>();
  for (let i = 0; i < 400; i++) {
    const id = selectRoute([r], message(), ctx)!.connectorId;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries(counts), { 1: 300, 2: 100 });
});

test('weighted: an unavailable connector gets no share; weight 0 gets none', () => {
  const r = route({
    strategy: 'weighted',
    connectors: [
      { connectorId: 1, weight: 1 },
      { connectorId: 2, weight: 1 },
      { connectorId: 3, weight: 0 },
    ],
  });
  const ctx = context([1]);
  const seen = new Set(Array.from({ length: 10 }, () => selectRoute([r], message(), ctx)!.connectorId));
  assert.deepEqual([...seen], [2]);
});
