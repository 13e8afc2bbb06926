// Binding as an ESME: connect, bind, and keep the link alive with enquire_link.
// Reconnecting with backoff belongs to the connector lane that owns the session.

import { connect, isIP } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { once } from 'node:events';
import type { Pdu } from './codec.ts';
import { Session, type SessionOptions } from './session.ts';

export type BindMode = 'transceiver' | 'transmitter' | 'receiver';

export interface BindOptions extends SessionOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  mode?: BindMode;
  /** enquire_link every this many ms while bound; 0 = never. */
  enquireLinkMs?: number;
  connectTimeoutMs?: number;
  /** SMPP over TLS; the certificate is verified against the system's CAs, or `tlsCa` when given. */
  tls?: boolean;
  /** PEM certificate(s) of a private CA to trust instead. */
  tlsCa?: string | null;
  /**
   * Handles the SMSC's requests (deliver_sm, …). Attached before the bind goes out: an SMSC
   * may send stored receipts in the same packet as its bind_resp, before bind() returns.
   */
  onRequest?: (session: Session, pdu: Pdu) => void;
}

export interface BoundSession {
  session: Session;
  /** The SMSC's system_id from the bind response. */
  smscSystemId: string | null;
}

/** Connects and binds; rejects (and closes) when the connection or the bind fails. */
export async function bind(o: BindOptions): Promise<BoundSession> {
  const socket = o.tls ? connectTls({ host: o.host, port: o.port, ...(isIP(o.host) ? {} : { servername: o.host }), ...(o.tlsCa ? { ca: o.tlsCa } : {}) }) : connect({ host: o.host, port: o.port });
  const timer = setTimeout(() => socket.destroy(new Error(`connect to ${o.host}:${o.port} timed out`)), o.connectTimeoutMs ?? 10_000);
  try {
    await once(socket, o.tls ? 'secureConnect' : 'connect');
  } finally {
    clearTimeout(timer);
  }
  const session = new Session(socket, o);
  const onRequest = o.onRequest;
  if (onRequest) session.on('request', (pdu) => onRequest(session, pdu));
  try {
    const resp = await session.request(`bind_${o.mode ?? 'transceiver'}`, {
      system_id: o.systemId,
      password: o.password,
      system_type: o.systemType ?? '',
      interface_version: 0x34,
      addr_ton: 0,
      addr_npi: 0,
      address_range: '',
    });
    if (o.enquireLinkMs) {
      const keepAlive = setInterval(() => session.request('enquire_link').catch(() => session.close()), o.enquireLinkMs);
      session.once('close', () => clearInterval(keepAlive));
    }
    return { session, smscSystemId: typeof resp.fields.system_id === 'string' ? resp.fields.system_id : null };
  } catch (e) {
    session.close();
    throw e;
  }
}
