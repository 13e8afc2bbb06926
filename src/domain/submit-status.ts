// What a submit_sm_resp's command_status means for the message (SMPP 3.4 §5.1.3): send again
// after a pause (the SMSC is busy), retry a few times (a passing fault), or give up (the
// message itself is refused). Carriers differ, so a connector may override any entry.

export type StatusClass = 'throttled' | 'temporary' | 'permanent';

/** Overrides per connector: command_status (as "0x58" or 88) → class. */
export type StatusOverrides = Readonly<Record<string, StatusClass>>;

const DEFAULTS: ReadonlyMap<number, StatusClass> = new Map([
  [0x58, 'throttled'], // ESME_RTHROTTLED
  [0x14, 'throttled'], // ESME_RMSGQFUL: the SMSC's queue is full
  [0x04, 'temporary'], // ESME_RINVBNDSTS: the session is not (yet) bound for this
  [0x08, 'temporary'], // ESME_RSYSERR
  [0x45, 'temporary'], // ESME_RSUBMITFAIL
  [0x64, 'temporary'], // ESME_RX_T_APPN: temporary application error
  [0xfe, 'temporary'], // ESME_RDELIVERYFAILURE
  [0xff, 'temporary'], // ESME_RUNKNOWNERR
]);

/** Reads an override key: "0x45", "69" or "0045". */
function statusKey(key: string): number | null {
  const n = /^0x[0-9a-f]+$/i.test(key) ? Number.parseInt(key.slice(2), 16) : /^\d+$/.test(key) ? Number(key) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : null;
}

/** Validates overrides; returns the first bad key, or null when all are good. */
export function badStatusKey(overrides: StatusOverrides): string | null {
  for (const k of Object.keys(overrides)) if (statusKey(k) === null) return k;
  return null;
}

/**
 * The class of a non-zero command_status. Anything not listed is permanent: a status a carrier
 * invents is most often a refusal, and retrying a refusal forever helps nobody.
 */
export function classifyStatus(status: number, overrides: StatusOverrides = {}): StatusClass {
  for (const [k, v] of Object.entries(overrides)) if (statusKey(k) === status) return v;
  return DEFAULTS.get(status) ?? 'permanent';
}
