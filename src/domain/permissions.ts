// What a person may do in the campaign manager (DESIGN D13): named permissions, and the roles
// of the seed's Users page as preset sets of them. Custom is the set the administrator ticks;
// a User manager gets users plus what they are given. The web app shows the same table.

export const PERMISSIONS = ['users', 'traffic_accounts', 'blacklist', 'contacts', 'templates', 'campaigns', 'quick_send', 'reports', 'full_numbers'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERSON_ROLES = ['administrator', 'user_manager', 'campaign_manager', 'analyst', 'custom'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Each role's preset; administrators have every permission. */
export const ROLE_PERMISSIONS: Record<PersonRole, readonly Permission[]> = {
  administrator: PERMISSIONS,
  user_manager: ['users'],
  campaign_manager: ['contacts', 'templates', 'campaigns', 'quick_send', 'reports'],
  analyst: ['reports'],
  custom: [],
};

/** Roles whose preset the administrator may add to (the seed: "users only, plus what they are given"). */
const TAKES_EXTRAS: ReadonlySet<PersonRole> = new Set(['user_manager', 'custom']);

export function isPermission(text: string): text is Permission {
  return (PERMISSIONS as readonly string[]).includes(text);
}

export function isPersonRole(text: string): text is PersonRole {
  return (PERSON_ROLES as readonly string[]).includes(text);
}

/** Everything a person with this role and these granted extras may do. */
export function permissionsOf(role: PersonRole, granted: readonly Permission[]): ReadonlySet<Permission> {
  return new Set([...ROLE_PERMISSIONS[role], ...(TAKES_EXTRAS.has(role) ? granted : [])]);
}

/** The extras stored for a role: only those it takes, none it has already, in the table's order. */
export function extrasFor(role: PersonRole, granted: readonly Permission[]): Permission[] {
  if (!TAKES_EXTRAS.has(role)) return [];
  const preset = new Set(ROLE_PERMISSIONS[role]);
  return PERMISSIONS.filter((p) => granted.includes(p) && !preset.has(p));
}
