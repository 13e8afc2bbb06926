// Factories for records tests arrange directly in storage.

import { uuidv7 } from '../src/domain/ids.ts';
import type { OutboundMessage } from '../src/engine/ports.ts';
import type { MessageRecord, TrafficAccount } from '../src/gateway/ports.ts';

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
