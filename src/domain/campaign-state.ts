// The campaign lifecycle (seed 001: the statuses of the Campaigns page). One table of allowed
// moves; storage applies a move as `UPDATE … SET status = to WHERE id = ? AND status IN (from…)`,
// so two processes racing for the same campaign cannot both move it (DESIGN.md D15).
//
// The seed's "Started" is the moment a campaign begins sending; Petrel shows it as Sending.

export const CAMPAIGN_STATUSES = ['draft', 'processing', 'ready', 'scheduled', 'sending', 'paused', 'suspended', 'aborted', 'rejected', 'finished'] as const;

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * What moves a campaign, and who does it:
 * - a person: launch (a draft goes to be prepared), pause, resume, abort, edit (a rejected
 *   campaign back to a draft, to fix what the content rules refused);
 * - the system: reject (a content rule matched at launch), prepared (recipients expanded,
 *   deduplicated and rendered), schedule (prepared with a send time still ahead), start (the
 *   send time came), suspend (credit limit reached, traffic account deactivated…), finish
 *   (every recipient attempted).
 */
export const CAMPAIGN_EVENTS = ['launch', 'reject', 'prepared', 'schedule', 'start', 'pause', 'resume', 'suspend', 'abort', 'finish', 'edit'] as const;

export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number];

/** Every allowed move: the event, the states it leaves, the state it reaches. */
const MOVES: Record<CampaignEvent, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  launch: { from: ['draft'], to: 'processing' },
  reject: { from: ['draft', 'processing'], to: 'rejected' },
  prepared: { from: ['processing'], to: 'ready' },
  schedule: { from: ['ready'], to: 'scheduled' },
  start: { from: ['ready', 'scheduled'], to: 'sending' },
  pause: { from: ['scheduled', 'sending'], to: 'paused' },
  // A paused campaign whose send time is still ahead resumes to Scheduled: see resumedTo().
  resume: { from: ['paused', 'suspended'], to: 'sending' },
  suspend: { from: ['processing', 'ready', 'scheduled', 'sending', 'paused'], to: 'suspended' },
  abort: { from: ['processing', 'ready', 'scheduled', 'sending', 'paused', 'suspended'], to: 'aborted' },
  finish: { from: ['sending'], to: 'finished' },
  edit: { from: ['rejected'], to: 'draft' },
};

/** Nothing more happens to a campaign in these. */
export const ENDED: ReadonlySet<CampaignStatus> = new Set(['aborted', 'finished']);

/** A campaign in one of these holds its lists: they may not be deleted under it. */
export const HOLDS_LISTS: ReadonlySet<CampaignStatus> = new Set(['processing', 'ready', 'scheduled', 'sending', 'paused', 'suspended']);

/** Only a draft's message, lists, sender and schedule may change; the A/B ratio also later. */
export const EDITABLE: ReadonlySet<CampaignStatus> = new Set(['draft']);
export const RATIO_EDITABLE: ReadonlySet<CampaignStatus> = new Set(['draft', 'processing', 'ready', 'scheduled', 'sending', 'paused', 'suspended']);

export type Move = { ok: true; from: readonly CampaignStatus[]; to: CampaignStatus } | { ok: false; reason: string };

/** The states `event` moves a campaign from, and where to; or why it may not happen in `status`. */
export function move(status: CampaignStatus, event: CampaignEvent, o: { due?: boolean } = {}): Move {
  const m = MOVES[event];
  if (!m.from.includes(status)) return { ok: false, reason: `a campaign that is ${status} cannot ${VERBS[event]}` };
  return { ok: true, from: m.from, to: event === 'resume' ? resumedTo(status, o.due ?? true) : m.to };
}

/**
 * Resume returns a paused campaign to Scheduled while its send time is ahead (`due` false),
 * else to Sending; a suspended one goes back to sending at once.
 */
export function resumedTo(status: CampaignStatus, due: boolean): CampaignStatus {
  return status === 'paused' && !due ? 'scheduled' : 'sending';
}

/** The events a person may take from a status (the Campaigns page's actions). */
export function actionsFor(status: CampaignStatus): CampaignEvent[] {
  return PERSON_EVENTS.filter((e) => MOVES[e].from.includes(status));
}

export const PERSON_EVENTS: readonly CampaignEvent[] = ['launch', 'pause', 'resume', 'abort', 'edit'];

const VERBS: Record<CampaignEvent, string> = {
  launch: 'be launched',
  reject: 'be rejected',
  prepared: 'become ready',
  schedule: 'be scheduled',
  start: 'start sending',
  pause: 'be paused',
  resume: 'be resumed',
  suspend: 'be suspended',
  abort: 'be aborted',
  finish: 'finish',
  edit: 'be edited',
};
