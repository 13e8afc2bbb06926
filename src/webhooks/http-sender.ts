// Sends a callback over HTTP(S) with our own HTTP/1.1 client: kept-alive connections per
// origin, a request written in one piece, the response read by http-response.ts, a timeout
// for the whole exchange, and no connection to a private, loopback or link-local address unless
// the operator allows it (checked on the address DNS returned, so a name cannot point back
// inside). node:http cost ~70 µs of CPU a request here, this ~10 µs (bench/RESULTS.md): at
// thousands of callbacks a second that is most of a core.

import { lookup as dnsLookup } from 'node:dns';
import { connect as netConnect, isIP, type LookupFunction, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { addressKind } from '../domain/net-address.ts';
import { type HttpProtocolError, ResponseReader, type ResponseEnd } from './http-response.ts';

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

export interface HttpSenderOptions {
  timeoutMs: number;
  /** PETREL_ALLOW_PRIVATE_CALLBACKS: tests and local set-ups. */
  allowPrivate: boolean;
  /** Connections kept per origin: one slow customer endpoint cannot take them all. */
  socketsPerHost: number;
  /** PEM of a private CA to trust for https (tests); the system's CAs otherwise. */
  ca?: string;
}

/** An idle connection the server has not used for this long is closed by us first. */
const IDLE_MS = 30_000;

class Refused extends Error {}

/** The host to connect to: an IPv6 literal without its brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

interface Exchange {
  conn: Conn;
  deadline: number;
  done(statusCode: number | null, error: string | null): void;
}

/** One connection: at most one request on it at a time. */
interface Conn {
  socket: Socket;
  reader: ResponseReader;
  /** Requests it has answered: a reused connection that fails before any byte may be stale. */
  served: number;
  idleSince: number;
  current: Exchange | null;
}

interface Pool {
  idle: Conn[];
  open: number;
  waiting: Array<(c: Conn | null) => void>;
}

export class HttpSender {
  readonly #o: HttpSenderOptions;
  readonly #lookup: LookupFunction;
  readonly #pools = new Map<string, Pool>();
  readonly #active = new Set<Exchange>();
  readonly #urls = new Map<string, URL>();
  readonly #timedOut: string;
  #sweep: NodeJS.Timeout | null = null;

  constructor(o: HttpSenderOptions) {
    this.#o = o;
    this.#timedOut = `timeout after ${o.timeoutMs} ms`;
    // Node asks for every address (`all`, to try IPv6 and IPv4 in turn) or for one; a name with
    // any non-public address is refused, so it cannot mix a public address with an inside one.
    this.#lookup = (hostname, options, callback) =>
      dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 0);
        const inside = o.allowPrivate ? undefined : addresses.find((a) => addressKind(a.address) !== 'public');
        if (inside) return callback(new Refused(`${hostname} resolves to a non-public address (${inside.address})`), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      });
  }

  send(call: HttpCall): Promise<HttpResult> {
    const started = performance.now();
    const result = (statusCode: number | null, error: string | null): HttpResult => ({ statusCode, latencyMs: Math.round(performance.now() - started), error });
    const url = this.#parse(call.url);
    if (!url) return Promise.resolve(result(null, 'not a URL'));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(result(null, `not an http(s) URL`));
    const host = bareHost(url);
    if (isIP(host) && !this.#o.allowPrivate && addressKind(host) !== 'public') return Promise.resolve(result(null, `refused: ${host} is not a public address`));
    const request = this.#requestText(call, url);
    const deadline = Date.now() + this.#o.timeoutMs;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (statusCode: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        resolve(result(statusCode, error));
      };
      this.#attempt(url, request, deadline, finish, true);
    });
  }

  /** A POST goes to its account's one URL again and again: parsed once (a few hundred kept). */
  #parse(text: string): URL | null {
    let url = this.#urls.get(text);
    if (url) return url;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    if (this.#urls.size >= 512) this.#urls.clear();
    this.#urls.set(text, url);
    return url;
  }

  /** The request in one piece: its head (ASCII) and its body (UTF-8). */
  #requestText(call: HttpCall, url: URL): string {
    let head = `${call.method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n`;
    for (const [k, v] of Object.entries(call.headers)) head += `${k}: ${v}\r\n`;
    if (call.body !== undefined) head += `content-length: ${Buffer.byteLength(call.body)}\r\n`;
    return `${head}\r\n${call.body ?? ''}`;
  }

  #attempt(url: URL, request: string, deadline: number, finish: (s: number | null, e: string | null) => void, mayRetry: boolean): void {
    const origin = `${url.protocol}//${url.host}`;
    this.#acquire(origin, url, deadline).then((conn) => {
      if (!conn) return finish(null, this.#timedOut);
      if (typeof conn === 'string') return finish(null, conn);
      const reused = conn.served > 0;
      const exchange: Exchange = {
        conn,
        deadline,
        done: (status, error) => {
          this.#active.delete(exchange);
          conn.current = null;
          // A kept-alive connection the server had closed fails before answering: once more, on a new one.
          if (status === null && reused && mayRetry && conn.reader.received === 0 && error !== 'timeout') return this.#attempt(url, request, deadline, finish, false);
          finish(status, error === 'timeout' ? this.#timedOut : error);
        },
      };
      conn.current = exchange;
      this.#active.add(exchange);
      this.#startSweep();
      conn.socket.write(request);
    });
  }

  /** An idle connection of the origin, a new one, or one when it frees up; null past the deadline, a string when connecting failed. */
  #acquire(origin: string, url: URL, deadline: number): Promise<Conn | string | null> {
    let pool = this.#pools.get(origin);
    if (!pool) this.#pools.set(origin, (pool = { idle: [], open: 0, waiting: [] }));
    const idle = pool.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (pool.open < this.#o.socketsPerHost) return this.#connect(pool, url, deadline);
    const p = pool;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          p.waiting.splice(p.waiting.indexOf(take), 1);
          resolve(null);
        },
        Math.max(0, deadline - Date.now()),
      );
      const take = (c: Conn | null) => {
        clearTimeout(timer);
        resolve(c ?? this.#connect(p, url, deadline));
      };
      p.waiting.push(take);
    });
  }

  #connect(pool: Pool, url: URL, deadline: number): Promise<Conn | string> {
    pool.open++;
    const host = bareHost(url);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const socket =
      url.protocol === 'https:'
        ? tlsConnect({ host, port, servername: isIP(host) ? undefined : host, lookup: this.#lookup, ...(this.#o.ca ? { ca: this.#o.ca } : {}) })
        : netConnect({ host, port, lookup: this.#lookup });
    socket.setNoDelay(true);
    const conn: Conn = { socket, reader: new ResponseReader(), served: 0, idleSince: 0, current: null };
    return new Promise((resolve) => {
      const timer = setTimeout(() => socket.destroy(new Error('timeout')), Math.max(0, deadline - Date.now()));
      const failed = (e: Error) => {
        clearTimeout(timer);
        resolve(e instanceof Refused ? `refused: ${e.message}` : e.message === 'timeout' ? this.#timedOut : e.message);
      };
      socket.once('error', failed);
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', failed);
        this.#wire(pool, conn);
        resolve(conn);
      });
      socket.once('close', () => this.#closed(pool, conn));
    });
  }

  /** The connection's life after it connected: responses, errors, its return to the pool. */
  #wire(pool: Pool, conn: Conn): void {
    const { socket } = conn;
    socket.on('data', (chunk: Buffer) => {
      const x = conn.current;
      if (!x) return void socket.destroy(); // the server spoke unasked
      let end: ResponseEnd | null;
      try {
        end = conn.reader.feed(chunk);
      } catch (e) {
        socket.destroy();
        return x.done(null, (e as HttpProtocolError).message);
      }
      if (!end) return;
      conn.served++;
      x.done(end.status, null);
      if (end.keepAlive) this.#release(pool, conn);
      else socket.destroy();
    });
    socket.on('error', (e) => conn.current?.done(null, e.message));
  }

  #release(pool: Pool, conn: Conn): void {
    const next = pool.waiting.shift();
    if (next) return next(conn);
    conn.idleSince = Date.now();
    pool.idle.push(conn);
  }

  #closed(pool: Pool, conn: Conn): void {
    pool.open--;
    const i = pool.idle.indexOf(conn);
    if (i >= 0) pool.idle.splice(i, 1);
    const x = conn.current;
    if (x) {
      const end = conn.reader.closed();
      x.done(end?.status ?? null, end ? null : 'the connection closed before the response');
    }
    // Someone waits for a slot: it may open a new connection now.
    pool.waiting.shift()?.(null);
  }

  /** One timer for every request's deadline and every idle connection (a timer per request cost more than the request). */
  #startSweep(): void {
    if (this.#sweep) return;
    this.#sweep = setInterval(
      () => {
        const now = Date.now();
        for (const x of this.#active) {
          if (now < x.deadline) continue;
          x.conn.socket.destroy();
          x.done(null, 'timeout');
        }
        for (const pool of this.#pools.values()) for (const c of pool.idle) if (now - c.idleSince > IDLE_MS) c.socket.destroy();
        if (this.#active.size === 0 && [...this.#pools.values()].every((p) => p.idle.length === 0)) {
          clearInterval(this.#sweep!);
          this.#sweep = null;
        }
      },
      Math.min(100, this.#o.timeoutMs),
    );
    this.#sweep.unref();
  }

  close(): void {
    if (this.#sweep) clearInterval(this.#sweep);
    this.#sweep = null;
    for (const pool of this.#pools.values()) for (const c of pool.idle.splice(0)) c.socket.destroy();
  }
}
