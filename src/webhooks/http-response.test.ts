import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpProtocolError, ResponseReader } from './http-response.ts';

/** Feeds a response in pieces of `step` bytes; returns each piece's result. */
function feed(text: string, step = text.length) {
  const r = new ResponseReader();
  const buf = Buffer.from(text, 'latin1');
  const out = [];
  for (let i = 0; i < buf.length; i += step) out.push(r.feed(buf.subarray(i, i + step)));
  return { r, out, last: out.at(-1) };
}

test('Content-Length bodies end where they say, however the bytes arrive', () => {
  const text = 'HTTP/1.1 200 OK\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world';
  for (const step of [1, 3, 7, text.length]) {
    const { out, last } = feed(text, step);
    assert.deepEqual(last, { status: 200, keepAlive: true }, `step ${step}`);
    assert.ok(
      out.slice(0, -1).every((x) => x === null),
      'not before the last byte',
    );
  }
});

test('chunked bodies, with extensions and trailers', () => {
  const text = 'HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: y\r\n\r\n';
  for (const step of [1, 4, text.length]) assert.deepEqual(feed(text, step).last, { status: 202, keepAlive: true }, `step ${step}`);
});

test('1xx responses are skipped; 204 and 304 have no body', () => {
  assert.deepEqual(feed('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n').last, { status: 204, keepAlive: true });
  assert.deepEqual(feed('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n').last, { status: 304, keepAlive: true });
});

test('Connection: close, HTTP/1.0, and bodies read until close are not kept alive', () => {
  assert.deepEqual(feed('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').last, { status: 200, keepAlive: false });
  assert.deepEqual(feed('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').last, { status: 200, keepAlive: false });
  assert.deepEqual(feed('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n').last, { status: 200, keepAlive: true });
  const { r, last } = feed('HTTP/1.1 500 Oops\r\n\r\nsomething went wrong');
  assert.equal(last, null);
  assert.deepEqual(r.closed(), { status: 500, keepAlive: false });
  assert.equal(new ResponseReader().closed(), null, 'a close before any response is an error');
});

test('a reader serves the next response on the same connection', () => {
  const r = new ResponseReader();
  assert.deepEqual(r.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')), { status: 200, keepAlive: true });
  assert.equal(r.received, 0);
  assert.deepEqual(r.feed(Buffer.from('HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n')), { status: 503, keepAlive: true });
});

test('what is not HTTP/1.x is a protocol error', () => {
  for (const text of [
    'SSH-2.0-OpenSSH\r\n\r\n',
    'HTTP/2 200\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nextra',
  ]) {
    assert.throws(() => feed(text), HttpProtocolError, JSON.stringify(text));
  }
});
