// A webhook receiver on loopback for tests: records every request (method, URL, body, signature
// header) and answers as the test decides (a status, after a delay).

import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface Seen {
  method: string;
  url: string;
  body: string;
  signature: string;
}

export interface Receiver {
  server: Server;
  port: number;
  /** `http://127.0.0.1:PORT`. */
  base: string;
  seen: Seen[];
  /** How to answer the n-th request (1-based); 200 at once unless a test says otherwise. */
  answer: (req: IncomingMessage, n: number) => { status: number; delayMs?: number };
  close(): void;
}

export async function startReceiver(): Promise<Receiver> {
  const r = { seen: [] as Seen[], answer: (_req: IncomingMessage, _n: number): { status: number; delayMs?: number } => ({ status: 200 }) };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      r.seen.push({ method: req.method!, url: req.url!, body, signature: String(req.headers['x-petrel-signature'] ?? '') });
      const a = r.answer(req, r.seen.length);
      setTimeout(() => res.writeHead(a.status).end(), a.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return Object.assign(r, { server, port, base: `http://127.0.0.1:${port}`, close: () => server.close() });
}
