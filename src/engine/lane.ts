// One lane per connector (DESIGN.md, flow 2): claim due messages with a lease, mark a chunk
// `submitting` in one transaction, send each part through the token bucket and the link's
// window, retry what the SMSC says is passing, and record outcomes and receipts through one
// group committer, so the lane's writes share transactions.

import type { Logger } from 'pino';
import { backoffDelay } from '../domain/backoff.ts';
import { uuidv7 } from '../domain/ids.ts';
import { smscIdKey, smscIdKeys } from '../domain/smsc-id.ts';
import type { ConnectorLink, LinkEvents, LinkInbound, LinkReceipt, PreparedPart } from '../connectors/link.ts';
import { GroupCommitter } from '../gateway/group-commit.ts';
import { Nap } from '../gateway/nap.ts';
import { outcomeOf, type PartResult } from './outcome.ts';
import type { Connector, DispatchBatch, DispatchResult, DispatchStore, InboundSink, LaneIdentity, OutboundMessage, SubmitOutcome } from './ports.ts';
import { SendGate } from './send-gate.ts';

export interface LaneOptions {
  leaseMs: number;
  /** Messages claimed at a time. */
  claimBatch: number;
  /** How long an idle lane waits before looking for new messages. */
  pollMs: number;
  /** Attempts per part for temporary errors (and unconfirmed ones, when the connector resends). */
  maxAttempts: number;
  parkRetryMs: number;
  /** A parked receipt that matched nothing for this long is an orphan. */
  orphanAfterMs: number;
  logger: Logger;
  /** Names this worker in lease owners, so that after a restart it can end its old leases. */
  workerId: string;
}

type Op =
  | { kind: 'submitting' | 'expired' | 'released'; id: string }
  | { kind: 'outcome'; outcome: DispatchBatch['outcomes'][number] }
  | { kind: 'receipt'; receipt: DispatchBatch['receipts'][number] };

export interface LaneCounters {
  claimed: number;
  submitted: number;
  failed: number;
  unknown: number;
  expired: number;
  receipts: number;
  parked: number;
  orphans: number;
  throttled: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Lane {
  readonly identity: LaneIdentity;
  readonly connector: Connector;
  readonly link: ConnectorLink;
  readonly counters: LaneCounters = { claimed: 0, submitted: 0, failed: 0, unknown: 0, expired: 0, receipts: 0, parked: 0, orphans: 0, throttled: 0 };
  readonly #store: DispatchStore;
  readonly #inboundSink: InboundSink;
  readonly #opts: LaneOptions;
  readonly #writer: GroupCommitter<Op, DispatchResult>;
  readonly #gate: SendGate;
  #held: OutboundMessage[] = [];
  readonly #active = new Map<string, Promise<void>>();
  /** Parts of marked messages that have not reached the link yet (they count against its window). */
  #reserved = 0;
  #claims: boolean;
  #paused: boolean;
  #stopping = false;
  #throttleAttempt = 0;
  readonly #idle = new Nap();
  #loop: Promise<void> | null = null;
  #timers: NodeJS.Timeout[] = [];
  /**
   * While marked parts still wait for the link (the throttle or the window holds them), the
   * next chunk is marked once this much of the window is free: a throttled lane then marks a
   * quarter window per transaction instead of one message per response that frees a slot.
   */
  readonly #refillAt: number;

  constructor(connector: Connector, openLink: (events: LinkEvents) => ConnectorLink, store: DispatchStore, inbound: InboundSink, opts: LaneOptions & { claims: boolean }) {
    this.connector = connector;
    this.identity = { connectorId: connector.id, owner: `${opts.workerId}/${connector.id}/${uuidv7()}`, anyPartDelivers: connector.anyPartDelivers };
    this.#store = store;
    this.#inboundSink = inbound;
    this.#opts = opts;
    this.#claims = opts.claims;
    this.#paused = connector.paused;
    this.#gate = new SendGate(connector.throughput, () => this.link.capacity());
    this.#refillAt = Math.max(1, Math.floor((connector.window * connector.sessions) / 4));
    // At most 1,000 operations a transaction: on SQLite it holds the write lock for a few ms,
    // and an intake commit that comes meanwhile waits for its end (roles/write-lock.ts).
    // While the throttle paces the lane, nothing goes out sooner for writing sooner: outcomes and
    // receipts then wait for company (up to a quarter of the window's drain time, at most 5 ms),
    // where one transaction per response cost a 2,000/s limit 0.40 ms of CPU a message (now 0.35).
    const company = Math.min(5, connector.throughput > 0 ? (250 * connector.window * connector.sessions) / connector.throughput : 0);
    this.#writer = new GroupCommitter<Op, DispatchResult>((ops) => this.#write(ops), { maxBatch: 1000, maxDelayMs: () => (this.#gate.pacing ? company : 0) });
    this.link = openLink({
      receipt: (r) => this.#receipt(r),
      inbound: (m) => this.#inbound(m),
      changed: () => {
        this.#gate.poke();
        this.#poke();
      },
    });
  }

  start(): void {
    this.link.start();
    this.#loop = this.#run();
    this.#timers.push(
      setInterval(() => void this.#renew(), Math.max(50, this.#opts.leaseMs / 3)),
      setInterval(() => void this.#retryParked(), this.#opts.parkRetryMs),
    );
  }

  /** Pausing stops claiming and sending; parts already on the wire finish. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#poke();
  }

  setClaims(claims: boolean): void {
    this.#claims = claims;
    this.#poke();
  }

  /** Stops claiming, returns held messages to the queue, lets sends finish, closes the link. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#poke();
    this.#gate.release();
    await this.#loop;
    for (const t of this.#timers) clearInterval(t);
    await this.#release().catch(() => {}); // a lease that stays is ended by the reaper
    await Promise.all(this.#active.values());
    await this.#writer.drain();
    await this.link.stop();
  }

  /** Returns the claimed, unsent messages to the queue (before a failover hands them on). */
  release(): Promise<void> {
    return this.#release();
  }

  async #release(): Promise<void> {
    const held = this.#held.splice(0);
    if (held.length) await this.#writer.add(held.map((m) => ({ kind: 'released', id: m.id })));
  }

  /** Claimed and not yet sent. */
  get held(): number {
    return this.#held.length;
  }

  get paused(): boolean {
    return this.#paused;
  }

  get claims(): boolean {
    return this.#claims;
  }

  /** Ends the loop's wait: the link or a setting changed. */
  #poke(): void {
    this.#idle.wake();
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        if (this.#paused) {
          await this.#release(); // what was claimed goes back to the queue, for whoever sends next
          await this.#idle.nap(1000);
          continue;
        }
        const room = this.link.capacity() - this.#reserved;
        if (room <= 0 || this.#gate.holding || (this.#reserved > 0 && room < this.#refillAt)) {
          await this.#idle.nap(50);
          continue;
        }
        if (this.#held.length === 0 && !(await this.#claim())) {
          await this.#idle.nap(this.#opts.pollMs);
          continue;
        }
        await this.#dispatch(this.#held.splice(0, room));
      } catch (e) {
        this.#opts.logger.error({ err: e, connector: this.connector.name }, 'dispatch failed; retrying');
        await this.#idle.nap(1000);
      }
    }
  }

  async #claim(): Promise<boolean> {
    const now = Date.now();
    this.#held = await this.#store.claim(this.identity, this.#opts.claimBatch, now, now + this.#opts.leaseMs, this.#claims);
    this.counters.claimed += this.#held.length;
    return this.#held.length > 0;
  }

  /** Marks a chunk submitting (past-validity ones expired) and starts sending what was marked. */
  async #dispatch(chunk: OutboundMessage[]): Promise<void> {
    const now = Date.now();
    const live = chunk.filter((m) => m.expiresAt > now);
    const expired = chunk.filter((m) => m.expiresAt <= now);
    const prepared = live.map((m) => this.#prepare(m, now));
    const parts = prepared.reduce((n, p) => n + p.parts.length, 0);
    this.#reserved += parts;
    let result: DispatchResult;
    try {
      result = await this.#writer.add([...expired.map((m) => ({ kind: 'expired' as const, id: m.id })), ...live.map((m) => ({ kind: 'submitting' as const, id: m.id }))]);
    } catch (e) {
      this.#reserved -= parts;
      throw e;
    }
    this.counters.expired += expired.length;
    const lost = new Set([...result.lost, ...result.blocked]);
    for (const p of prepared) {
      if (lost.has(p.m.id)) {
        this.#reserved -= p.parts.length; // the reaper took it back (another lane may send it), or it is blocked
        continue;
      }
      const sending = (p.error ? this.#record({ id: p.m.id, state: 'failed', parts: [], errorCode: null, reason: p.error }) : this.#send(p.m, p.parts)).finally(() => this.#active.delete(p.m.id));
      this.#active.set(p.m.id, sending);
    }
  }

  /** The message's PDUs; a message the connector cannot encode fails instead of stopping the lane. */
  #prepare(m: OutboundMessage, now: number): { m: OutboundMessage; parts: PreparedPart[]; error?: string } {
    try {
      return { m, parts: this.link.prepare(m, now) };
    } catch (e) {
      return { m, parts: [], error: `cannot be encoded for this connector: ${(e as Error).message}` };
    }
  }

  async #send(m: OutboundMessage, parts: PreparedPart[]): Promise<void> {
    const reasons = new Map<number, string>();
    const progress = { wentOut: false };
    const results = await Promise.all(parts.map((p) => this.#sendPart(p, reasons, progress)));
    await this.#record(outcomeOf(m.id, results, reasons));
  }

  async #record(outcome: SubmitOutcome): Promise<void> {
    if (outcome.state === 'submitted') this.counters.submitted++;
    else if (outcome.state === 'failed') this.counters.failed++;
    else if (outcome.state === 'unknown') this.counters.unknown++;
    try {
      await this.#writer.add([{ kind: 'outcome', outcome }]);
    } catch (e) {
      // Left `submitting`: the reaper settles it once the lease ends (unknown, or resent).
      this.#opts.logger.error({ err: e, message: outcome.id }, 'could not record a submit outcome');
    }
  }

  /** Sends one part until it has an answer; `progress` says whether any part of its message went out. */
  async #sendPart(part: PreparedPart, reasons: Map<number, string>, progress: { wentOut: boolean }): Promise<PartResult> {
    let reserved = true;
    for (let attempt = 0; ; ) {
      await this.#gate.turn();
      if (this.#stopping && attempt === 0) {
        this.#gate.launched();
        if (reserved) this.#reserved--;
        return { seq: part.seq, state: 'unsent', at: Date.now(), reason: 'stopping' };
      }
      const submitting = this.link.submit(part);
      this.#gate.launched();
      if (reserved) this.#reserved--;
      reserved = false;
      const r = await submitting;
      const at = Date.now();
      if (r.ok || r.kind !== 'unsent') progress.wentOut = true;
      if (r.ok) {
        this.#throttleAttempt = 0;
        return { seq: part.seq, smscId: smscIdKey(r.smscId), status: 0, state: 'submitted', at };
      }
      reasons.set(part.seq, r.reason);
      if (r.kind === 'throttled') {
        // The SMSC is busy: the whole lane pauses (SMSCs count per second, so at most a second),
        // and this part goes again (no attempt spent).
        this.counters.throttled++;
        this.#gate.hold(at + backoffDelay(this.#throttleAttempt++, { baseMs: 100, maxMs: 1000 }));
        continue;
      }
      if (r.kind === 'unsent') {
        // Nothing of the message went out: back to the queue rather than waiting `submitting`
        // for a link that may stay down. Once a part is out, the rest wait for the link.
        if (this.#stopping || !progress.wentOut) return { seq: part.seq, state: 'unsent', at, reason: r.reason };
        await sleep(100);
        continue;
      }
      const retry = r.kind === 'temporary' || (r.kind === 'unconfirmed' && this.connector.resendUnconfirmed);
      if (retry && ++attempt < this.#opts.maxAttempts && !this.#stopping) {
        await sleep(backoffDelay(attempt - 1, { baseMs: 500, maxMs: 10_000 }));
        continue;
      }
      if (r.kind === 'unconfirmed') return { seq: part.seq, smscId: null, status: null, state: 'unknown', at };
      return { seq: part.seq, smscId: null, status: r.status, state: 'failed', at };
    }
  }

  async #receipt(r: LinkReceipt): Promise<void> {
    const keys = smscIdKeys(r.smscId, this.connector.receiptIdFormat);
    await this.#writer.add([{ kind: 'receipt', receipt: { keys, stat: r.stat, error: r.error, network: r.network, doneAt: r.doneAt } }]);
    this.counters.receipts++;
  }

  async #inbound(m: LinkInbound): Promise<void> {
    const stored = await this.#inboundSink.receive({
      id: uuidv7(),
      connectorId: this.connector.id,
      from: m.from,
      to: m.to,
      text: m.text,
      encoding: m.encoding,
      concat: m.concat,
      receivedAt: Date.now(),
    });
    if (stored && stored.accountId === null) {
      this.#opts.logger.warn(
        { connector: this.connector.name, to: m.to, from: m.from },
        `an inbound message to ${m.to} belongs to no traffic account: kept unassigned (GET /api/v1/inbound?unassigned=true), no keyword applied. Give the number to a traffic account (petrel numbers add ${m.to} …), or every unassigned number with the catch-all "*"`,
      );
    }
  }

  async #write(ops: Op[]): Promise<DispatchResult> {
    const batch: DispatchBatch = { submitting: [], outcomes: [], expired: [], released: [], receipts: [] };
    for (const op of ops) {
      if (op.kind === 'outcome') batch.outcomes.push(op.outcome);
      else if (op.kind === 'receipt') batch.receipts.push(op.receipt);
      else batch[op.kind].push(op.id);
    }
    const now = Date.now();
    const result = await this.#store.write(this.identity, batch, now, now + this.#opts.leaseMs);
    this.counters.parked += result.parked;
    return result;
  }

  async #renew(): Promise<void> {
    const ids = [...this.#held.map((m) => m.id), ...this.#active.keys()];
    await this.#store.renew(this.identity, ids, Date.now() + this.#opts.leaseMs).catch((e) => this.#opts.logger.warn({ err: e }, 'lease renewal failed'));
  }

  async #retryParked(): Promise<void> {
    const now = Date.now();
    try {
      const r = await this.#store.retryParked(this.identity, now, now - this.#opts.orphanAfterMs);
      if (r.orphaned) {
        this.counters.orphans += r.orphaned;
        this.#opts.logger.warn({ connector: this.connector.name, orphaned: r.orphaned }, 'delivery receipts matched no message and were given up on');
      }
    } catch (e) {
      this.#opts.logger.warn({ err: e }, 'retrying parked receipts failed');
    }
  }
}
