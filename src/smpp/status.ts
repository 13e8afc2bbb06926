// SMPP 3.4 command_status values (spec §5.1.3) that Petrel sends or acts on, and the error that
// carries one: a PDU we cannot read (answered with generic_nack and this status), or a peer's
// response with a non-zero status.

export const ESME_ROK = 0x00000000;
export const ESME_RINVMSGLEN = 0x00000001;
export const ESME_RINVCMDLEN = 0x00000002;
export const ESME_RINVCMDID = 0x00000003;
export const ESME_RINVBNDSTS = 0x00000004;
export const ESME_RBINDFAIL = 0x0000000d;
export const ESME_RINVPASWD = 0x0000000e;
export const ESME_RINVSYSID = 0x0000000f;
export const ESME_RTHROTTLED = 0x00000058;
/** "Temporary application error": the peer should deliver the PDU again later. */
export const ESME_RX_T_APPN = 0x00000064;

export class SmppError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'SmppError';
    this.status = status;
  }
}
