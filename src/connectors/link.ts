// What a lane needs of a connection to a carrier (DESIGN.md: connectors/ holds the interface
// and its implementations). The lane knows messages and parts, never PDUs or sockets.

import type { Concat } from '../domain/inbound.ts';
import type { OutboundMessage } from '../engine/ports.ts';

/** A part ready for the wire; what it holds is the link's business. */
export interface PreparedPart {
  readonly seq: number;
}

export type SubmitResult =
  | { ok: true; smscId: string }
  /** The SMSC answered with a non-zero command_status, classified by the connector's table. */
  | { ok: false; kind: 'throttled' | 'temporary' | 'permanent'; status: number; reason: string }
  /** Never went out (no session, or the link stopped): safe to send again. */
  | { ok: false; kind: 'unsent'; reason: string }
  /** Went out and got no answer (timeout, connection lost): the SMSC may have it. */
  | { ok: false; kind: 'unconfirmed'; reason: string };

export interface LinkReceipt {
  /** The message id as the SMSC wrote it in the receipt. */
  smscId: string;
  stat: string | null;
  error: string | null;
  network: string | null;
  doneAt: number | null;
}

export interface LinkInbound {
  from: string;
  to: string;
  /** This part's text (the whole message when it came in one). */
  text: string;
  encoding: 'GSM-7' | 'UCS-2' | 'Latin-1' | 'binary';
  /** Set when this is one part of a concatenated message (UDH or SAR). */
  concat: Concat | null;
}

export interface LinkStatus {
  /** Sessions configured and bound now. */
  sessions: number;
  bound: number;
  inFlight: number;
  lastError: string | null;
  lastErrorAt: number | null;
  reconnects: number;
}

export interface LinkEvents {
  /** Resolve once the receipt is committed: the link acknowledges it to the SMSC only then. */
  receipt(r: LinkReceipt): Promise<void>;
  inbound(m: LinkInbound): Promise<void>;
  /** Sessions bound or lost, window slots freed: the lane may send more. */
  changed(): void;
}

export interface ConnectorLink {
  prepare(m: OutboundMessage, now: number): PreparedPart[];
  /** submit_sm that could go out now without waiting for a window slot. */
  capacity(): number;
  submit(part: PreparedPart): Promise<SubmitResult>;
  status(): LinkStatus;
  start(): void;
  /** Unbinds every session and stops reconnecting. */
  stop(): Promise<void>;
}
