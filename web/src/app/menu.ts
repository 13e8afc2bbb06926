// The left menu of the seed, in its order. An entry whose page is not built yet has no path and
// is not shown; a section with no entry shown is not shown either.

import type { Messages } from '../lib/locales/en.ts';

type MenuKey = keyof Messages['menu'];

export interface MenuEntry {
  label: MenuKey;
  /** Null until its page exists. */
  path: string | null;
}

export interface MenuSection {
  label: MenuKey | null;
  entries: MenuEntry[];
}

export const MENU: MenuSection[] = [
  { label: null, entries: [{ label: 'dashboard', path: null }] },
  { label: 'contacts', entries: [{ label: 'distributionLists', path: null }] },
  {
    label: 'sms',
    entries: [
      { label: 'campaigns', path: null },
      { label: 'realtime', path: null },
      { label: 'quickSend', path: null },
      { label: 'templates', path: null },
    ],
  },
  {
    label: 'reports',
    entries: [
      { label: 'statistics', path: null },
      { label: 'messageHistory', path: null },
      { label: 'reportsPage', path: null },
    ],
  },
  {
    label: 'administration',
    entries: [
      { label: 'users', path: null },
      { label: 'trafficAccounts', path: '/traffic-accounts' },
      { label: 'blacklist', path: null },
    ],
  },
];

/** The sections and entries that are built. */
export function builtMenu(menu: MenuSection[] = MENU): MenuSection[] {
  return menu.map((s) => ({ ...s, entries: s.entries.filter((e) => e.path !== null) })).filter((s) => s.entries.length > 0);
}

/** Where a person lands after signing in: the first page the menu shows. */
export function firstPage(): string {
  return builtMenu()[0]?.entries[0]?.path ?? '/';
}
