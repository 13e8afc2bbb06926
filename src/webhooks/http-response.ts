// An HTTP/1.1 response reader for the callback sender: fed the bytes of a connection as they
// arrive, it finds where each response ends (RFC 9112 §6: Content-Length, chunked transfer
// coding, or the connection's close) and whether the connection may carry another request.
// Bodies are skipped, not kept: a callback needs only the status. No I/O.

export interface ResponseEnd {
  status: number;
  /** The connection may be reused: HTTP/1.1 without `Connection: close` (or 1.0 with keep-alive), body delimited. */
  keepAlive: boolean;
}

export class HttpProtocolError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** A response head larger than this is not one a webhook receiver sends. */
const MAX_HEAD = 64 * 1024;

type State = { kind: 'head' } | { kind: 'body'; left: number } | { kind: 'chunk-size' } | { kind: 'chunk-data'; left: number } | { kind: 'trailers' } | { kind: 'until-close' };

export class ResponseReader {
  #buf: Buffer = Buffer.alloc(0);
  #state: State = { kind: 'head' };
  #status = 0;
  #keepAlive = false;
  /** Bytes of the current response seen: a connection that saw none may be retried. */
  received = 0;

  /**
   * Feeds bytes; returns the response's end once it is complete (null while it is not).
   * Throws HttpProtocolError for what is not HTTP/1.x. Bytes after a complete response are a
   * protocol error too: Petrel sends one request at a time.
   */
  feed(chunk: Buffer): ResponseEnd | null {
    this.received += chunk.length;
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    for (;;) {
      const s = this.#state;
      if (s.kind === 'head') {
        const head = this.#take(HEAD_END, 'response head');
        if (head === null) return null;
        if (this.#head(head)) return this.#done();
      } else if (s.kind === 'body' || s.kind === 'chunk-data') {
        const take = Math.min(s.left, this.#buf.length);
        s.left -= take;
        this.#buf = this.#buf.subarray(take);
        if (s.left > 0) return null;
        if (s.kind === 'body') return this.#done();
        this.#state = { kind: 'chunk-size' };
      } else if (s.kind === 'chunk-size' || s.kind === 'trailers') {
        const line = this.#take(CRLF, 'chunk line');
        if (line === null) return null;
        if (s.kind === 'trailers') {
          if (line === '') return this.#done();
          continue;
        }
        const size = /^([0-9a-fA-F]{1,12})\s*(;.*)?$/.exec(line);
        if (!size) throw new HttpProtocolError(`bad chunk size ${JSON.stringify(line.slice(0, 40))}`);
        const n = parseInt(size[1]!, 16);
        this.#state = n === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', left: n + 2 }; // the data and its CRLF
      } else {
        this.#buf = Buffer.alloc(0); // read until the server closes
        return null;
      }
    }
  }

  /** The text before `end` (which is consumed too), or null while it has not arrived. */
  #take(end: Buffer, what: string): string | null {
    const at = this.#buf.indexOf(end);
    if (at < 0) {
      if (this.#buf.length > MAX_HEAD) throw new HttpProtocolError(`${what} too large`);
      return null;
    }
    const text = this.#buf.subarray(0, at).toString('latin1');
    this.#buf = this.#buf.subarray(at + end.length);
    return text;
  }

  /** The connection closed: the end of a close-delimited response, or an error. */
  closed(): ResponseEnd | null {
    return this.#state.kind === 'until-close' ? { status: this.#status, keepAlive: false } : null;
  }

  /** Reads a head; true when the response has no body. 1xx heads are skipped (the real one follows). */
  #head(head: string): boolean {
    const lines = head.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0]!);
    if (!m) throw new HttpProtocolError(`not an HTTP/1.x response: ${JSON.stringify(lines[0]!.slice(0, 40))}`);
    const status = Number(m[2]);
    if (status >= 100 && status < 200) return false; // informational; stay in 'head'
    let length: number | null = null;
    let chunked = false;
    let connection = '';
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i]!.indexOf(':');
      if (colon <= 0) continue;
      const name = lines[i]!.slice(0, colon).trim().toLowerCase();
      const value = lines[i]!.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,15}$/.test(value) || (length !== null && length !== Number(value))) throw new HttpProtocolError(`bad content-length ${JSON.stringify(value)}`);
        length = Number(value);
      } else if (name === 'transfer-encoding') chunked = /(^|,)\s*chunked\s*$/i.test(value);
      else if (name === 'connection') connection = value.toLowerCase();
    }
    this.#status = status;
    const persistent = m[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    this.#keepAlive = persistent;
    if (status === 204 || status === 304) return true;
    if (chunked) this.#state = { kind: 'chunk-size' };
    else if (length !== null) {
      if (length === 0) return true;
      this.#state = { kind: 'body', left: length };
    } else {
      this.#keepAlive = false;
      this.#state = { kind: 'until-close' };
    }
    return false;
  }

  #done(): ResponseEnd {
    if (this.#buf.length > 0) throw new HttpProtocolError('bytes after the response');
    const end = { status: this.#status, keepAlive: this.#keepAlive };
    this.#state = { kind: 'head' };
    this.received = 0;
    return end;
  }
}
