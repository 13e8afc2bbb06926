// SMPP 3.4 command ids and the mandatory body of each command (spec §4), as data: the codec
// walks these layouts, so adding a command is adding a row.

export const COMMANDS = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  query_sm_resp: 0x80000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  replace_sm: 0x00000007,
  replace_sm_resp: 0x80000007,
  cancel_sm: 0x00000008,
  cancel_sm_resp: 0x80000008,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  alert_notification: 0x00000102,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
} as const;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = new Map<number, CommandName>((Object.entries(COMMANDS) as Array<[CommandName, number]>).map(([name, id]) => [id, name]));

/** A mandatory field: a NUL-terminated string (with its maximum size), one octet, or the short message. */
export type FieldType = { t: 'cstring'; max: number } | { t: 'u8' } | { t: 'short_message' };

const c = (max: number): FieldType => ({ t: 'cstring', max });
const u8: FieldType = { t: 'u8' };
const sm: FieldType = { t: 'short_message' };

type Layout = ReadonlyArray<readonly [string, FieldType]>;

const BIND: Layout = [
  ['system_id', c(16)],
  ['password', c(9)],
  ['system_type', c(13)],
  ['interface_version', u8],
  ['addr_ton', u8],
  ['addr_npi', u8],
  ['address_range', c(41)],
];

/** submit_sm and deliver_sm share one layout (spec §4.4.1, §4.6.1). */
const SM: Layout = [
  ['service_type', c(6)],
  ['source_addr_ton', u8],
  ['source_addr_npi', u8],
  ['source_addr', c(21)],
  ['dest_addr_ton', u8],
  ['dest_addr_npi', u8],
  ['destination_addr', c(21)],
  ['esm_class', u8],
  ['protocol_id', u8],
  ['priority_flag', u8],
  ['schedule_delivery_time', c(17)],
  ['validity_period', c(17)],
  ['registered_delivery', u8],
  ['replace_if_present_flag', u8],
  ['data_coding', u8],
  ['sm_default_msg_id', u8],
  ['short_message', sm],
];

const MESSAGE_ID: Layout = [['message_id', c(65)]];

export const LAYOUTS: Record<CommandName, Layout> = {
  generic_nack: [],
  bind_receiver: BIND,
  bind_transmitter: BIND,
  bind_transceiver: BIND,
  bind_receiver_resp: [['system_id', c(16)]],
  bind_transmitter_resp: [['system_id', c(16)]],
  bind_transceiver_resp: [['system_id', c(16)]],
  outbind: [
    ['system_id', c(16)],
    ['password', c(9)],
  ],
  unbind: [],
  unbind_resp: [],
  enquire_link: [],
  enquire_link_resp: [],
  submit_sm: SM,
  submit_sm_resp: MESSAGE_ID,
  deliver_sm: SM,
  deliver_sm_resp: MESSAGE_ID,
  data_sm: [
    ['service_type', c(6)],
    ['source_addr_ton', u8],
    ['source_addr_npi', u8],
    ['source_addr', c(65)],
    ['dest_addr_ton', u8],
    ['dest_addr_npi', u8],
    ['destination_addr', c(65)],
    ['esm_class', u8],
    ['registered_delivery', u8],
    ['data_coding', u8],
  ],
  data_sm_resp: MESSAGE_ID,
  query_sm: [
    ['message_id', c(65)],
    ['source_addr_ton', u8],
    ['source_addr_npi', u8],
    ['source_addr', c(21)],
  ],
  query_sm_resp: [
    ['message_id', c(65)],
    ['final_date', c(17)],
    ['message_state', u8],
    ['error_code', u8],
  ],
  cancel_sm: [
    ['service_type', c(6)],
    ['message_id', c(65)],
    ['source_addr_ton', u8],
    ['source_addr_npi', u8],
    ['source_addr', c(21)],
    ['dest_addr_ton', u8],
    ['dest_addr_npi', u8],
    ['destination_addr', c(21)],
  ],
  cancel_sm_resp: [],
  replace_sm: [
    ['message_id', c(65)],
    ['source_addr_ton', u8],
    ['source_addr_npi', u8],
    ['source_addr', c(21)],
    ['schedule_delivery_time', c(17)],
    ['validity_period', c(17)],
    ['registered_delivery', u8],
    ['sm_default_msg_id', u8],
    ['short_message', sm],
  ],
  replace_sm_resp: [],
  alert_notification: [
    ['source_addr_ton', u8],
    ['source_addr_npi', u8],
    ['source_addr', c(65)],
    ['esme_addr_ton', u8],
    ['esme_addr_npi', u8],
    ['esme_addr', c(65)],
  ],
};

/** Commands whose body may carry optional parameters (TLVs) after the mandatory fields. */
export const TAKES_TLVS: ReadonlySet<CommandName> = new Set([
  'bind_receiver_resp',
  'bind_transmitter_resp',
  'bind_transceiver_resp',
  'submit_sm',
  'deliver_sm',
  'data_sm',
  'data_sm_resp',
  'alert_notification',
]);
