// The `petrel` command. Roles: `start` (everything, the default), `api`, `worker`; `migrate`;
// and admin commands for accounts, keys and prices.

import { parseArgs } from 'node:util';
import { CliError, CONNECTOR_OPTIONS, CONNECTORS_USAGE, connectorsCommand } from './cli/connectors.ts';
import { asOptions } from './cli/options.ts';
import { buildWebIfStale } from './cli/web-build.ts';
import { ROUTE_OPTIONS, ROUTES_USAGE, routesCommand } from './cli/routes.ts';
import { blacklistCommand, keywordsCommand, numbersCommand, TWO_WAY_OPTIONS, TWO_WAY_USAGE, type TwoWayDeps } from './cli/two-way.ts';
import { SqlBlacklistStore } from './storage/blacklist-repository.ts';
import { SqlNumberStore } from './storage/inbound-repository.ts';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { ConflictError, ValidationError } from './domain/errors.ts';
import { parseMicros } from './domain/pricing.ts';
import type { TrafficAccountChange, TrafficAccountType } from './gateway/ports.ts';
import { isKeyRole } from './domain/scopes.ts';
import { Tenancy } from './gateway/tenancy.ts';
import { createLogger } from './logger.ts';
import { openStorage, startPetrel, type Petrel, type Role } from './main.ts';
import { SqlConnectorStore } from './storage/connector-repository.ts';
import { SqlRouteStore } from './storage/route-repository.ts';
import { SqlTenancyStore } from './storage/tenancy-repository.ts';
import type { Database } from './storage/database.ts';
import { SqlPeopleStore } from './storage/people-repository.ts';
import { SqlAuditStore } from './storage/audit-repository.ts';
import { SqlOutboxStore } from './storage/outbox-repository.ts';
import { firstPassword, Users } from './people/users.ts';
import { PERSON_ROLES, type PersonRole, type User } from './people/ports.ts';

const USAGE = `Usage: petrel <command> [options]

  start [--roles api,worker]    run Petrel (default: every role in this process)
  api | worker                  run one role (several processes can share one PostgreSQL)
  migrate                       apply database migrations and exit
  simulator                     run the SMSC simulator on its own (PETREL_SIMULATOR_* settings);
                                type "inbound FROM TO TEXT" on its standard input to send a message
  inbound --from N --to N --text T [--concat udh|sar] [--url URL] [--key KEY]
                                have the simulator embedded in a running Petrel send a mobile-
                                originated message (the operator's key; default URL http://HOST:PORT,
                                default key PETREL_API_KEY)

  accounts create NAME [--traffic-account NAME] [traffic account options]
  traffic-accounts create ACCOUNT NAME [traffic account options]
  traffic-accounts list ACCOUNT
  traffic-accounts set ACCOUNT NAME [--callback URL|none] [--callback-method GET|POST]
        [--callback-template JSON|none] [--inbound-url URL|none] [--credit-limit AMOUNT|none]
        [--reset-credit] [--rotate-secret]
                                show or change where delivery reports and inbound messages go, and
                                the credit limit; prints the signing secret (alias: callback)
      traffic account options: --type api|campaign|two_way --display-name TEXT --sender ID
        --callback URL --callback-method GET|POST --inbound-url URL --conversion-tracking
        --currency EUR --credit-limit AMOUNT --inactive
  keys create --account NAME [--traffic-account NAME] [--role operator|admin|sender] [--name LABEL]
  keys list [--account NAME]
  keys revoke ID
  users create --account NAME --email EMAIL --name NAME [--role ROLE] [--operator] [--traffic-account NAME[,NAME…]]
                                a person who signs in to the campaign manager; prints a first
                                password once (ROLE: administrator, user_manager,
                                campaign_manager, analyst (default), custom); --traffic-account
                                names the traffic accounts whose messages a person who is not
                                an administrator reads
  users list [--account NAME]
  users pause EMAIL | users unpause EMAIL   pausing ends the user's sessions at once
  mail outbox [--account NAME]  the mail Petrel sent or keeps (invitations, password resets),
                                newest 25 first; without SMTP (PETREL_SMTP_URL) all mail waits here
  prices set --account NAME [--traffic-account NAME] [--country CC] [--network MCCMNC] --price AMOUNT
${CONNECTORS_USAGE}
${ROUTES_USAGE}
${TWO_WAY_USAGE}

Configuration comes from the environment: PORT, HOST, PETREL_DATA_DIR, DATABASE_URL, LOG_LEVEL,
PETREL_BOOTSTRAP_API_KEY, … (see docs/OPERATIONS.md).`;

class UsageError extends Error {}

const OPTIONS = {
  roles: { type: 'string' },
  'traffic-account': { type: 'string' },
  type: { type: 'string' },
  'display-name': { type: 'string' },
  sender: { type: 'string' },
  callback: { type: 'string' },
  'callback-method': { type: 'string' },
  'callback-template': { type: 'string' },
  'rotate-secret': { type: 'boolean' },
  'inbound-url': { type: 'string' },
  'reset-credit': { type: 'boolean' },
  'conversion-tracking': { type: 'boolean' },
  currency: { type: 'string' },
  'credit-limit': { type: 'string' },
  inactive: { type: 'boolean' },
  account: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  country: { type: 'string' },
  network: { type: 'string' },
  price: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...CONNECTOR_OPTIONS,
  ...ROUTE_OPTIONS,
  ...TWO_WAY_OPTIONS,
  paused: { type: 'boolean' },
  disabled: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  text: { type: 'string' },
  concat: { type: 'string' },
  url: { type: 'string' },
  key: { type: 'string' },
  email: { type: 'string' },
  operator: { type: 'boolean' },
} as const;

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function parseRoles(text: string | undefined): Role[] {
  if (!text) return ['api', 'worker'];
  const roles = text.split(',').map((r) => r.trim());
  for (const r of roles) if (r !== 'api' && r !== 'worker') throw new UsageError(`--roles takes api and/or worker, not ${JSON.stringify(r)}`);
  return roles as Role[];
}

function trafficAccountOptions(o: Options) {
  const type = o.type ?? 'api';
  if (!['api', 'campaign', 'two_way'].includes(type)) throw new UsageError('--type is api, campaign or two_way');
  const method = (o['callback-method'] ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw new UsageError('--callback-method is GET or POST');
  let creditLimitMicros: number | null = null;
  if (o['credit-limit'] !== undefined) {
    creditLimitMicros = parseMicros(o['credit-limit']);
    if (creditLimitMicros === null) throw new UsageError('--credit-limit is an amount such as 100 or 99.50');
  }
  return {
    type: type as TrafficAccountType,
    displayName: o['display-name'],
    defaultSender: o.sender ?? null,
    callbackUrl: o.callback ?? null,
    callbackMethod: method as 'GET' | 'POST',
    inboundUrl: o['inbound-url'] ?? null,
    conversionTracking: o['conversion-tracking'] ?? false,
    currency: (o.currency ?? 'EUR').toUpperCase(),
    creditLimitMicros,
    status: o.inactive ? ('inactive' as const) : ('active' as const),
  };
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`${what} is required`);
  return value;
}

async function withTenancy<T>(config: Config, fn: (t: Tenancy, database: Database) => Promise<T>): Promise<T> {
  const database = await openStorage(config);
  try {
    return await fn(new Tenancy(new SqlTenancyStore(database)), database);
  } finally {
    await database.close();
  }
}

/** Runs a numbers / blacklist / keywords command over the database and prints what it returns. */
function withTwoWay(config: Config, fn: (d: TwoWayDeps) => Promise<unknown>): Promise<void> {
  return withTenancy(config, async (tenancy, database) => {
    const r = await fn({ tenancy, numbers: new SqlNumberStore(database), blacklist: new SqlBlacklistStore(database) });
    if (r !== undefined) print(r);
  });
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** The start-up banner: where Petrel listens and, on first start, the operator's key. */
function announce(petrel: Petrel, config: Config): void {
  if (petrel.url) console.log(`Petrel is listening on ${petrel.url} (API docs: ${petrel.url}/docs)`);
  console.log(`Database: ${petrel.database.dialect} ${petrel.database.location}`);
  if (petrel.url) {
    console.log(
      config.smtpUrl
        ? `Mail: sent through ${new URL(config.smtpUrl).host} from ${config.mailFrom}`
        : 'Mail: no SMTP server is set (PETREL_SMTP_URL), so invitations and password resets are kept in the mail outbox: `petrel mail outbox`, or the Mail outbox page',
    );
  }
  if (petrel.bootstrapKey) {
    const k = petrel.bootstrapKey;
    console.log(
      `\nFirst start: created account "default" with traffic account "default".\n` +
        `Operator API key, for the whole platform (shown once, store it now): ${k.key}\n` +
        `Try: curl -X POST ${petrel.url ?? 'http://127.0.0.1:3000'}/sms -H 'Content-Type: application/json' ` +
        `-H 'X-Mitto-API-Key: ${k.key}' -d '{"from":"Petrel","to":"491725551234","text":"Hello","test":true}'\n`,
    );
  }
  if (petrel.bootstrapAdmin) {
    const a = petrel.bootstrapAdmin;
    console.log(`First administrator, to sign in at ${petrel.url ?? 'http://127.0.0.1:3000'}/ (shown once): ${a.email} / ${a.password}\n`);
  }
}

async function runServer(config: Config, roles: Role[]): Promise<void> {
  if (roles.includes('api')) await buildWebIfStale(config.webDist, (line) => console.log(line));
  const logger = createLogger(config);
  // The signals are ours from the start: the engine may be sending before the API is up, and a
  // stop that comes then waits for the start to finish and closes everything in order.
  const starting = startPetrel(config, roles, logger, (petrel) => announce(petrel, config));
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    starting
      .then((petrel) => petrel.close())
      .then(
        () => process.exit(0),
        (e) => {
          logger.error({ err: e }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  await starting;
}

async function runSimulator(config: Config): Promise<void> {
  const { SmscSimulator } = await import('./simulator/simulator.ts');
  const { parseOutcomeRules } = await import('./simulator/rules.ts');
  const s = config.simulator;
  const sim = new SmscSimulator({
    systemId: s.systemId,
    password: s.password,
    idFormat: s.idFormat,
    receiptDelayMs: s.receiptDelayMs,
    receiptJitterMs: s.receiptJitterMs,
    rules: parseOutcomeRules(s.rules),
  });
  const port = await sim.listen(s.port, config.host);
  console.log(
    `SMSC simulator listening on ${config.host}:${port} (system_id ${s.systemId}; receipts after ${s.receiptDelayMs}${s.receiptJitterMs ? `–${s.receiptDelayMs + s.receiptJitterMs}` : ''} ms)`,
  );
  // "inbound FROM TO TEXT" lines on standard input become mobile-originated messages.
  const { createInterface } = await import('node:readline');
  createInterface({ input: process.stdin }).on('line', (line) => {
    const m = /^\s*inbound\s+(\S+)\s+(\S+)\s+(.+)$/.exec(line);
    if (!m) return void console.log('type: inbound FROM TO TEXT');
    console.log(sim.inject({ from: m[1]!, to: m[2]!, text: m[3]! }) ? 'inbound sent' : 'inbound held until a receiver binds');
  });
  const stop = () => sim.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Asks a running Petrel's embedded simulator to send a mobile-originated message. */
async function inbound(config: Config, o: Options): Promise<void> {
  const url = o.url ?? `http://${config.host}:${config.port}`;
  const key = o.key ?? process.env.PETREL_API_KEY;
  if (!key) throw new UsageError("inbound needs the operator's key: --key KEY or PETREL_API_KEY");
  const res = await fetch(`${url}/api/v1/simulator/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mitto-api-key': key },
    body: JSON.stringify({ from: need(o.from, '--from'), to: need(o.to, '--to'), text: need(o.text, '--text'), ...(o.concat ? { concat: o.concat } : {}) }),
  });
  const body = (await res.json()) as { sent?: boolean; message?: string };
  if (res.status !== 202) throw new Error(`${url} answered ${res.status}: ${body.message ?? JSON.stringify(body)}`);
  console.log(body.sent ? 'Sent to Petrel.' : 'Held by the simulator until Petrel binds a receiver.');
}

async function run(argv: string[]): Promise<void> {
  const { values: o, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command = 'start', sub, ...rest] = positionals;
  if (o.help || command === 'help') return void console.log(USAGE);
  const config = loadConfig();
  switch (command) {
    case 'start':
      return runServer(config, parseRoles(o.roles));
    case 'api':
    case 'worker':
      return runServer(config, [command]);
    case 'simulator':
      return runSimulator(config);
    case 'migrate': {
      const database = await openStorage(config);
      console.log(`Migrated ${database.dialect} database at ${database.location}`);
      return database.close();
    }
    case 'accounts':
      if (sub !== 'create') throw new UsageError('accounts takes: create NAME');
      return withTenancy(config, async (t) => print(await t.createAccount(need(rest[0], 'account NAME'), { ...trafficAccountOptions(o), name: o['traffic-account'] ?? 'default' })));
    case 'traffic-accounts':
      if (sub === 'create') {
        return withTenancy(config, async (t) => print(await t.createTrafficAccount(need(rest[0], 'ACCOUNT'), { ...trafficAccountOptions(o), name: need(rest[1], 'traffic account NAME') })));
      }
      if (sub === 'list') {
        return withTenancy(config, async (t) => {
          const accountId = await t.accountIdOf(need(rest[0], 'ACCOUNT'));
          print(await t.listTrafficAccounts(accountId));
        });
      }
      if (sub === 'set' || sub === 'callback') return trafficAccountSettings(config, rest, o);
      throw new UsageError('traffic-accounts takes: create ACCOUNT NAME | list ACCOUNT | set ACCOUNT NAME');
    case 'keys':
      return keys(config, sub, rest, o);
    case 'users':
      return users(config, sub, rest, o);
    case 'mail':
      if (sub !== 'outbox') throw new UsageError('mail takes: outbox');
      return withTenancy(config, async (t, database) => {
        const entries = await new SqlOutboxStore(database).list(o.account ? await t.accountIdOf(o.account) : null, null, 25);
        print(
          entries.map((m) => ({
            id: m.id,
            account: m.accountName,
            to: m.to,
            subject: m.subject,
            createdAt: new Date(m.createdAt).toISOString(),
            sentAt: m.sentAt && new Date(m.sentAt).toISOString(),
            error: m.error,
            body: m.body,
          })),
        );
      });
    case 'prices':
      if (sub !== 'set') throw new UsageError('prices takes: set');
      return withTenancy(config, async (t) => {
        const priceMicros = parseMicros(need(o.price, '--price'));
        if (priceMicros === null) throw new UsageError('--price is an amount such as 0.06');
        const accountId = await t.accountIdOf(need(o.account, '--account'));
        const ta = await t.findTrafficAccount(accountId, o['traffic-account'] ?? 'default');
        if (!ta) throw new UsageError(`no traffic account ${o['traffic-account'] ?? 'default'}`);
        await t.setPrice(ta.id, { country: o.country?.toUpperCase() ?? null, network: o.network ?? null, priceMicros });
        print(await t.prices(ta.id));
      });
    case 'connectors': {
      const database = await openStorage(config);
      try {
        print(await connectorsCommand(new SqlConnectorStore(database), sub, rest, o));
      } finally {
        await database.close();
      }
      return;
    }
    case 'routes': {
      const database = await openStorage(config);
      try {
        print(await routesCommand({ routes: new SqlRouteStore(database), connectors: new SqlConnectorStore(database) }, sub, rest, o));
      } finally {
        await database.close();
      }
      return;
    }
    case 'inbound':
      return inbound(config, o);
    case 'numbers':
      return withTwoWay(config, (d) => numbersCommand(d, sub, rest, o));
    case 'blacklist':
      return withTwoWay(config, async (d) => {
        const r = await blacklistCommand(d, sub, rest, o);
        return sub === 'export' ? void process.stdout.write((r as { csv: string }).csv) : print(r);
      });
    case 'keywords':
      return withTwoWay(config, (d) => keywordsCommand(d, sub, o));
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

/** `traffic-accounts set|callback ACCOUNT NAME …`: delivery settings, through the API's checks. */
async function trafficAccountSettings(config: Config, rest: string[], o: Options): Promise<void> {
  const method = o['callback-method']?.toUpperCase();
  if (method !== undefined && method !== 'GET' && method !== 'POST') throw new UsageError('--callback-method is GET or POST');
  const orNone = (v: string | undefined) => (v === undefined ? undefined : v === 'none' ? null : v);
  const limit = orNone(o['credit-limit']);
  const creditLimitMicros = limit === undefined || limit === null ? limit : parseMicros(limit);
  if (creditLimitMicros === null && limit) throw new UsageError('--credit-limit is an amount such as 100 or 99.50, or none');
  const change: TrafficAccountChange = {
    ...(o.callback !== undefined ? { callbackUrl: orNone(o.callback)! } : {}),
    ...(method ? { callbackMethod: method as 'GET' | 'POST' } : {}),
    ...(o['callback-template'] !== undefined ? { callbackTemplate: orNone(o['callback-template'])! } : {}),
    ...(o['inbound-url'] !== undefined ? { inboundUrl: orNone(o['inbound-url'])! } : {}),
    ...(creditLimitMicros !== undefined ? { creditLimitMicros } : {}),
    resetCredit: Boolean(o['reset-credit']),
    rotateSecret: Boolean(o['rotate-secret']),
  };
  const OPTION: Record<string, string> = { callbackUrl: '--callback', inboundUrl: '--inbound-url', callbackTemplate: '--callback-template', creditLimit: '--credit-limit' };
  return withTenancy(config, async (t) => {
    const accountId = await t.accountIdOf(need(rest[0], 'ACCOUNT'));
    print(
      await asOptions(
        () => t.changeTrafficAccount(accountId, need(rest[1], 'traffic account NAME'), change),
        (field) => OPTION[field],
      ),
    );
  });
}

async function keys(config: Config, sub: string | undefined, rest: string[], o: Options): Promise<void> {
  if (sub === 'create') {
    const role = o.role ?? 'sender';
    if (!isKeyRole(role)) throw new UsageError('--role is operator, admin or sender');
    return withTenancy(config, async (t) => {
      const k = await t.createKey({
        accountName: need(o.account, '--account'),
        role,
        ...(o['traffic-account'] ? { trafficAccountName: o['traffic-account'] } : {}),
        ...(o.name ? { name: o.name } : {}),
      });
      print({ ...k, note: 'The key is shown only now; Petrel stores only its hash.' });
    });
  }
  if (sub === 'list') return withTenancy(config, async (t) => print(await t.listKeys(o.account ?? null)));
  if (sub === 'revoke') {
    const id = Number(need(rest[0], 'key ID'));
    if (!Number.isInteger(id)) throw new UsageError('key ID is a number (see keys list)');
    return withTenancy(config, async (t) => {
      await t.revokeKey(id);
      console.log(`Key ${id} revoked.`);
    });
  }
  throw new UsageError('keys takes: create | list | revoke ID');
}

/** The ids of the comma-separated traffic accounts a new user belongs to. */
async function memberOf(t: Tenancy, accountId: number, names: string | undefined): Promise<number[]> {
  const ids: number[] = [];
  for (const name of (names ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)) {
    const ta = await t.findTrafficAccount(accountId, name);
    if (!ta) throw new UsageError(`--traffic-account: no traffic account ${name} in this account`);
    ids.push(ta.id);
  }
  return ids;
}

async function users(config: Config, sub: string | undefined, rest: string[], o: Options): Promise<void> {
  const withUsers = <T>(fn: (u: Users, t: Tenancy) => Promise<T>) => withTenancy(config, (t, database) => fn(new Users(new SqlPeopleStore(database), new SqlAuditStore(database)), t));
  const shown = (u: User) => ({ email: u.email, name: u.name, role: u.role, operator: u.operator, status: u.status, account: u.accountName, createdAt: new Date(u.createdAt).toISOString() });
  if (sub === 'create') {
    const role = o.role ?? 'analyst';
    if (!(PERSON_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role is one of ${PERSON_ROLES.join(', ')}`);
    return withUsers(async (u, t) => {
      const accountId = await t.accountIdOf(need(o.account, '--account'));
      if (o.operator && (role !== 'administrator' || accountId !== (await t.operatorAccountId()))) {
        throw new UsageError("--operator is for an administrator of the operator's account (the first one)");
      }
      const trafficAccountIds = await memberOf(t, accountId, o['traffic-account']);
      const password = firstPassword();
      const user = await u.create(
        { accountId, email: need(o.email, '--email'), name: need(o.name, '--name'), role: role as PersonRole, operator: o.operator ?? false, password, trafficAccountIds },
        Date.now(),
      );
      print({ ...shown(user), password, note: 'The password is shown only now; the user changes it in Settings.' });
    });
  }
  if (sub === 'list') return withUsers(async (u, t) => print((await u.list(o.account ? await t.accountIdOf(o.account) : null)).map(shown)));
  if (sub === 'pause' || sub === 'unpause') {
    return withUsers(async (u) => {
      const user = await u.byEmail(need(rest[0], 'EMAIL'));
      await (sub === 'pause' ? u.pause(user.id, Date.now(), 'petrel users') : u.unpause(user.id, Date.now(), 'petrel users'));
      print(shown(await u.byEmail(user.email)));
    });
  }
  throw new UsageError('users takes: create | list | pause EMAIL | unpause EMAIL');
}

try {
  await run(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e instanceof CliError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`petrel: ${(e as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (e instanceof ConfigError) {
    console.error(`petrel: configuration error: ${e.message}`);
    process.exitCode = 2;
  } else if (e instanceof ValidationError || e instanceof ConflictError) {
    // Refused by the same rules the API applies (a bad value, a taken name).
    console.error(`petrel: ${e.message}`);
    process.exitCode = 2;
  } else {
    console.error(`petrel: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
