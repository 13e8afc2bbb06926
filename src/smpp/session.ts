// One SMPP connection, either side: frames in and out, sequence numbers, requests matched to
// their responses (a window of outstanding requests, a response timeout), enquire_link
// answered, unreadable frames answered with generic_nack, and a broken stream closed.
// Binding is the caller's business (client.ts, server.ts); this knows no database.

import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { encodePdu, type FieldValue, type Pdu } from './codec.ts';
import type { CommandName } from './commands.ts';
import { FrameDecoder } from './frames.ts';
import { ESME_ROK, SmppError } from './status.ts';
import type { Tlv } from './tlv.ts';

export class ResponseTimeout extends Error {}
export class ConnectionClosed extends Error {
  /** Whether the request had gone out: if so the peer may have acted on it. */
  readonly sent: boolean;
  constructor(message: string, sent: boolean) {
    super(message);
    this.sent = sent;
  }
}

export interface SessionOptions {
  /** Most requests awaiting a response at once; further sends wait for a slot. */
  window?: number;
  responseTimeoutMs?: number;
}

interface Outstanding {
  resolve(pdu: Pdu): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export interface SessionEvents {
  /** A request from the peer other than enquire_link; the listener answers it with respond(). */
  request: [Pdu];
  close: [Error | null];
}

export class Session extends EventEmitter<SessionEvents> {
  readonly socket: Socket;
  readonly #decoder = new FrameDecoder();
  readonly #outstanding = new Map<number, Outstanding>();
  readonly #waiting: Array<() => void> = [];
  readonly #window: number;
  readonly #timeoutMs: number;
  #sequence = 0;
  #closed: Error | null | undefined = undefined;
  #corked = false;

  constructor(socket: Socket, opts: SessionOptions = {}) {
    super();
    this.socket = socket;
    this.#window = opts.window ?? 10;
    this.#timeoutMs = opts.responseTimeoutMs ?? 10_000;
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.#receive(chunk));
    socket.on('error', (e) => this.#shutdown(e));
    socket.on('close', () => this.#shutdown(null));
  }

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.#outstanding.size;
  }

  #nextSequence(): number {
    this.#sequence = this.#sequence >= 0x7fffffff ? 1 : this.#sequence + 1;
    return this.#sequence;
  }

  /** Sends a request and resolves with its response; rejects with SmppError for a non-zero status. */
  async request(command: CommandName, fields: Record<string, FieldValue> = {}, tlvs: Tlv[] = []): Promise<Pdu> {
    while (this.#outstanding.size >= this.#window && !this.closed) await new Promise<void>((r) => this.#waiting.push(r));
    if (this.closed) throw new ConnectionClosed(`connection closed before ${command} was sent`, false);
    const sequence = this.#nextSequence();
    const response = new Promise<Pdu>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#settle(sequence);
        reject(new ResponseTimeout(`no response to ${command} #${sequence} within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      this.#outstanding.set(sequence, { resolve, reject, timer });
    });
    this.#write({ command, command_status: 0, sequence_number: sequence, fields, tlvs });
    const pdu = await response;
    if (pdu.command_status !== ESME_ROK) {
      throw new SmppError(`${command} answered with status 0x${pdu.command_status.toString(16).padStart(8, '0')}`, pdu.command_status);
    }
    return pdu;
  }

  /** Answers a request of the peer. */
  respond(to: Pdu, status = ESME_ROK, fields: Record<string, FieldValue> = {}, tlvs: Tlv[] = []): void {
    const command = `${to.command}_resp` as CommandName;
    this.#write({ command, command_status: status, sequence_number: to.sequence_number, fields, tlvs });
  }

  /** Sends unbind, waits for unbind_resp (or the timeout), and closes. */
  async unbind(): Promise<void> {
    if (this.closed) return;
    try {
      await this.request('unbind');
    } catch {
      // The peer may already be gone: closing is what matters.
    }
    this.close();
  }

  close(): void {
    this.socket.end();
    this.#shutdown(null);
  }

  #write(pdu: Pdu): void {
    if (this.closed) return;
    // PDUs written in one turn of the event loop (a window of submit_sm, the deliver_sm_resp
    // of a committed batch of receipts) leave in one send instead of one syscall each.
    if (!this.#corked) {
      this.#corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(encodePdu(pdu));
  }

  #settle(sequence: number): Outstanding | undefined {
    const o = this.#outstanding.get(sequence);
    if (!o) return undefined;
    clearTimeout(o.timer);
    this.#outstanding.delete(sequence);
    this.#waiting.shift()?.();
    return o;
  }

  #receive(chunk: Buffer): void {
    for (const frame of this.#decoder.push(chunk)) {
      if ('fatal' in frame) {
        this.socket.destroy();
        this.#shutdown(frame.fatal);
        return;
      }
      if (!frame.ok) {
        // generic_nack carries the sequence number of the PDU it refuses (spec §4.3).
        this.#write({ command: 'generic_nack', command_status: frame.error.status, sequence_number: frame.sequenceNumber, fields: {}, tlvs: [] });
        continue;
      }
      this.#dispatch(frame.pdu);
    }
  }

  #dispatch(pdu: Pdu): void {
    if (pdu.command.endsWith('_resp') || pdu.command === 'generic_nack') {
      const o = this.#settle(pdu.sequence_number);
      o?.resolve(pdu); // a response nobody waits for (after a timeout) is dropped
      return;
    }
    if (pdu.command === 'enquire_link') return this.respond(pdu);
    if (pdu.command === 'unbind') {
      this.respond(pdu);
      this.socket.end();
      return;
    }
    this.emit('request', pdu);
  }

  #shutdown(error: Error | null): void {
    if (this.#closed !== undefined) return;
    this.#closed = error;
    for (const [seq, o] of this.#outstanding) {
      clearTimeout(o.timer);
      o.reject(new ConnectionClosed(`connection closed with request #${seq} unanswered`, true));
    }
    this.#outstanding.clear();
    for (const wake of this.#waiting.splice(0)) wake();
    this.emit('close', error);
  }
}
