// `petrel routes …`: the same routes as /api/v1/routes (gateway/route-admin.ts), validated by
// the API's schema, for operators at a shell. Connectors are named by id or name. A running
// Petrel's intake sees a change within ROUTES_CACHE_MS.

import { RouteCreate, RoutePatch } from '../contracts/routes.ts';
import type { ConnectorStore } from '../engine/ports.ts';
import type { RouteStore, StoredRoute } from '../gateway/ports.ts';
import { RouteAdmin, routeView, type RouteInput } from '../gateway/route-admin.ts';
import { byIdOrName, checkOptions, CliError } from './options.ts';

/** Command-line option → route field. */
const OPTION_OF: Record<string, string> = {
  position: 'position',
  strategy: 'strategy',
  connectors: 'connectors',
  buyPrice: 'buy-price',
  'filters/countries': 'countries',
  'filters/prefixes': 'prefixes',
  'filters/trafficAccountIds': 'accounts',
  'filters/senders': 'senders',
  'filters/messageTypes': 'types',
};

export const ROUTE_OPTIONS = Object.fromEntries(
  ['position', 'strategy', 'connectors', 'buy-price', 'countries', 'prefixes', 'accounts', 'senders', 'types'].map((o) => [o, { type: 'string' as const }]),
);

export const ROUTES_USAGE = `  routes list | show ID|NAME | remove ID|NAME | enable | disable ID|NAME
  routes add NAME --connectors C[:WEIGHT],… [route options] [--disabled]
  routes set ID|NAME [route options]
      route options: --position N --strategy static|failover|weighted --buy-price AMOUNT|none
        --countries DE,AT --prefixes 4917,43 --accounts ID,… --senders NAME,PREFIX* --types gsm,unicode,binary,flash
        (a connector by id or name; a filter given as "" matches everything)`;

const listOf = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function ints(option: string, text: string): number[] {
  return listOf(text).map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new CliError(`--${option} takes whole numbers separated by commas`);
    return n;
  });
}

async function connectorsOf(store: ConnectorStore, text: string): Promise<RouteInput['connectors']> {
  const out: RouteInput['connectors'] = [];
  for (const item of listOf(text)) {
    const [ref, weight] = item.split(':');
    const c = await byIdOrName(store, ref, 'connector').catch((e: Error) => {
      throw new CliError(`--connectors: ${e.message}`);
    });
    out.push({ connectorId: c.id, ...(weight !== undefined ? { weight: ints('connectors', weight)[0]! } : {}) });
  }
  return out;
}

/** The route fields the options give (only those given). */
async function inputOf(connectors: ConnectorStore, v: Record<string, unknown>): Promise<Partial<RouteInput>> {
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const out: Partial<RouteInput> = {};
  if (s('position') !== undefined) out.position = ints('position', s('position')!)[0]!;
  if (s('strategy') !== undefined) out.strategy = s('strategy') as RouteInput['strategy'];
  if (s('connectors') !== undefined) out.connectors = await connectorsOf(connectors, s('connectors')!);
  if (s('buy-price') !== undefined) out.buyPrice = s('buy-price') === 'none' ? null : s('buy-price')!;
  const filters: NonNullable<RouteInput['filters']> = {};
  if (s('countries') !== undefined) filters.countries = listOf(s('countries')!);
  if (s('prefixes') !== undefined) filters.prefixes = listOf(s('prefixes')!);
  if (s('accounts') !== undefined) filters.trafficAccountIds = ints('accounts', s('accounts')!);
  if (s('senders') !== undefined) filters.senders = listOf(s('senders')!);
  if (s('types') !== undefined) filters.messageTypes = listOf(s('types')!) as never;
  if (Object.keys(filters).length) out.filters = filters;
  return out;
}

function check(schema: typeof RouteCreate | typeof RoutePatch, value: object): void {
  checkOptions(schema, value, (field) => OPTION_OF[field], 'route');
}

const find = (store: RouteStore, ref: string | undefined) => byIdOrName<StoredRoute>(store, ref, 'route');

export async function routesCommand(stores: { routes: RouteStore; connectors: ConnectorStore }, sub: string | undefined, args: string[], values: Record<string, unknown>): Promise<unknown> {
  const { routes, connectors } = stores;
  const admin = new RouteAdmin(routes, async () => (await connectors.list()).map((c) => c.id));
  switch (sub) {
    case 'list':
      return (await routes.list()).map(routeView);
    case 'show':
      return routeView(await find(routes, args[0]));
    case 'add': {
      const body = { name: args[0], ...(await inputOf(connectors, values)), ...(values.disabled ? { enabled: false } : {}) };
      check(RouteCreate, body);
      return routeView(await admin.create(body as RouteInput));
    }
    case 'set':
    case 'enable':
    case 'disable': {
      const r = await find(routes, args[0]);
      const change = sub === 'set' ? await inputOf(connectors, values) : { enabled: sub === 'enable' };
      check(RoutePatch, change);
      return routeView(await admin.change(r.id, change));
    }
    case 'remove': {
      const r = await find(routes, args[0]);
      await admin.remove(r.id);
      return { removed: r.name };
    }
    default:
      throw new CliError('routes takes: list | show | add | set | enable | disable | remove');
  }
}
