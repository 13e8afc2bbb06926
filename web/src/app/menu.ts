// The left menu of the seed, in its order. An entry whose page is not built yet has no path and
// is not shown, nor is one the person lacks the permission for; a section with no entry shown
// is not shown either.

import type { Permission } from '../../../src/domain/permissions.ts';
import type { Messages } from '../lib/locales/en.ts';

type MenuKey = keyof Messages['menu'];

export interface MenuEntry {
  label: MenuKey;
  /** Null until its page exists. */
  path: string | null;
  /** What the person needs to see it; none: everyone signed in. */
  permission?: Permission;
  /** Only the platform operator's administrators see it. */
  operator?: true;
}

export interface MenuSection {
  label: MenuKey | null;
  entries: MenuEntry[];
}

export const MENU: MenuSection[] = [
  { label: null, entries: [{ label: 'dashboard', path: null }] },
  { label: 'contacts', entries: [{ label: 'distributionLists', path: '/lists', permission: 'contacts' }] },
  {
    label: 'sms',
    entries: [
      { label: 'campaigns', path: '/campaigns', permission: 'campaigns' },
      { label: 'realtime', path: null },
      { label: 'quickSend', path: null },
      { label: 'templates', path: '/templates', permission: 'templates' },
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
      { label: 'users', path: '/users', permission: 'users' },
      { label: 'trafficAccounts', path: '/traffic-accounts' },
      { label: 'blacklist', path: null },
      { label: 'mailOutbox', path: '/mail-outbox', permission: 'users' },
      { label: 'branding', path: '/branding', operator: true },
    ],
  },
];

/** The sections and entries that are built and that the person may open. */
export function builtMenu(permissions: readonly string[], operator = false, menu: MenuSection[] = MENU): MenuSection[] {
  const shown = (e: MenuEntry) => e.path !== null && (!e.permission || permissions.includes(e.permission)) && (!e.operator || operator);
  return menu.map((s) => ({ ...s, entries: s.entries.filter(shown) })).filter((s) => s.entries.length > 0);
}

/** Where a person lands after signing in: the first page the menu shows them. */
export function firstPage(permissions: readonly string[]): string {
  return builtMenu(permissions)[0]?.entries[0]?.path ?? '/help';
}
