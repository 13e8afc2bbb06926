// Sends a callback over HTTP(S): kept-alive connections per host, a timeout for the whole
// exchange, and no connection to a private, loopback or link-local address unless the operator
// allows it (checked on the address DNS returned, so a name cannot point back inside).

import { lookup as dnsLookup } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressKind } from '../domain/net-address.ts';

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
  /** Connections kept per host: one slow customer endpoint cannot take them all. */
  socketsPerHost: number;
}

class Refused extends Error {}

export class HttpSender {
  readonly #o: HttpSenderOptions;
  readonly #http: HttpAgent;
  readonly #https: HttpsAgent;
  readonly #lookup: LookupFunction;

  constructor(o: HttpSenderOptions) {
    this.#o = o;
    this.#http = new HttpAgent({ keepAlive: true, maxSockets: o.socketsPerHost });
    this.#https = new HttpsAgent({ keepAlive: true, maxSockets: o.socketsPerHost });
    this.#lookup = (hostname, options, callback) =>
      dnsLookup(hostname, { ...options, all: false }, (err, address, family) => {
        if (err) return callback(err, '', 0);
        if (!o.allowPrivate && addressKind(address as string) !== 'public') return callback(new Refused(`${hostname} resolves to a non-public address (${address as string})`), '', 0);
        callback(null, address as string, family as number);
      });
  }

  send(call: HttpCall): Promise<HttpResult> {
    const started = performance.now();
    const done = (statusCode: number | null, error: string | null): HttpResult => ({ statusCode, latencyMs: Math.round(performance.now() - started), error });
    let url: URL;
    try {
      url = new URL(call.url);
    } catch {
      return Promise.resolve(done(null, 'not a URL'));
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.#o.allowPrivate && addressKind(host) !== 'public') return Promise.resolve(done(null, `refused: ${host} is not a public address`));
    const https = url.protocol === 'https:';
    const options: RequestOptions = {
      method: call.method,
      agent: https ? this.#https : this.#http,
      lookup: this.#lookup,
      headers: { ...call.headers, ...(call.body !== undefined ? { 'content-length': String(Buffer.byteLength(call.body)) } : {}) },
      signal: AbortSignal.timeout(this.#o.timeoutMs),
    };
    return new Promise((resolve) => {
      const req = (https ? httpsRequest : httpRequest)(url, options, (res) => {
        res.resume(); // the body is not needed; reading it frees the connection for reuse
        res.once('end', () => resolve(done(res.statusCode ?? null, null)));
        res.once('error', (e) => resolve(done(res.statusCode ?? null, e.message)));
      });
      req.once('error', (e) => resolve(done(null, e instanceof Refused ? `refused: ${e.message}` : e.name === 'AbortError' ? `timeout after ${this.#o.timeoutMs} ms` : e.message)));
      req.end(call.body);
    });
  }

  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}
