// `petrel numbers …`, `petrel blacklist …` and `petrel keywords …`: the same records and rules
// as /api/v1/numbers, /api/v1/blacklist and /api/v1/keywords, for operators at a shell.

import { ValidationError } from '../domain/errors.ts';
import { addressKey } from '../domain/inbound.ts';
import { DEFAULT_KEYWORDS, keywordListsProblem } from '../domain/opt-out.ts';
import { blacklistCsv, blacklistNumber } from '../gateway/blacklist.ts';
import type { BlacklistSource, BlacklistStore, NumberStore } from '../gateway/ports.ts';
import type { Tenancy } from '../gateway/tenancy.ts';
import { CliError } from './options.ts';

export const TWO_WAY_USAGE = `  numbers add NUMBER --account NAME --traffic-account NAME   inbound messages to NUMBER become the traffic account's
  numbers list [--account NAME] | numbers remove NUMBER
  blacklist list --account NAME [--source keyword|api|cli] | blacklist export --account NAME   (CSV)
  blacklist add NUMBER --account NAME [--reason TEXT] | blacklist remove NUMBER --account NAME
  keywords show --account NAME | keywords reset --account NAME
  keywords set --account NAME --opt-out STOP,END --opt-in START`;

export const TWO_WAY_OPTIONS = {
  reason: { type: 'string' },
  source: { type: 'string' },
  'opt-out': { type: 'string' },
  'opt-in': { type: 'string' },
} as const;

export interface TwoWayDeps {
  tenancy: Tenancy;
  numbers: NumberStore;
  blacklist: BlacklistStore;
}

interface Opts {
  account?: string | undefined;
  'traffic-account'?: string | undefined;
  reason?: string | undefined;
  source?: string | undefined;
  'opt-out'?: string | undefined;
  'opt-in'?: string | undefined;
}

const need = (v: string | undefined, what: string) => {
  if (!v) throw new CliError(`${what} is required`);
  return v;
};

/** The API's complaint about a value, named by the argument that carried it. */
function asCli<T>(fn: () => T, option: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationError) throw new CliError(`${option}: ${e.message}`);
    throw e;
  }
}

export async function numbersCommand(d: TwoWayDeps, sub: string | undefined, rest: string[], o: Opts): Promise<unknown> {
  if (sub === 'list') {
    const accountId = o.account ? await d.tenancy.accountIdOf(o.account) : null;
    const numbers = await d.numbers.list(accountId);
    const owners = await d.tenancy.trafficAccountsById(numbers.map((n) => n.trafficAccountId));
    return numbers.map((n) => ({ number: n.number, account: owners.get(n.trafficAccountId)?.accountName, trafficAccount: owners.get(n.trafficAccountId)?.name }));
  }
  if (sub === 'add') {
    const number = need(rest[0], 'NUMBER');
    if (!/^\+?[0-9A-Za-z]{3,21}$/.test(number)) throw new CliError('NUMBER is a long number (E.164) or a short code');
    const account = need(o.account, '--account');
    const ta = await d.tenancy.findTrafficAccount(await d.tenancy.accountIdOf(account), need(o['traffic-account'], '--traffic-account'));
    if (!ta) throw new CliError(`no traffic account ${JSON.stringify(o['traffic-account'])} in ${JSON.stringify(account)}`);
    if (!(await d.numbers.add({ number, trafficAccountId: ta.id, createdAt: Date.now() }))) throw new CliError(`${addressKey(number)} belongs to a traffic account already; remove it first`);
    return { number: addressKey(number), account, trafficAccount: ta.name };
  }
  if (sub === 'remove') {
    const number = need(rest[0], 'NUMBER');
    if (!(await d.numbers.remove(number))) throw new CliError(`no number ${addressKey(number)}`);
    return { removed: addressKey(number) };
  }
  throw new CliError('numbers takes: add NUMBER | list | remove NUMBER');
}

const SOURCES: readonly BlacklistSource[] = ['keyword', 'api', 'cli'];

export async function blacklistCommand(d: TwoWayDeps, sub: string | undefined, rest: string[], o: Opts): Promise<unknown> {
  const accountId = await d.tenancy.accountIdOf(need(o.account, '--account'));
  switch (sub) {
    case 'list': {
      if (o.source && !SOURCES.includes(o.source as BlacklistSource)) throw new CliError('--source is keyword, api or cli');
      const all = [];
      for (let after: string | null = null; ; ) {
        const page = await d.blacklist.list(accountId, { ...(o.source ? { source: o.source as BlacklistSource } : {}), after, limit: 1000 });
        all.push(...page);
        if (page.length < 1000) return all.map((e) => ({ ...e, createdAt: new Date(e.createdAt).toISOString() }));
        after = page.at(-1)!.number;
      }
    }
    case 'export':
      return { csv: await blacklistCsv(d.blacklist, accountId) };
    case 'add': {
      const number = asCli(() => blacklistNumber(need(rest[0], 'NUMBER'), 'NUMBER'), 'NUMBER');
      const added = await d.blacklist.add(accountId, { number, source: 'cli', reason: o.reason ?? null, inboundId: null, createdAt: Date.now() });
      return { number, added, note: added ? undefined : 'already on the blacklist; the first entry stands' };
    }
    case 'remove': {
      const number = asCli(() => blacklistNumber(need(rest[0], 'NUMBER'), 'NUMBER'), 'NUMBER');
      if (!(await d.blacklist.remove(accountId, number))) throw new CliError(`${number} is not on the blacklist`);
      return { removed: number };
    }
    default:
      throw new CliError('blacklist takes: list | export | add NUMBER | remove NUMBER');
  }
}

const words = (v: string | undefined) => (v ?? '').split(',').map((w) => w.trim()).filter((w) => w !== '');

export async function keywordsCommand(d: TwoWayDeps, sub: string | undefined, o: Opts): Promise<unknown> {
  const accountId = await d.tenancy.accountIdOf(need(o.account, '--account'));
  if (sub === 'set') {
    const current = (await d.blacklist.keywords(accountId)) ?? DEFAULT_KEYWORDS;
    const lists = { optOut: o['opt-out'] !== undefined ? words(o['opt-out']) : [...current.optOut], optIn: o['opt-in'] !== undefined ? words(o['opt-in']) : [...current.optIn] };
    const problem = keywordListsProblem(lists);
    if (problem) throw new CliError(`--${problem.field === 'optOut' ? 'opt-out' : 'opt-in'}: ${problem.message}`);
    await d.blacklist.setKeywords(accountId, lists);
  } else if (sub === 'reset') await d.blacklist.setKeywords(accountId, null);
  else if (sub !== 'show') throw new CliError('keywords takes: show | set | reset');
  const own = await d.blacklist.keywords(accountId);
  return { ...(own ?? DEFAULT_KEYWORDS), defaults: own === null };
}
