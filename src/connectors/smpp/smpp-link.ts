// A connector over SMPP 3.4: `sessions` binds (transceivers, or transmitters plus one
// receiver), each kept up by its own loop that reconnects with exponential backoff and
// jitter. Submits go to the bound session with the most free window; receipts and inbound
// messages are acknowledged only after the lane has committed them.

import type { Logger } from 'pino';
import { backoffDelay, type Backoff } from '../../domain/backoff.ts';
import { classifyStatus } from '../../domain/submit-status.ts';
import type { ConnectorSettings, OutboundMessage } from '../../engine/ports.ts';
import { bind } from '../../smpp/client.ts';
import type { Pdu } from '../../smpp/codec.ts';
import { ConnectionClosed, ResponseTimeout, type Session } from '../../smpp/session.ts';
import { ESME_RINVCMDID, ESME_ROK, ESME_RX_T_APPN, SmppError } from '../../smpp/status.ts';
import type { ConnectorLink, LinkEvents, LinkStatus, PreparedPart, SubmitResult } from '../link.ts';
import { readInbound, readReceipt } from './deliver.ts';
import { submitPdus, type SubmitPdu } from './submit-pdus.ts';

/** Consecutive response timeouts after which a session is presumed dead and rebound. */
const TIMEOUTS_BEFORE_REBIND = 3;
const ENQUIRE_LINK_MS = 30_000;

interface Slot {
  mode: 'transceiver' | 'transmitter' | 'receiver';
  session: Session | null;
  timeouts: number;
}

interface Part extends PreparedPart {
  pdu: SubmitPdu;
}

export interface SmppLinkOptions {
  reconnect?: Backoff;
  logger?: Logger;
}

export class SmppLink implements ConnectorLink {
  readonly #c: ConnectorSettings & { name: string };
  readonly #events: LinkEvents;
  readonly #slots: Slot[];
  readonly #reconnect: Backoff;
  readonly #logger: Logger | undefined;
  #stopped = true;
  #wakeups = new Set<() => void>();
  #lastError: string | null = null;
  #lastErrorAt: number | null = null;
  #reconnects = 0;
  #loops: Promise<void>[] = [];

  constructor(connector: ConnectorSettings & { name: string }, events: LinkEvents, opts: SmppLinkOptions = {}) {
    this.#c = connector;
    this.#events = events;
    this.#reconnect = opts.reconnect ?? { baseMs: 1000, maxMs: 60_000 };
    this.#logger = opts.logger?.child({ connector: connector.name });
    const n = connector.sessions;
    this.#slots =
      connector.bindMode === 'transceiver'
        ? Array.from({ length: n }, () => ({ mode: 'transceiver' as const, session: null, timeouts: 0 }))
        : [...Array.from({ length: n }, () => ({ mode: 'transmitter' as const, session: null, timeouts: 0 })), { mode: 'receiver', session: null, timeouts: 0 }];
  }

  prepare(m: OutboundMessage, now: number): PreparedPart[] {
    return submitPdus(m, this.#c, now).map((pdu, i): Part => ({ seq: i + 1, pdu }));
  }

  /** The bound slot that can send with the fewest submits in flight (called per part: no allocation). */
  #leastBusy(): (Slot & { session: Session }) | null {
    let best: (Slot & { session: Session }) | null = null;
    for (const s of this.#slots) {
      if (s.mode === 'receiver' || !s.session || s.session.closed) continue;
      if (!best || s.session.inFlight < best.session.inFlight) best = s as Slot & { session: Session };
    }
    return best;
  }

  capacity(): number {
    let free = 0;
    for (const s of this.#slots) {
      if (s.mode !== 'receiver' && s.session && !s.session.closed) free += Math.max(0, this.#c.window - s.session.inFlight);
    }
    return free;
  }

  async submit(prepared: PreparedPart): Promise<SubmitResult> {
    const { pdu } = prepared as Part;
    const slot = this.#leastBusy();
    if (!slot || this.#stopped) return { ok: false, kind: 'unsent', reason: 'no bound session' };
    const free = slot.session;
    try {
      const resp = await free.request('submit_sm', pdu.fields, pdu.tlvs);
      slot.timeouts = 0;
      return { ok: true, smscId: String(resp.fields.message_id ?? '') };
    } catch (e) {
      return this.#failure(slot, free, e);
    } finally {
      this.#events.changed();
    }
  }

  #failure(slot: Slot, session: Session, e: unknown): SubmitResult {
    if (e instanceof SmppError) {
      slot.timeouts = 0;
      return { ok: false, kind: classifyStatus(e.status, this.#c.statusMap), status: e.status, reason: e.message };
    }
    if (e instanceof ConnectionClosed) return { ok: false, kind: e.sent ? 'unconfirmed' : 'unsent', reason: e.message };
    if (e instanceof ResponseTimeout) {
      if (++slot.timeouts >= TIMEOUTS_BEFORE_REBIND) {
        this.#error(`${slot.timeouts} submit_sm in a row unanswered: rebinding`);
        session.close();
      }
      return { ok: false, kind: 'unconfirmed', reason: e.message };
    }
    throw e;
  }

  status(): LinkStatus {
    const bound = this.#slots.filter((s) => s.session && !s.session.closed);
    return {
      sessions: this.#slots.length,
      bound: bound.length,
      inFlight: bound.reduce((n, s) => n + s.session!.inFlight, 0),
      lastError: this.#lastError,
      lastErrorAt: this.#lastErrorAt,
      reconnects: this.#reconnects,
    };
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loops = this.#slots.map((slot) => this.#keepBound(slot));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const wake of this.#wakeups) wake();
    await Promise.all(this.#slots.map((s) => s.session?.unbind()));
    await Promise.all(this.#loops);
  }

  #error(message: string): void {
    this.#lastError = message;
    this.#lastErrorAt = Date.now();
    this.#logger?.warn({ error: message }, 'smpp connector problem');
  }

  /** Binds, waits for the session to end, and binds again after a backoff, until stopped. */
  async #keepBound(slot: Slot): Promise<void> {
    for (let attempt = 0; !this.#stopped; ) {
      try {
        const { session } = await bind({
          host: this.#c.host,
          port: this.#c.port,
          systemId: this.#c.systemId,
          password: this.#c.password,
          systemType: this.#c.systemType,
          mode: slot.mode,
          window: this.#c.window,
          responseTimeoutMs: this.#c.responseTimeoutMs,
          enquireLinkMs: ENQUIRE_LINK_MS,
          tls: this.#c.tls,
          tlsCa: this.#c.tlsCa,
          onRequest: (s, pdu) => this.#onRequest(s, pdu),
        });
        if (this.#stopped) {
          await session.unbind();
          break;
        }
        attempt = 0;
        slot.session = session;
        slot.timeouts = 0;
        this.#logger?.info({ mode: slot.mode }, 'smpp session bound');
        this.#events.changed();
        const closed = await new Promise<Error | null>((resolve) => session.once('close', resolve));
        slot.session = null;
        this.#events.changed();
        if (this.#stopped) break;
        this.#error(`session closed${closed ? `: ${closed.message}` : ''}`);
      } catch (e) {
        this.#error(`bind failed: ${(e as Error).message}`);
      }
      this.#reconnects++;
      await this.#sleep(backoffDelay(attempt++, this.#reconnect));
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakeups.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wakeups.add(wake);
    });
  }

  #onRequest(session: Session, pdu: Pdu): void {
    if (pdu.command === 'alert_notification') return; // no response is defined for it
    if (pdu.command !== 'deliver_sm' && pdu.command !== 'data_sm') {
      session.respond(pdu, ESME_RINVCMDID);
      return;
    }
    const receipt = readReceipt(pdu);
    const handled = receipt ? this.#events.receipt(receipt) : this.#events.inbound(readInbound(pdu));
    // Acknowledged only once committed; a failed commit asks the SMSC to deliver it again.
    handled.then(
      () => session.respond(pdu, ESME_ROK, { message_id: '' }),
      (e: Error) => {
        this.#logger?.error({ err: e }, 'could not record a deliver_sm; the SMSC will retry it');
        session.respond(pdu, ESME_RX_T_APPN, { message_id: '' });
      },
    );
  }
}
