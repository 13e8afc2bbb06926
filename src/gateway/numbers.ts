// Giving numbers to traffic accounts, and who has which: the API's and the CLI's one way.

import { ConflictError, ValidationError } from '../domain/errors.ts';
import { addressKey } from '../domain/inbound.ts';
import type { NumberStore } from './ports.ts';
import type { Tenancy } from './tenancy.ts';

export interface OwnedNumber {
  number: string;
  account: string;
  trafficAccount: string;
  createdAt: number;
}

/** Gives `number` to a traffic account of the account: 400 naming `trafficAccount` when there is none, 409 when the number has an owner. */
export async function giveNumber(tenancy: Tenancy, numbers: NumberStore, o: { accountId: number; accountName: string; number: string; trafficAccount: string }): Promise<OwnedNumber> {
  const ta = await tenancy.findTrafficAccount(o.accountId, o.trafficAccount);
  if (!ta) throw new ValidationError('invalid_parameter', 'trafficAccount', `no traffic account ${JSON.stringify(o.trafficAccount)} in ${JSON.stringify(o.accountName)}`);
  const n = { number: addressKey(o.number), trafficAccountId: ta.id, createdAt: Date.now() };
  if (!(await numbers.add(n))) throw new ConflictError(`${n.number} belongs to a traffic account already; remove it first`);
  return { number: n.number, account: o.accountName, trafficAccount: ta.name, createdAt: n.createdAt };
}

/** The numbers (of one account, or, null, of every one) with their owners. */
export async function ownedNumbers(tenancy: Tenancy, numbers: NumberStore, accountId: number | null): Promise<OwnedNumber[]> {
  const all = await numbers.list(accountId);
  const owners = await tenancy.trafficAccountsById(all.map((n) => n.trafficAccountId));
  return all.map((n) => ({ number: n.number, account: owners.get(n.trafficAccountId)?.accountName ?? '', trafficAccount: owners.get(n.trafficAccountId)?.name ?? '', createdAt: n.createdAt }));
}
