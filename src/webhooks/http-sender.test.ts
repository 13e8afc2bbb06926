// Our HTTP/1.1 client against node:http servers on loopback (and over TLS): keep-alive reuse,
// every way a response ends, a connection the server dropped while idle, timeouts, and
// refusal of private addresses.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { HttpSender } from './http-sender.ts';

const pem = (f: string) => readFileSync(new URL(`../../test/fixtures/tls/${f}`, import.meta.url), 'utf8');

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base = '';
let connections = 0;
const seen: Seen[] = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(200).end();

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      answer(req, res);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => server.close());

const sender = (o: Partial<ConstructorParameters<typeof HttpSender>[0]> = {}) => new HttpSender({ timeoutMs: 2000, allowPrivate: true, socketsPerHost: 2, ...o });

test('POST and GET go out as written; keep-alive reuses a connection', async () => {
  const s = sender();
  seen.length = 0;
  const before = connections;
  const body = JSON.stringify({ msgid: 'a', text: 'Grüße €' });
  for (let i = 0; i < 5; i++) {
    const r = await s.send({ method: 'POST', url: `${base}/dlr?x=${i}`, headers: { 'content-type': 'application/json', 'x-petrel-signature': 't=1,v1=ab' }, body });
    assert.deepEqual([r.statusCode, r.error], [200, null]);
  }
  const get = await s.send({ method: 'GET', url: `${base}/r?ID=1&S=DELIVERED`, headers: {} });
  assert.equal(get.statusCode, 200);
  s.close();
  assert.equal(connections - before, 1, 'one connection for six requests in a row');
  assert.deepEqual(
    [seen[0]!.method, seen[0]!.url, seen[0]!.body, seen[0]!.headers['content-length'], seen[0]!.headers['x-petrel-signature']],
    ['POST', '/dlr?x=0', body, String(Buffer.byteLength(body)), 't=1,v1=ab'],
  );
  assert.deepEqual([seen[5]!.method, seen[5]!.url, seen[5]!.body], ['GET', '/r?ID=1&S=DELIVERED', '']);
});

test('statuses come back whatever the body: chunked, long, none, and a close after it', async () => {
  const s = sender();
  const cases: Array<[(res: ServerResponse) => void, number]> = [
    [(res) => res.writeHead(500).end('x'.repeat(100_000)), 500],
    [
      (res) => {
        res.writeHead(201);
        res.write('chunk one');
        setTimeout(() => res.end('chunk two'), 20);
      },
      201,
    ],
    [(res) => res.writeHead(204).end(), 204],
    [(res) => res.writeHead(404, { connection: 'close' }).end('gone'), 404],
    [(res) => res.writeHead(200).end(), 200],
  ];
  for (const [reply, status] of cases) {
    answer = (_req, res) => reply(res);
    assert.equal((await s.send({ method: 'POST', url: `${base}/x`, headers: {}, body: '{}' })).statusCode, status);
  }
  answer = (_req, res) => res.writeHead(200).end();
  s.close();
});

test('many requests at once share at most socketsPerHost connections', async () => {
  const s = sender({ socketsPerHost: 3 });
  const before = connections;
  answer = (_req, res) => setTimeout(() => res.writeHead(200).end(), 5);
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => s.send({ method: 'POST', url: `${base}/p${i}`, headers: {}, body: '{}' })));
  assert.ok(results.every((r) => r.statusCode === 200));
  assert.equal(connections - before, 3);
  answer = (_req, res) => res.writeHead(200).end();
  s.close();
});

test('a kept-alive connection the server closed while idle is replaced without a failed attempt', async () => {
  const s = sender({ socketsPerHost: 1 });
  assert.equal((await s.send({ method: 'POST', url: `${base}/a`, headers: {}, body: '{}' })).statusCode, 200);
  server.closeIdleConnections(); // what a server's keep-alive timeout does
  await new Promise((r) => setTimeout(r, 50));
  const r = await s.send({ method: 'POST', url: `${base}/b`, headers: {}, body: '{}' });
  assert.deepEqual([r.statusCode, r.error], [200, null]);
  s.close();
});

test('a slow answer times out; the connection is not reused', async () => {
  const s = sender({ timeoutMs: 150 });
  answer = (_req, res) => setTimeout(() => res.writeHead(200).end(), 400);
  const r = await s.send({ method: 'POST', url: `${base}/slow`, headers: {}, body: '{}' });
  assert.equal(r.statusCode, null);
  assert.match(r.error!, /timeout after 150 ms/);
  assert.ok(r.latencyMs >= 140 && r.latencyMs < 400, `${r.latencyMs} ms`);
  answer = (_req, res) => res.writeHead(200).end();
  assert.equal((await s.send({ method: 'POST', url: `${base}/next`, headers: {}, body: '{}' })).statusCode, 200);
  s.close();
});

test('nothing listening, and a server that speaks no HTTP, are errors, not hangs', async () => {
  const s = sender();
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as { port: number }).port;
  closed.close();
  const refused = await s.send({ method: 'POST', url: `http://127.0.0.1:${port}/x`, headers: {}, body: '{}' });
  assert.equal(refused.statusCode, null);
  assert.match(refused.error!, /ECONNREFUSED/);
  const { createServer: createTcp } = await import('node:net');
  const ssh = createTcp((c) => c.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'));
  await new Promise<void>((r) => ssh.listen(0, '127.0.0.1', r));
  const notHttp = await s.send({ method: 'POST', url: `http://127.0.0.1:${(ssh.address() as { port: number }).port}/x`, headers: {}, body: '{}' });
  ssh.close();
  assert.match(notHttp.error!, /not an HTTP\/1\.x response/);
  s.close();
});

test('private addresses are refused unless allowed, by literal and after DNS', async () => {
  const s = sender({ allowPrivate: false });
  assert.match((await s.send({ method: 'POST', url: `${base}/x`, headers: {}, body: '{}' })).error!, /refused: 127\.0\.0\.1 is not a public address/);
  const port = (server.address() as { port: number }).port;
  assert.match((await s.send({ method: 'POST', url: `http://localhost:${port}/x`, headers: {}, body: '{}' })).error!, /refused: localhost resolves to a non-public address/);
  assert.match((await s.send({ method: 'POST', url: `http://[::1]:${port}/x`, headers: {}, body: '{}' })).error!, /refused/);
  s.close();
});

test('https, with the certificate checked against the CA', async () => {
  const tlsServer = createHttpsServer({ key: pem('key.pem'), cert: pem('cert.pem') }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202).end());
  });
  await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
  const url = `https://localhost:${(tlsServer.address() as { port: number }).port}/dlr`;
  after(() => tlsServer.close());
  const trusting = sender({ ca: pem('cert.pem') });
  const ok = await trusting.send({ method: 'POST', url, headers: {}, body: '{}' });
  assert.equal(ok.statusCode, 202, ok.error ?? '');
  trusting.close();
  const strict = sender();
  const r = await strict.send({ method: 'POST', url, headers: {}, body: '{}' });
  assert.equal(r.statusCode, null);
  assert.match(r.error!, /self-signed|certificate/i);
  strict.close();
});
