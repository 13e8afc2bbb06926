// Request/response over a MessagePort (or a worker's parentPort): each side can call the
// other's handlers by name and await the answer. Errors come back as their messages.

import type { MessagePort, Transferable, Worker } from 'node:worker_threads';

type Port = Pick<MessagePort, 'postMessage' | 'on'> | Worker;
// biome-ignore lint/suspicious/noExplicitAny: each handler types its own body; `unknown` would refuse them (parameters are contravariant)
export type Handler = (body: any) => unknown;

type Wire = { rpc: 'call'; id: number; name: string; body: unknown } | { rpc: 'reply'; id: number; ok: true; value: unknown } | { rpc: 'reply'; id: number; ok: false; message: string };

export class Rpc {
  readonly #port: Port;
  readonly #handlers: Record<string, Handler>;
  // biome-ignore lint/suspicious/noExplicitAny: a reply resolves the promise `call<T>` typed for its caller
  readonly #pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  #nextId = 1;

  constructor(port: Port, handlers: Record<string, Handler> = {}) {
    this.#port = port;
    this.#handlers = handlers;
    port.on('message', (m: Wire) => this.#receive(m));
  }

  /** `transfer`: ports (or buffers) that move to the other side with the call. */
  call<T = void>(name: string, body?: unknown, transfer: Transferable[] = []): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#port.postMessage({ rpc: 'call', id, name, body } satisfies Wire, transfer as never);
    });
  }

  #receive(m: Wire): void {
    if (m.rpc === 'reply') {
      const p = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new Error(m.message));
      return;
    }
    const handler = this.#handlers[m.name];
    const reply = (w: Wire) => this.#port.postMessage(w);
    if (!handler) return reply({ rpc: 'reply', id: m.id, ok: false, message: `no handler ${m.name}` });
    Promise.resolve()
      .then(() => handler(m.body))
      .then(
        (value) => reply({ rpc: 'reply', id: m.id, ok: true, value }),
        (e: Error) => reply({ rpc: 'reply', id: m.id, ok: false, message: e?.message ?? String(e) }),
      );
  }
}
