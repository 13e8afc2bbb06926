// The tooltips tour's steps per page (seed: Toolbar, Tooltips): which field each dark box
// describes, in order. The words are in the locales under `tour.<page>.<step>`. A step whose
// field is not on the screen (a column only administrators see) is left out.

export const TOURS: Record<string, Array<{ step: string }>> = {
  '/users': [{ step: 'search' }, { step: 'invite' }, { step: 'rule' }, { step: 'presets' }, { step: 'status' }, { step: 'twoFactor' }, { step: 'action' }],
  '/traffic-accounts': [{ step: 'name' }, { step: 'displayName' }, { step: 'type' }, { step: 'status' }, { step: 'action' }, { step: 'perPage' }],
  '/notifications': [{ step: 'search' }, { step: 'filter' }, { step: 'select' }, { step: 'type' }, { step: 'tag' }, { step: 'perPage' }],
  '/settings': [{ step: 'general' }, { step: 'sms' }, { step: 'password' }, { step: 'twoFactor' }],
  '/campaigns': [{ step: 'create' }, { step: 'search' }, { step: 'sentTotal' }],
  '/templates': [{ step: 'create' }, { step: 'search' }, { step: 'message' }],
  '/lists': [{ step: 'create' }, { step: 'search' }, { step: 'rows' }, { step: 'recipients' }],
  '/mail-outbox': [{ step: 'delivery' }, { step: 'subject' }, { step: 'status' }],
};

/** The attribute a page puts on the field a step describes: data-tour="users.search". */
export const tourTarget = (page: string, step: string) => `[data-tour="${page}.${step}"]`;
export const tourKey = (path: string) => path.replace(/^\//, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
