// What the delivery engine needs from storage.

import type { Encoding, RequestedType } from '../domain/encoding.ts';
import type { Concat } from '../domain/inbound.ts';
import type { SenderForm } from '../domain/sender.ts';
import type { IdFormatHint } from '../domain/smsc-id.ts';
import type { StatusOverrides } from '../domain/submit-status.ts';

export type BindMode = 'transceiver' | 'transmitter_receiver';
export type LongMessageMethod = 'udh8' | 'udh16' | 'sar' | 'payload';

/** A connection to a carrier's SMSC, as an operator configures it. */
export interface ConnectorSettings {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  bindMode: BindMode;
  /** SMPP sessions (binds) the connector opens. */
  sessions: number;
  /** Outstanding submit_sm per session. */
  window: number;
  /** Messages per second across all sessions; 0 = unthrottled. */
  throughput: number;
  longMessageMethod: LongMessageMethod;
  /** Send Latin-1 (data_coding 3) when the text fits it, instead of UCS-2. */
  latin1: boolean;
  /** How this SMSC writes message ids in its receipts, when matching needs the hint. */
  receiptIdFormat: IdFormatHint;
  /** command_status → throttled | temporary | permanent, over the defaults (domain/submit-status.ts). */
  statusMap: StatusOverrides;
  /** TON/NPI overrides; null = from the sender's form (alphanumeric 5/0, international 1/1, short code 3/0). */
  sourceTon: number | null;
  sourceNpi: number | null;
  destTon: number | null;
  destNpi: number | null;
  /** Send again what was on the wire when a connection or Petrel died (may duplicate an SMS). */
  resendUnconfirmed: boolean;
  /** The carrier reports one part of a long message only: a delivered part delivers it. */
  anyPartDelivers: boolean;
  /** Connect with TLS. */
  tls: boolean;
  /** PEM of a private CA the SMSC's certificate is checked against; null = the system's CAs. */
  tlsCa: string | null;
  /** How long a submit_sm may wait for its response. */
  responseTimeoutMs: number;
}

/** What a new connector gets for the settings its creator leaves out. */
export const CONNECTOR_DEFAULTS = {
  systemType: '',
  bindMode: 'transceiver',
  sessions: 1,
  window: 10,
  throughput: 0,
  longMessageMethod: 'udh8',
  latin1: false,
  receiptIdFormat: 'auto',
  statusMap: {},
  sourceTon: null,
  sourceNpi: null,
  destTon: null,
  destNpi: null,
  resendUnconfirmed: false,
  anyPartDelivers: false,
  tls: false,
  tlsCa: null,
  responseTimeoutMs: 10_000,
} as const satisfies Partial<ConnectorSettings>;

export interface Connector extends ConnectorSettings {
  id: number;
  name: string;
  enabled: boolean;
  paused: boolean;
  createdAt: number;
  updatedAt: number;
}

export type ConnectorChanges = Partial<ConnectorSettings & { name: string; enabled: boolean; paused: boolean }>;

export interface ConnectorStore {
  create(name: string, settings: ConnectorSettings, flags: { enabled: boolean; paused: boolean }, at: number): Promise<Connector>;
  list(): Promise<Connector[]>;
  get(id: number): Promise<Connector | null>;
  findByName(name: string): Promise<Connector | null>;
  /** Applies the changes; null when there is no such connector. */
  update(id: number, changes: ConnectorChanges, at: number): Promise<Connector | null>;
  remove(id: number): Promise<boolean>;
}

/** What a lane needs of a queued message to send it. */
export interface OutboundMessage {
  id: string;
  sender: string;
  senderForm: SenderForm;
  /** E.164 with `+`. */
  recipient: string;
  text: string;
  type: RequestedType;
  encoding: Encoding;
  /** A client-supplied UDH, hex. */
  udh: string | null;
  pid: number | null;
  flash: boolean;
  expiresAt: number;
}

/** One submit_sm and what came back. */
export interface SentPart {
  seq: number;
  /** Canonical SMSC id (smscIdKey); null when the part was refused or never answered. */
  smscId: string | null;
  /** The submit_sm_resp command_status; null when none came. */
  status: number | null;
  /** submitted = accepted by the SMSC; failed = refused; unknown = sent, never answered. */
  state: 'submitted' | 'failed' | 'unknown';
  at: number;
}

/** Where a message stands once every part has been tried; `queued` = none went out, back to the queue. */
export interface SubmitOutcome {
  id: string;
  state: 'submitted' | 'failed' | 'unknown' | 'queued';
  parts: SentPart[];
  errorCode: number | null;
  reason: string | null;
}

/** A delivery receipt as the lane hands it to storage. */
export interface ReceiptIn {
  /** Canonical keys the receipt's id may match (smscIdKeys); the first is its own. */
  keys: string[];
  stat: string | null;
  error: string | null;
  network: string | null;
  doneAt: number | null;
}

/** One transaction's worth of a lane's work. */
export interface DispatchBatch {
  /** Claimed by this lane, about to go on the wire. */
  submitting: string[];
  outcomes: SubmitOutcome[];
  /** Claimed but past validity: never sent. */
  expired: string[];
  /** Claimed, not sent: back to the queue. */
  released: string[];
  receipts: ReceiptIn[];
}

/** A mobile-originated message, or one part of a long one, as a lane received it. */
export interface InboundPart {
  id: string;
  connectorId: number;
  from: string;
  to: string;
  text: string;
  encoding: string;
  /** Set for one part of a concatenated message. */
  concat: Concat | null;
  receivedAt: number;
}

/** Where lanes hand inbound messages; resolves once committed (the deliver_sm is acknowledged then). */
export interface InboundSink {
  /** Stores the part; the whole message once every part is in (null before), with its owner. */
  receive(part: InboundPart): Promise<{ accountId: number | null } | null>;
}

export interface LaneIdentity {
  connectorId: number;
  /** Names the lease holder (one per lane instance). */
  owner: string;
  /** Carriers that report one part only: a delivered part delivers the message. */
  anyPartDelivers: boolean;
}

export interface DispatchResult {
  /** Messages this lane marked `submitting` … */
  submitting: string[];
  /** … and those it could not, because its lease was lost (reaped): they must not be sent. */
  lost: string[];
  /**
   * Those it found blacklisted (their recipient opted out while they waited): stored `blocked`
   * instead, never sent.
   */
  blocked: string[];
  /** Receipts that found their part. */
  matched: number;
  /** Receipts that found none and now wait, parked. */
  parked: number;
}

export interface DispatchStore {
  /**
   * Up to `limit` due queued messages, oldest first, routed to the lane's connector, and with
   * `unrouted` those no route assigned (no routes are configured). PostgreSQL leases them (several
   * workers share it); SQLite has one worker per database, so the claim stays in the lane's
   * memory and the lease is taken with the `submitting` mark. Either way only one lane can mark
   * a message `submitting`: the others see it `lost`.
   */
  claim(lane: LaneIdentity, limit: number, now: number, leaseUntil: number, unrouted: boolean): Promise<OutboundMessage[]>;
  /** Applies a batch in one transaction; a receipt is matched (or parked) in it. */
  write(lane: LaneIdentity, batch: DispatchBatch, now: number, leaseUntil: number): Promise<DispatchResult>;
  /** Extends the lease of messages the lane still holds. */
  renew(lane: LaneIdentity, ids: readonly string[], leaseUntil: number): Promise<void>;
  /**
   * Housekeeping for expired leases (a worker died): leased queued messages return to the
   * queue; `submitting` ones become `unknown` (DESIGN.md: a resend may duplicate an SMS) or,
   * with `resend`, return to the queue. Queued messages past validity become `expired`.
   * Submitted messages whose validity ended before `noReceiptBefore` and that got no final
   * receipt become `unknown`: the SMSC will not deliver them any more.
   */
  reap(now: number, resendConnectors: readonly number[], noReceiptBefore: number): Promise<ReapResult>;
  /**
   * After a restart: the leases this worker held before it died end now (their owner names
   * start with `ownerPrefix`), so the next reap settles them instead of waiting out the lease.
   */
  endLeases(ownerPrefix: string): Promise<number>;
  /** Matches parked receipts again; those parked before `orphanBefore` become orphans. */
  retryParked(lane: LaneIdentity, now: number, orphanBefore: number): Promise<{ matched: number; orphaned: number }>;
  /** How a message went out and what came back, for its timeline; null when there is no such message. */
  timeline(messageId: string): Promise<Timeline | null>;
  /**
   * Failover: the route's queued, unclaimed messages waiting for `from` go to `to`. A lane that
   * still holds one in memory (SQLite) finds it `lost` when it tries to mark it. Returns how many moved.
   */
  handOver(routeId: number, from: number, to: number): Promise<number>;
  /** Messages waiting in the queue (not claimed) for a connector, with `unrouted` those no route assigned. */
  countQueued(connectorId: number, unrouted: boolean): Promise<number>;
}

export interface Timeline {
  /** The route that chose the connector; null when no routes are configured. */
  routeId: number | null;
  connectorId: number | null;
  submittedAt: number | null;
  doneAt: number | null;
  errorCode: number | null;
  errorReason: string | null;
  parts: PartRecord[];
}

export interface ReapResult {
  released: number;
  unknown: number;
  resent: number;
  expired: number;
  noReceipt: number;
}

export interface PartRecord {
  seq: number;
  total: number;
  connectorId: number;
  smscId: string | null;
  state: string;
  submitStatus: number | null;
  submittedAt: number | null;
  receiptStat: string | null;
  receiptError: string | null;
  network: string | null;
  doneAt: number | null;
  receiptAt: number | null;
}
