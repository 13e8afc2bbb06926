// The one submit pipeline: validate → normalise (E.164, encoding, segments) → route → price →
// persist.
// Every intake (the Mitto API now; campaigns and SMPP later) goes through submit().
// The checks run in Mitto's responseCode order: type, text, sender, receiver.

import { segment, type RequestedType, type Segmentation } from '../domain/encoding.ts';
import { uuidv7 } from '../domain/ids.ts';
import { toE164 } from '../domain/phone.ts';
import { formatMicros, messageCost, type PriceRow } from '../domain/pricing.ts';
import { checkSender, type Sender } from '../domain/sender.ts';
import { CreditLimitError, ValidationError } from '../domain/errors.ts';
import { blockedMessage } from '../domain/opt-out.ts';
import { checkWebhookUrl } from '../domain/webhook-url.ts';
import type { CreditState, MessageRecord, Principal, Submission } from './ports.ts';
import type { RouteDecision } from './router.ts';
import type { RoutedMessage } from '../domain/routing.ts';

export interface SubmitRequest {
  from?: string | undefined;
  /** One or more recipients, in order; duplicates are sent once per occurrence. */
  to: string[];
  text?: string | undefined;
  type?: string | undefined;
  test?: boolean | undefined;
  reference?: string | undefined;
  callback?: string | undefined;
  udh?: string | undefined;
  validity?: number | undefined;
  pid?: number | undefined;
  flash?: boolean | undefined;
}

export interface SubmitLimits {
  maxTextCharacters: number;
  maxRecipients: number;
}

export interface SubmitDeps {
  limits: SubmitLimits;
  prices(trafficAccountId: number): Promise<readonly PriceRow[]>;
  /** Routing over one snapshot of the routes (gateway/router.ts). */
  router(): Promise<(m: RoutedMessage) => RouteDecision>;
  /** Stores one request's records (the group committer): blocked ones and a refusal come back. */
  commit(submission: Submission): Promise<{ blocked: ReadonlySet<string>; refused: CreditState | null }>;
  now?: () => number;
}

const DEFAULT_VALIDITY_MINUTES = 2880;
const MAX_VALIDITY_MINUTES = 10080; // 7 days: what SMSCs commonly hold a message for
const MAX_REFERENCE = 255;

const TYPES: Record<string, RequestedType> = { auto: 'auto', gsm: 'gsm', unicode: 'unicode', binary: 'binary' };

function requestedType(type: string | undefined): RequestedType {
  if (type === undefined || type === '') return 'auto';
  const t = TYPES[type.toLowerCase()];
  if (!t) throw new ValidationError('invalid_type', 'type', `type must be one of auto, gsm, unicode, binary; got ${JSON.stringify(type)}`);
  return t;
}

/** Validates a client UDH: hex, and its first octet (UDHL) states the length of the rest. */
function checkUdh(udh: string | undefined): number {
  if (udh === undefined || udh === '') return 0;
  const bytes = /^(?:[0-9a-fA-F]{2})+$/.test(udh) ? Buffer.from(udh, 'hex') : null;
  if (!bytes || bytes.length < 2 || bytes.length > 139 || bytes[0] !== bytes.length - 1) {
    throw new ValidationError('invalid_parameter', 'udh', 'udh must be hex octets whose first octet (UDHL) is the length of the rest');
  }
  return bytes.length;
}

function checkText(text: string | undefined, type: RequestedType, udhOctets: number, limits: SubmitLimits): Segmentation {
  if (text === undefined || text === '') throw new ValidationError('empty_text', 'text', 'text is empty');
  const seg = segment(text, type, { userUdhOctets: udhOctets });
  if (seg.characters > limits.maxTextCharacters) {
    throw new ValidationError('invalid_text', 'text', `text has ${seg.characters} characters; the maximum is ${limits.maxTextCharacters}`);
  }
  return seg;
}

function chooseSender(from: string | undefined, principal: Principal): Sender {
  const value = from === undefined || from === '' ? principal.trafficAccount.defaultSender : from;
  if (!value) throw new ValidationError('empty_sender', 'from', 'from is empty and the traffic account has no default sender');
  const check = checkSender(value);
  if (!check.ok) throw new ValidationError('invalid_sender', 'from', `from ${JSON.stringify(value)}: ${check.reason}`);
  return check.sender;
}

function resolveRecipients(to: string[], limits: SubmitLimits): Array<{ e164: string; country: string | null }> {
  if (to.length === 0 || to.every((t) => t.trim() === '')) throw new ValidationError('empty_receiver', 'to', 'to is empty');
  if (to.length > limits.maxRecipients) {
    throw new ValidationError('invalid_parameter', 'to', `to has ${to.length} recipients; the maximum is ${limits.maxRecipients}`);
  }
  const out: Array<{ e164: string; country: string | null }> = [];
  const invalid: Array<{ index: number; value: string; reason: string }> = [];
  to.forEach((raw, index) => {
    const r = toE164(raw.trim());
    if (r) out.push(r);
    else invalid.push({ index, value: raw, reason: raw.trim() === '' ? 'empty' : 'not a valid E.164 number' });
  });
  if (invalid.length > 0) {
    const first = invalid[0]!;
    const message = to.length === 1 ? `to ${JSON.stringify(first.value)} is not a valid E.164 number` : `${invalid.length} of ${to.length} recipients are invalid; nothing was sent`;
    throw new ValidationError('invalid_receiver', 'to', message, invalid);
  }
  return out;
}

function checkOptional(req: SubmitRequest): void {
  if (req.validity !== undefined && (!Number.isInteger(req.validity) || req.validity < 1 || req.validity > MAX_VALIDITY_MINUTES)) {
    throw new ValidationError('invalid_parameter', 'validity', `validity is minutes from 1 to ${MAX_VALIDITY_MINUTES}`);
  }
  if (req.pid !== undefined && (!Number.isInteger(req.pid) || req.pid < 0 || req.pid > 255)) {
    throw new ValidationError('invalid_parameter', 'pid', 'pid is an integer from 0 to 255');
  }
  if (req.reference !== undefined && req.reference.length > MAX_REFERENCE) {
    throw new ValidationError('invalid_parameter', 'reference', `reference is at most ${MAX_REFERENCE} characters`);
  }
  checkWebhookUrl(req.callback, 'callback');
}

/**
 * Validates and stores a message to one or more recipients. Resolves with the stored records
 * only after they are committed; throws ValidationError (nothing stored) for bad input.
 */
export async function submit(req: SubmitRequest, principal: Principal, deps: SubmitDeps): Promise<MessageRecord[]> {
  const type = requestedType(req.type);
  const udhOctets = checkUdh(req.udh);
  const seg = checkText(req.text, type, udhOctets, deps.limits);
  const sender = chooseSender(req.from, principal);
  const recipients = resolveRecipients(req.to, deps.limits);
  checkOptional(req);

  const ta = principal.trafficAccount;
  const prices = await deps.prices(ta.id);
  const decide = req.test ? null : await deps.router(); // both cached: no I/O on the hot path
  const now = (deps.now ?? Date.now)();
  const validity = req.validity ?? DEFAULT_VALIDITY_MINUTES;
  const text = req.text!;
  const records = recipients.map((r): MessageRecord => {
    const route = decide?.({ recipient: r.e164, country: r.country, trafficAccountId: ta.id, sender: sender.value, encoding: seg.encoding, flash: req.flash ?? false });
    // Accepted and reported, but never sent or charged.
    const noRoute = route?.kind === 'no_route';
    const routed = route?.kind === 'routed' ? route : null;
    return {
      id: uuidv7(now),
      accountId: principal.accountId,
      trafficAccountId: ta.id,
      apiKeyId: principal.keyId,
      state: req.test ? 'test' : noRoute ? 'failed' : 'queued',
      sender: sender.value,
      senderForm: sender.form,
      recipient: r.e164,
      country: r.country,
      text,
      type,
      encoding: seg.encoding,
      characters: seg.characters,
      units: seg.units,
      segments: seg.segments,
      udh: req.udh ? req.udh.toLowerCase() : null,
      priceMicros: noRoute ? null : messageCost(prices, r.country, seg.segments),
      currency: ta.currency,
      reference: req.reference ?? null,
      callbackUrl: req.callback || null,
      validityMinutes: validity,
      pid: req.pid ?? null,
      flash: req.flash ?? false,
      createdAt: now,
      updatedAt: now,
      expiresAt: now + validity * 60_000,
      convertedAt: null,
      routeId: routed?.routeId ?? null,
      connectorId: routed?.connectorId ?? null,
      buyPriceMicros: routed?.buyPriceMicrosPerPart != null ? routed.buyPriceMicrosPerPart * seg.segments : null,
      doneAt: noRoute ? now : null,
      errorCode: null,
      errorReason: noRoute ? 'no_route: no route matches this message' : null,
    };
  });
  const stored = await deps.commit({ records, creditLimited: ta.creditLimitMicros !== null && !req.test });
  if (stored.refused) throw new CreditLimitError(creditMessage(ta.name, ta.currency, stored.refused));
  return stored.blocked.size ? records.map((m) => (stored.blocked.has(m.id) ? blockedMessage(m) : m)) : records;
}

function creditMessage(account: string, currency: string, c: CreditState): string {
  const left = Math.max(0, c.limitMicros - c.usedMicros);
  return `traffic account ${JSON.stringify(account)} has ${formatMicros(left)} ${currency} of its ${formatMicros(c.limitMicros)} ${currency} credit left; this request costs ${formatMicros(c.costMicros)} ${currency}. Nothing was sent.`;
}
