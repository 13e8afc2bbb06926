// `petrel numbers …`, `petrel blacklist …` and `petrel keywords …`: the same records and rules
// as /api/v1/numbers, /api/v1/blacklist and /api/v1/keywords, for operators at a shell.

import { NumberCreate } from '../contracts/two-way.ts';
import { addressKey } from '../domain/inbound.ts';
import { DEFAULT_KEYWORDS, keywordListsProblem } from '../domain/opt-out.ts';
import { allEntries, blacklistCsv, blacklistNumber, keywordsInForce } from '../gateway/blacklist.ts';
import { giveNumber, ownedNumbers } from '../gateway/numbers.ts';
import type { BlacklistSource, BlacklistStore, NumberStore } from '../gateway/ports.ts';
import type { Tenancy } from '../gateway/tenancy.ts';
import { asOptions, checkOptions, CliError } from './options.ts';

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

/** The API's field → this command's option or argument. */
const OPTION: Record<string, string> = { number: 'NUMBER', trafficAccount: '--traffic-account', account: '--account', optOut: '--opt-out', optIn: '--opt-in' };
const optionOf = (field: string) => OPTION[field];

export async function numbersCommand(d: TwoWayDeps, sub: string | undefined, rest: string[], o: Opts): Promise<unknown> {
  if (sub === 'list') return ownedNumbers(d.tenancy, d.numbers, o.account ? await d.tenancy.accountIdOf(o.account) : null);
  if (sub === 'add') {
    const body = { number: need(rest[0], 'NUMBER'), account: need(o.account, '--account'), trafficAccount: need(o['traffic-account'], '--traffic-account') };
    checkOptions(NumberCreate, body, (field) => (field === 'number' ? undefined : OPTION[field]?.slice(2)), 'NUMBER');
    const accountId = await d.tenancy.accountIdOf(body.account);
    return asOptions(() => giveNumber(d.tenancy, d.numbers, { ...body, accountId, accountName: body.account }), optionOf);
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
  const number = () => asOptions(() => blacklistNumber(need(rest[0], 'NUMBER'), 'number'), optionOf);
  switch (sub) {
    case 'list': {
      if (o.source && !SOURCES.includes(o.source as BlacklistSource)) throw new CliError('--source is keyword, api or cli');
      const all = [];
      for await (const e of allEntries(d.blacklist, accountId, o.source as BlacklistSource | undefined)) all.push({ ...e, createdAt: new Date(e.createdAt).toISOString() });
      return all;
    }
    case 'export':
      return { csv: await blacklistCsv(d.blacklist, accountId) };
    case 'add': {
      const n = await number();
      const added = await d.blacklist.add(accountId, { number: n, source: 'cli', reason: o.reason ?? null, inboundId: null, createdAt: Date.now() });
      return { number: n, added, note: added ? undefined : 'already on the blacklist; the first entry stands' };
    }
    case 'remove': {
      const n = await number();
      if (!(await d.blacklist.remove(accountId, n))) throw new CliError(`${n} is not on the blacklist`);
      return { removed: n };
    }
    default:
      throw new CliError('blacklist takes: list | export | add NUMBER | remove NUMBER');
  }
}

const words = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');

export async function keywordsCommand(d: TwoWayDeps, sub: string | undefined, o: Opts): Promise<unknown> {
  const accountId = await d.tenancy.accountIdOf(need(o.account, '--account'));
  if (sub === 'set') {
    const current = (await d.blacklist.keywords(accountId)) ?? DEFAULT_KEYWORDS;
    const lists = { optOut: o['opt-out'] !== undefined ? words(o['opt-out']) : [...current.optOut], optIn: o['opt-in'] !== undefined ? words(o['opt-in']) : [...current.optIn] };
    const problem = keywordListsProblem(lists);
    if (problem) throw new CliError(`${OPTION[problem.field]}: ${problem.message}`);
    await d.blacklist.setKeywords(accountId, lists);
  } else if (sub === 'reset') await d.blacklist.setKeywords(accountId, null);
  else if (sub !== 'show') throw new CliError('keywords takes: show | set | reset');
  return keywordsInForce(await d.blacklist.keywords(accountId));
}
