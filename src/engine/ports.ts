// What the delivery engine needs from storage.

export type BindMode = 'transceiver' | 'transmitter_receiver';
export type LongMessageMethod = 'udh8' | 'udh16' | 'sar' | 'payload';

/** A connection to a carrier's SMSC, as an operator configures it. */
export interface ConnectorSettings {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  bindMode: BindMode;
  /** SMPP sessions (binds) the connector opens. */
  sessions: number;
  /** Outstanding submit_sm per session. */
  window: number;
  /** Messages per second across all sessions; 0 = unthrottled. */
  throughput: number;
  longMessageMethod: LongMessageMethod;
  /** Send Latin-1 (data_coding 3) when the text fits it, instead of UCS-2. */
  latin1: boolean;
  /** How this SMSC writes message ids, when receipts need the hint. */
  receiptIdFormat: 'auto' | 'hex' | 'decimal';
}

/** What a new connector gets for the settings its creator leaves out. */
export const CONNECTOR_DEFAULTS = {
  systemType: '',
  bindMode: 'transceiver',
  sessions: 1,
  window: 10,
  throughput: 0,
  longMessageMethod: 'udh8',
  latin1: false,
  receiptIdFormat: 'auto',
} as const satisfies Partial<ConnectorSettings>;

export interface Connector extends ConnectorSettings {
  id: number;
  name: string;
  enabled: boolean;
  paused: boolean;
  createdAt: number;
  updatedAt: number;
}

export type ConnectorChanges = Partial<ConnectorSettings & { name: string; enabled: boolean; paused: boolean }>;

export interface ConnectorStore {
  create(name: string, settings: ConnectorSettings, flags: { enabled: boolean; paused: boolean }, at: number): Promise<Connector>;
  list(): Promise<Connector[]>;
  get(id: number): Promise<Connector | null>;
  findByName(name: string): Promise<Connector | null>;
  /** Applies the changes; null when there is no such connector. */
  update(id: number, changes: ConnectorChanges, at: number): Promise<Connector | null>;
  remove(id: number): Promise<boolean>;
}
