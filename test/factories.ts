// Factories for records tests arrange directly in storage.

import { uuidv7 } from '../src/domain/ids.ts';
import type { Database } from '../src/storage/database.ts';
import type { OutboundMessage } from '../src/engine/ports.ts';
import type { MessageRecord, Submission, TrafficAccount } from '../src/gateway/ports.ts';

/** A queued one-part message of the traffic account, overridable field by field. */
export function messageRecord(ta: TrafficAccount, over: Partial<MessageRecord> = {}): MessageRecord {
  const now = over.createdAt ?? Date.now();
  return {
    id: uuidv7(now),
    accountId: ta.accountId,
    trafficAccountId: ta.id,
    apiKeyId: null,
    state: 'queued',
    sender: 'Petrel',
    senderForm: 'alphanumeric',
    recipient: '+491725551234',
    country: 'DE',
    text: 'Hello',
    type: 'auto',
    encoding: 'GSM-7',
    characters: 5,
    units: 5,
    segments: 1,
    udh: null,
    priceMicros: 60_000,
    currency: 'EUR',
    reference: null,
    callbackUrl: null,
    validityMinutes: 2880,
    pid: null,
    flash: false,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 2880 * 60_000,
    convertedAt: null,
    routeId: null,
    connectorId: null,
    buyPriceMicros: null,
    doneAt: null,
    errorCode: null,
    errorReason: null,
    ...over,
  };
}

/** A one-part GSM message as a lane hands it to a connector, valid for an hour from `now`. */
export function outboundMessage(over: Partial<OutboundMessage> = {}, now = Date.now()): OutboundMessage {
  return {
    id: '019a0000-0000-7000-8000-00000000abcd',
    sender: 'Petrel',
    senderForm: 'alphanumeric',
    recipient: '+491725551234',
    text: 'Hello',
    type: 'auto',
    encoding: 'GSM-7',
    udh: null,
    pid: null,
    flash: false,
    expiresAt: now + 60 * 60_000,
    ...over,
  };
}

/** Records as one submission without a credit check, as MessageStore.insert takes them. */
export function asSubmission(records: readonly MessageRecord[]): Submission[] {
  return [{ records, creditLimited: false }];
}

/** Marks messages as the engine would once sent: `state`, with a submit time (usage counts what was sent). */
export async function markSent(database: Database, ids: readonly string[], state = 'delivered', at = Date.now()): Promise<void> {
  await database.db
    .updateTable('messages')
    .set({ state, submitted_at: at, done_at: state === 'submitted' ? null : at })
    .where('id', 'in', [...ids])
    .execute();
}
