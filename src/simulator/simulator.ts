// The built-in SMSC simulator: an SMPP server that accepts binds with configured credentials,
// answers submit_sm with ids in a chosen format, and sends delivery receipts after a delay with
// outcomes chosen by rules on the destination. It also injects inbound (mobile-originated)
// messages. Misbehaviour modes for the test catalogue build on this.

import { createServer, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { encodePart, segment } from '../domain/encoding.ts';
import { formatReceipt, messageStateForStat } from '../domain/receipt.ts';
import { concatUdh, readConcat } from '../domain/udh.ts';
import type { Pdu } from '../smpp/codec.ts';
import { Session } from '../smpp/session.ts';
import { OutcomeChooser, type OutcomeRule } from './rules.ts';
import { ESME_RBINDFAIL, ESME_RINVBNDSTS, ESME_RINVPASWD, ESME_RINVSYSID, ESME_RTHROTTLED } from '../smpp/status.ts';

export type IdFormat = 'hex' | 'decimal' | 'uuid';

export type { OutcomeRule } from './rules.ts';

/** Ways real SMSCs misbehave, for the test catalogue (one at a time). */
export type Misbehaviour =
  | { mode: 'none' }
  /** submit_sm beyond this many per second is answered ESME_RTHROTTLED. */
  | { mode: 'throttle'; perSecond: number }
  /** submit_sm is never answered (and gets no receipt). */
  | { mode: 'no_response' }
  /** The SMSC unbinds instead of answering a submit_sm. */
  | { mode: 'unbind_on_submit' }
  /** Every bind is refused (ESME_RBINDFAIL). */
  | { mode: 'refuse_bind' }
  /** The receipt arrives before the submit_sm_resp that carries its id. */
  | { mode: 'receipt_before_response'; responseDelayMs: number }
  /** The connection drops instead of answering every Nth submit_sm. */
  | { mode: 'disconnect_every'; submits: number }
  /** For a concatenated message, a receipt only for its first or its last part. */
  | { mode: 'receipt_for_part'; part: 'first' | 'last' }
  /** The receipt writes the id differently from the submit_sm_resp. */
  | { mode: 'receipt_id_form'; form: 'lowercase' | 'decimal' | 'zero_padded' };

export interface SimulatorOptions {
  systemId: string;
  password: string;
  idFormat?: IdFormat;
  receiptDelayMs?: number;
  /** Each receipt waits a further random 0 to this many ms (receipts come back in their own order). */
  receiptJitterMs?: number;
  /** The first rule that takes a message decides its receipt; otherwise DELIVRD (rules.ts). */
  rules?: OutcomeRule[];
  misbehaviour?: Misbehaviour;
  /** Serve SMPP over TLS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** deliver_sm awaiting their response, per session. Default 100. */
  window?: number;
  /** Called for every submit_sm received (tests observe timing and content). */
  onSubmit?: (pdu: Pdu, at: number) => void;
}

/** The id as a misbehaving SMSC writes it in its receipt. */
function receiptId(id: string, m: Misbehaviour): string {
  if (m.mode !== 'receipt_id_form') return id;
  if (m.form === 'lowercase') return id.toLowerCase();
  if (m.form === 'zero_padded') return id.padStart(20, '0');
  return /^[0-9A-Fa-f]+$/.test(id) ? BigInt(`0x${id}`).toString(10) : id;
}

interface Bound {
  session: Session;
  canReceive: boolean;
}

export class SmscSimulator {
  readonly #opts: SimulatorOptions;
  readonly #server: Server;
  readonly #bound = new Set<Bound>();
  // Hex ids with letters in them, as real SMSCs send, so case matters from the first id.
  #nextId = 0x3a7f0000;
  /** The concatenation reference of the next long inbound message. */
  #inboundRef = 1;
  #misbehaviour: Misbehaviour;
  readonly #outcomes: OutcomeChooser;
  #stored: Array<{ fields: Pdu['fields']; tlvs: Pdu['tlvs'] }> = [];
  #windowStart = 0;
  #inWindow = 0;
  /** submit_sm received, for tests and the simulator's own API. */
  submitted = 0;

  constructor(opts: SimulatorOptions) {
    this.#opts = opts;
    this.#misbehaviour = opts.misbehaviour ?? { mode: 'none' };
    this.#outcomes = new OutcomeChooser(opts.rules ?? []);
    // Its own window: deliver_sm outstanding per session (receipts wait for the ESME's commits).
    const accept = (socket: import('node:net').Socket) => this.#accept(new Session(socket, { window: opts.window ?? 100 }));
    this.#server = opts.tls ? createTlsServer(opts.tls, accept) : createServer(accept);
  }

  /** Changes how the simulator misbehaves from now on. */
  misbehave(m: Misbehaviour): void {
    this.#misbehaviour = m;
  }

  /** True when this submit_sm exceeds the throttle: a fixed one-second window, as SMSCs count. */
  #throttled(): boolean {
    const m = this.#misbehaviour;
    if (m.mode !== 'throttle') return false;
    const now = Date.now();
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#inWindow = 0;
    }
    return ++this.#inWindow > m.perSecond;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.#server.listen(port, host);
    await once(this.#server, 'listening');
    return (this.#server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const b of this.#bound) b.session.close();
    this.#server.close();
    await once(this.#server, 'close');
  }

  #newId(): string {
    const n = this.#nextId++;
    if (this.#opts.idFormat === 'decimal') return String(n);
    if (this.#opts.idFormat === 'uuid') return randomUUID();
    return n.toString(16).toUpperCase(); // hex ids in upper case, as many SMSCs send them
  }

  #accept(session: Session): void {
    let bound: Bound | null = null;
    session.on('close', () => bound && this.#bound.delete(bound));
    session.on('request', (pdu) => {
      if (pdu.command.startsWith('bind_')) {
        if (this.#misbehaviour.mode === 'refuse_bind') return session.respond(pdu, ESME_RBINDFAIL, { system_id: '' });
        if (pdu.fields.system_id !== this.#opts.systemId) return session.respond(pdu, ESME_RINVSYSID, { system_id: '' });
        if (pdu.fields.password !== this.#opts.password) return session.respond(pdu, ESME_RINVPASWD, { system_id: '' });
        bound = { session, canReceive: pdu.command !== 'bind_transmitter' };
        this.#bound.add(bound);
        session.respond(pdu, 0, { system_id: 'PETRELSIM' });
        if (bound.canReceive) setImmediate(() => this.#flush());
        return;
      }
      if (!bound) return session.respond(pdu, ESME_RINVBNDSTS, pdu.command === 'submit_sm' ? { message_id: '' } : {});
      if (pdu.command === 'submit_sm') return this.#submit(session, pdu);
      if (pdu.command === 'deliver_sm_resp') return;
      session.respond(pdu);
    });
  }

  #submit(session: Session, pdu: Pdu): void {
    this.submitted++;
    this.#opts.onSubmit?.(pdu, Date.now());
    const m = this.#misbehaviour;
    if (m.mode === 'no_response') return;
    if (m.mode === 'unbind_on_submit') {
      session.request('unbind').catch(() => {});
      setTimeout(() => session.close(), 50);
      return;
    }
    if (m.mode === 'disconnect_every' && this.submitted % m.submits === 0) {
      session.socket.destroy();
      return;
    }
    if (this.#throttled()) return session.respond(pdu, ESME_RTHROTTLED, { message_id: '' });
    const id = this.#newId();
    const receiptFirst = m.mode === 'receipt_before_response';
    if (receiptFirst) setTimeout(() => session.respond(pdu, 0, { message_id: id }), m.responseDelayMs);
    else session.respond(pdu, 0, { message_id: id });
    if (!((pdu.fields.registered_delivery as number) & 0x01)) return;
    if (m.mode === 'receipt_for_part' && !this.#isReceiptedPart(pdu, m.part)) return;
    const destination = String(pdu.fields.destination_addr ?? '');
    const rule = this.#outcomes.choose(destination);
    const submittedAt = Date.now();
    setTimeout(
      () => {
        const stat = rule?.stat ?? 'DELIVRD';
        const rid = receiptId(id, m);
        const text = formatReceipt({ id: rid, sub: 1, dlvrd: stat === 'DELIVRD' ? 1 : 0, submitDate: submittedAt, doneDate: Date.now(), stat, err: rule?.err ?? 0, text: '' });
        this.#deliver(
          {
            source_addr_ton: pdu.fields.dest_addr_ton ?? 1,
            source_addr_npi: pdu.fields.dest_addr_npi ?? 1,
            source_addr: destination,
            dest_addr_ton: pdu.fields.source_addr_ton ?? 0,
            dest_addr_npi: pdu.fields.source_addr_npi ?? 0,
            destination_addr: pdu.fields.source_addr ?? '',
            esm_class: 0x04, // SMSC delivery receipt
            short_message: Buffer.from(text, 'latin1'),
          },
          [
            { tag: 0x001e, name: 'receipted_message_id', value: rid },
            { tag: 0x0427, name: 'message_state', value: messageStateForStat(stat)! },
          ],
          session,
        );
      },
      receiptFirst ? 0 : (this.#opts.receiptDelayMs ?? 0) + Math.random() * (this.#opts.receiptJitterMs ?? 0),
    );
  }

  /** For `receipt_for_part`: whether this part of a concatenated message gets a receipt. */
  #isReceiptedPart(pdu: Pdu, part: 'first' | 'last'): boolean {
    const sm = pdu.fields.short_message;
    const concat = (pdu.fields.esm_class as number) & 0x40 && Buffer.isBuffer(sm) ? readConcat(sm) : null;
    if (!concat) return true; // a single-part message always gets its receipt
    return part === 'first' ? concat.seq === 1 : concat.seq === concat.total;
  }

  /**
   * A mobile-originated message to the bound ESME: GSM 03.38 when it fits, else UCS-2. A text
   * longer than one SMS goes as concatenated parts, with a UDH (the default) or SAR TLVs, in
   * order or (`reverse`, for tests) last part first. Returns whether every part went out at once.
   */
  inject(m: { from: string; to: string; text: string; concat?: 'udh' | 'sar'; reverse?: boolean }): boolean {
    const s = segment(m.text, 'auto');
    const base = {
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: m.from.replace(/^\+/, ''),
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: m.to.replace(/^\+/, ''),
      data_coding: s.encoding === 'UCS-2' ? 8 : 0,
    };
    const total = s.parts.length;
    const ref = this.#inboundRef++ & 0xff;
    const pdus = s.parts.map((p, i): { fields: Pdu['fields']; tlvs: Pdu['tlvs'] } => {
      const text = Buffer.from(encodePart(p, s.encoding));
      if (total === 1) return { fields: { ...base, esm_class: 0, short_message: text }, tlvs: [] };
      if (m.concat === 'sar') {
        const tlvs = [
          { tag: 0x020c, name: 'sar_msg_ref_num', value: ref },
          { tag: 0x020e, name: 'sar_total_segments', value: total },
          { tag: 0x020f, name: 'sar_segment_seqnum', value: i + 1 },
        ];
        return { fields: { ...base, esm_class: 0, short_message: text }, tlvs };
      }
      return { fields: { ...base, esm_class: 0x40, short_message: Buffer.concat([concatUdh(ref, total, i + 1), text]) }, tlvs: [] };
    });
    if (m.reverse) pdus.reverse();
    return pdus.map((d) => this.#deliver(d.fields, d.tlvs, null)).every(Boolean);
  }

  /**
   * Sends deliver_sm on the given session if it can receive, else on any receiving session.
   * Like a real SMSC it stores what it cannot deliver now (no receiver bound, the connection
   * dropped, the ESME answered with an error) and delivers it when a receiver binds. Returns
   * whether it went out at once.
   */
  #deliver(fields: Pdu['fields'], tlvs: Pdu['tlvs'], preferred: Session | null): boolean {
    const receivers = [...this.#bound].filter((b) => b.canReceive && !b.session.closed);
    const target = receivers.find((b) => b.session === preferred) ?? receivers[0];
    if (!target) {
      this.#stored.push({ fields, tlvs });
      return false;
    }
    // Absent fields go out empty or zero.
    target.session.request('deliver_sm', fields, tlvs).catch(() => {
      this.#stored.push({ fields, tlvs });
      setTimeout(() => this.#flush(), 200);
    });
    return true;
  }

  /** Delivers what was stored, now that a receiver may be bound. */
  #flush(): void {
    for (const d of this.#stored.splice(0)) this.#deliver(d.fields, d.tlvs, null);
  }

  /** deliver_sm waiting for a receiver. */
  get storedDeliveries(): number {
    return this.#stored.length;
  }
}
