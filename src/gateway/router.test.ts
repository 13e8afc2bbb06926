import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Route, RoutedMessage } from '../domain/routing.ts';
import { Router } from './router.ts';

const message: RoutedMessage = { recipient: '+4917255512345', country: 'DE', trafficAccountId: 1, sender: 'Petrel', encoding: 'GSM-7', flash: false };
const route = (id: number, connectorId: number, o: Partial<Route> = {}): Route => ({
  id,
  name: `r${id}`,
  position: id,
  enabled: true,
  filters: {},
  strategy: 'static',
  connectors: [{ connectorId, weight: 1 }],
  buyPriceMicros: 5_000,
  ...o,
});

function sources(routes: Route[]) {
  const calls = { routes: 0 };
  return {
    calls,
    routes,
    src: {
      routes: async () => (calls.routes++, routes),
      connectors: async () => [
        { id: 1, enabled: true, paused: false },
        { id: 2, enabled: true, paused: false },
      ],
    },
  };
}

test('no routes: every message is unrouted', async () => {
  const s = sources([]);
  const decide = await new Router(s.src).decider();
  assert.deepEqual(decide(message), { kind: 'unrouted' });
});

test('routes are read once per snapshot, shared by concurrent requests, and reread after the TTL', async () => {
  const s = sources([route(1, 2)]);
  const router = new Router(s.src, 1000);
  const [a, b] = await Promise.all([router.decider(0), router.decider(0)]);
  assert.equal(a, b, 'one decision function per snapshot');
  assert.equal(s.calls.routes, 1);
  assert.deepEqual(a(message), { kind: 'routed', routeId: 1, connectorId: 2, buyPriceMicrosPerPart: 5_000 });
  await router.decider(999);
  assert.equal(s.calls.routes, 1, 'still fresh');
  await router.decider(1000);
  assert.equal(s.calls.routes, 2, 'stale after the TTL');
});

test('invalidate: the next request rereads; a matching route is required once routes exist', async () => {
  const s = sources([route(1, 2, { filters: { countries: ['AT'] } })]);
  const router = new Router(s.src, 60_000);
  assert.deepEqual((await router.decider(0))(message), { kind: 'no_route' });
  s.routes.push(route(2, 1));
  assert.deepEqual((await router.decider(1))(message), { kind: 'no_route' }, 'cached');
  router.invalidate();
  assert.equal((await router.decider(2))(message).kind, 'routed');
});
