// Streaming frame decoder: bytes from a socket in, whole PDUs out. Handles partial frames and
// several PDUs per chunk. A frame that cannot be decoded is consumed and reported, so the
// session can answer generic_nack and go on; a command_length no peer could mean ends the
// stream (spec §2.11: the session cannot find the next frame boundary).

import { decodePdu, HEADER_LENGTH, type Pdu } from './codec.ts';
import { SmppError } from './status.ts';

/** No PDU Petrel speaks comes close; a length beyond this is a broken or hostile stream. */
const MAX_PDU_LENGTH = 64 * 1024;

export class StreamError extends Error {}

export type Frame =
  | { ok: true; pdu: Pdu }
  /** A whole frame that could not be decoded; header fields are from the frame, for the nack. */
  | { ok: false; error: SmppError; commandId: number; sequenceNumber: number }
  /** The stream cannot go on (no frame boundary can be found): close the connection. Always last. */
  | { ok: false; fatal: StreamError };

export class FrameDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  #broken: StreamError | null = null;

  /**
   * Appends a chunk and returns every frame now complete. When the stream becomes unusable the
   * frames before that point are still returned, followed by one `fatal` entry.
   */
  push(chunk: Buffer): Frame[] {
    if (this.#broken) return [{ ok: false, fatal: this.#broken }];
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const frames: Frame[] = [];
    while (this.#buffer.length >= 4) {
      const length = this.#buffer.readUInt32BE(0);
      if (length < HEADER_LENGTH || length > MAX_PDU_LENGTH) {
        this.#broken = new StreamError(`command_length ${length} is outside ${HEADER_LENGTH}..${MAX_PDU_LENGTH}: the stream cannot be resynchronised`);
        this.#buffer = Buffer.alloc(0);
        frames.push({ ok: false, fatal: this.#broken });
        break;
      }
      if (this.#buffer.length < length) break;
      const frame = this.#buffer.subarray(0, length);
      this.#buffer = this.#buffer.subarray(length);
      try {
        frames.push({ ok: true, pdu: decodePdu(frame) });
      } catch (e) {
        if (!(e instanceof SmppError)) throw e;
        frames.push({ ok: false, error: e, commandId: frame.readUInt32BE(4), sequenceNumber: frame.readUInt32BE(12) });
      }
    }
    return frames;
  }

  /** Octets held while waiting for the rest of a frame. */
  get pending(): number {
    return this.#buffer.length;
  }
}
