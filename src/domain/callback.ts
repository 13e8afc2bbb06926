// Delivery-report callbacks as Mitto's clients write them: a GET URL or a JSON body with
// placeholders between tildes (`~msgid~`), angle brackets (`<msgid>`) or after a dollar sign
// (`$msgid`), and the HMAC signature a receiver checks. Pure: sending is the webhook worker's.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { formatMicros } from './pricing.ts';

/** What a callback can say about a message (domain terms; the webhook worker fills it). */
export interface CallbackFacts {
  id: string;
  /** The message state (delivered, undelivered, …, blocked). */
  state: string;
  errorCode: number | null;
  reference: string | null;
  /** E.164 with `+`. */
  to: string;
  from: string;
  /** MCC-MNC as the receipt gave it ("26201"), or null. */
  network: string | null;
  /** Sell price per part and in total (micro-units); null when unpriced. */
  priceMicros: number | null;
  parts: number;
  submittedAt: number | null;
  doneAt: number | null;
  /** The traffic account's name. */
  account: string;
}

/** An inbound message as its traffic account's webhook receives it. */
export interface InboundFacts {
  id: string;
  from: string;
  to: string;
  text: string;
  encoding: string;
  parts: number;
  action: 'opt_out' | 'opt_in' | null;
  receivedAt: number;
  /** The traffic account's name. */
  account: string;
}

/** The status an inbound message is recorded and forwarded with: OPTOUT and OPTIN for keywords. */
export function inboundStatus(action: InboundFacts['action']): 'RECEIVED' | 'OPTOUT' | 'OPTIN' {
  return action === 'opt_out' ? 'OPTOUT' : action === 'opt_in' ? 'OPTIN' : 'RECEIVED';
}

/** The JSON body an inbound message is forwarded with. Numbers without `+`, as Mitto writes them. */
export function inboundBody(f: InboundFacts): string {
  return JSON.stringify({
    id: f.id,
    from: f.from.replace(/^\+/, ''),
    to: f.to.replace(/^\+/, ''),
    text: f.text,
    encoding: f.encoding,
    parts: f.parts,
    status: inboundStatus(f.action),
    receivedAt: new Date(f.receivedAt).toISOString(),
    account: f.account,
  });
}

export const PLACEHOLDERS = ['msgid', 'status', 'statusText', 'errorCode', 'reference', 'to', 'from', 'mcc', 'mnc', 'rate', 'price', 'parts', 'submitted', 'done', 'account'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The status word per state; a blocked message reports OPTOUT (the recipient opted out). */
const STATUS: Record<string, [status: string, text: string]> = {
  delivered: ['DELIVERED', 'Delivered to the handset'],
  undelivered: ['UNDELIVERED', 'The operator could not deliver it'],
  expired: ['EXPIRED', 'Not delivered within its validity'],
  rejected: ['REJECTED', 'Rejected by the operator'],
  unknown: ['UNKNOWN', 'Sent; the operator never confirmed delivery'],
  failed: ['FAILED', 'Never reached an operator'],
  blocked: ['OPTOUT', 'Not sent: the recipient opted out or is blacklisted'],
  submitted: ['SENT', 'Accepted by the operator'],
  queued: ['QUEUED', 'Waiting to be sent'],
};

/** An amount with at least two decimals and no trailing zeros beyond them ("6.00", "0.065"). */
export function formatAmount(micros: number): string {
  return formatMicros(micros).replace(/(\.\d\d\d*?)0+$/, '$1');
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** Every placeholder's value for a message ('' where it has none). */
export function placeholderValues(f: CallbackFacts): Record<Placeholder, string> {
  const [status, statusText] = STATUS[f.state] ?? [f.state.toUpperCase(), f.state];
  const network = f.network && /^\d{5,6}$/.test(f.network) ? f.network : null;
  return {
    msgid: f.id,
    status,
    statusText,
    errorCode: f.errorCode === null ? '' : String(f.errorCode),
    reference: f.reference ?? '',
    to: f.to.replace(/^\+/, ''),
    from: f.from,
    mcc: network ? network.slice(0, 3) : '',
    mnc: network ? network.slice(3) : '',
    rate: f.priceMicros === null || f.parts === 0 ? '' : formatAmount(Math.round(f.priceMicros / f.parts)),
    price: f.priceMicros === null ? '' : formatAmount(f.priceMicros),
    parts: String(f.parts),
    submitted: iso(f.submittedAt),
    done: iso(f.doneAt),
    account: f.account,
  };
}

/** How a value is written where its placeholder stood. */
export type Escape = 'url' | 'json' | 'none';

const ESCAPES: Record<Escape, (v: string) => string> = {
  url: encodeURIComponent,
  // Inside a JSON string of the template: the value's JSON form without its quotes.
  json: (v) => JSON.stringify(v).slice(1, -1),
  none: (v) => v,
};

const BY_NAME = new Map(PLACEHOLDERS.map((p) => [p.toLowerCase(), p]));
/** Longest names first, so `$statusText` is not read as `$status` + `Text`. */
const LONGEST_FIRST = [...PLACEHOLDERS].sort((a, b) => b.length - a.length);

/**
 * The template with every known placeholder replaced (names are case-insensitive); anything
 * else, including unknown names, is left as written.
 */
export function renderTemplate(template: string, values: Record<Placeholder, string>, escaping: Escape): string {
  const out = (name: string) => ESCAPES[escaping](values[BY_NAME.get(name.toLowerCase())!]);
  return template
    .replace(/~([A-Za-z]+)~|<([A-Za-z]+)>/g, (whole, a?: string, b?: string) => (BY_NAME.has((a ?? b)!.toLowerCase()) ? out((a ?? b)!) : whole))
    .replace(/\$([A-Za-z]+)/g, (whole, letters: string) => {
      const name = LONGEST_FIRST.find((p) => letters.toLowerCase().startsWith(p.toLowerCase()));
      return name ? out(name) + letters.slice(name.length) : whole;
    });
}

/** The default POST body: every placeholder under its own name. */
export function defaultBody(values: Record<Placeholder, string>): string {
  return JSON.stringify(values);
}

/**
 * The signature header's value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`, where the
 * payload is the body of a POST or the full URL of a GET. The timestamp lets a receiver refuse
 * replays; the secret is the traffic account's.
 */
export function signCallback(secret: string, payload: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${payload}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** A receiver's check: the signature matches and is at most `toleranceSeconds` old. */
export function verifyCallback(secret: string, payload: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signCallback(secret, payload, t).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

/** Why a POST body template cannot be used (its rendering is not JSON), or null when it can. */
export function templateProblem(template: string): string | null {
  const sample = placeholderValues({
    id: '00000000-0000-7000-8000-000000000000',
    state: 'delivered',
    errorCode: 0,
    reference: 'a "quoted" \\ reference',
    to: '+491725551234',
    from: 'Petrel',
    network: '26201',
    priceMicros: 60_000,
    parts: 1,
    submittedAt: 0,
    doneAt: 0,
    account: 'default',
  });
  try {
    JSON.parse(renderTemplate(template, sample, 'json'));
    return null;
  } catch (e) {
    return `the template does not render to JSON: ${(e as Error).message}`;
  }
}
