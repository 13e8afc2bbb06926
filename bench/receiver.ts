// A callback receiver for the benchmarks, in its own process (its CPU is not Petrel's). It
// speaks just enough HTTP/1.1 over raw sockets (keep-alive, Content-Length bodies) to answer
// every request 200 at once for a few µs, so that on two shared cores it leaves the CPU to
// Petrel: node:http costs ~50 µs a request here. It counts requests, the distinct ids (a POST
// body's `"msgid"`, a GET's `id=` query parameter) and POST bodies that are not JSON objects.
// GET /stats reports them, the first and last arrival and its own CPU; GET /reset starts the
// counts again. Prints its port on start.
//
//   node bench/receiver.ts [--port 0]

import { createServer, type Socket } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
let count = 0;
let bad = 0;
let first = 0;
let last = 0;
const ids = new Set<string>();
const OK = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');

function stats(): Buffer {
  const cpu = process.cpuUsage();
  const body = JSON.stringify({ count, distinct: ids.size, bad, first, last, cpuMs: (cpu.user + cpu.system) / 1000 });
  return Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

function arrived(): void {
  const now = Date.now();
  count++;
  first ||= now;
  last = now;
}

function onBody(body: string): void {
  arrived();
  if (!body.startsWith('{') || !body.endsWith('}')) bad++;
  const at = body.indexOf('"msgid":"');
  if (at >= 0) ids.add(body.slice(at + 9, body.indexOf('"', at + 9)));
}

/** A GET callback: its id from the request line's `id=` parameter. */
function onGet(requestLine: string): void {
  arrived();
  const m = /[?&]id=([^& ]+)/.exec(requestLine);
  if (m) ids.add(m[1]!);
}

function serve(socket: Socket): void {
  let buffered = '';
  socket.setEncoding('latin1'); // bodies are JSON; byte offsets stay character offsets
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    const replies: Buffer[] = [];
    for (;;) {
      const head = buffered.indexOf('\r\n\r\n');
      if (head < 0) break;
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(buffered.slice(0, head));
      const length = m ? Number(m[1]) : 0;
      if (buffered.length < head + 4 + length) break;
      if (buffered.startsWith('GET /stats')) replies.push(stats());
      else if (buffered.startsWith('GET /reset')) {
        count = bad = first = last = 0;
        ids.clear();
        replies.push(OK);
      } else if (buffered.startsWith('GET ')) {
        onGet(buffered.slice(0, buffered.indexOf('\r\n')));
        replies.push(OK);
      } else {
        onBody(buffered.slice(head + 4, head + 4 + length));
        replies.push(OK);
      }
      buffered = buffered.slice(head + 4 + length);
    }
    if (replies.length) socket.write(replies.length === 1 ? replies[0]! : Buffer.concat(replies));
  });
  socket.on('error', () => socket.destroy());
}

const server = createServer(serve);
server.listen(Number(values.port), '127.0.0.1', () => console.log(`receiver listening on ${(server.address() as { port: number }).port}`));
process.on('SIGTERM', () => process.exit(0));
