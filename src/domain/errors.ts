// Typed domain errors. They say what is wrong and with which field; only api/ maps them to
// HTTP statuses and the Mitto responseCode. An error a person meets in the web app may also
// carry a code, which the app says in the person's language (web/src/lib/locales, errors.*);
// the message stays the English words for API callers and logs.

/** What went wrong, by name, for clients that word it themselves. */
export type ErrorCode =
  | 'email_taken'
  | 'password_wrong'
  | 'code_wrong'
  | 'code_expired'
  | 'link_invalid'
  | 'last_administrator'
  | 'not_themselves'
  | 'own_access'
  | 'grant_refused'
  | 'too_many_tries'
  | 'phone_invalid'
  | 'sender_invalid'
  | 'image_invalid'
  | 'phone_unverified'
  | 'totp_not_started'
  | 'second_factor_required'
  | 'user_not_pending'
  | 'user_pending'
  | 'traffic_account_unknown'
  | 'not_allowed'
  | 'not_found'
  | 'campaign_state'
  | 'field_required'
  | 'field_too_long'
  | 'field_too_short'
  | 'field_invalid';

export type ErrorParams = Readonly<Record<string, string | number>>;

export class PetrelError extends Error {
  code: ErrorCode | undefined;
  params: ErrorParams | undefined;
}

/** Names what went wrong; returns the error, for `throw coded(new …, 'code')`. */
export function coded<E extends PetrelError>(e: E, code: ErrorCode, params?: ErrorParams): E {
  e.code = code;
  e.params = params;
  return e;
}

/** What rule a request broke; api/ maps each to a Mitto responseCode. */
export type Violation = 'invalid_type' | 'empty_text' | 'invalid_text' | 'empty_sender' | 'invalid_sender' | 'empty_receiver' | 'invalid_receiver' | 'invalid_parameter';

export class ValidationError extends PetrelError {
  readonly violation: Violation;
  readonly field: string;
  /** For bulk requests: the entries that failed, with their reasons. */
  readonly invalid: ReadonlyArray<{ index: number; value: string; reason: string }>;

  constructor(violation: Violation, field: string, message: string, invalid: ReadonlyArray<{ index: number; value: string; reason: string }> = []) {
    super(message);
    this.name = 'ValidationError';
    this.violation = violation;
    this.field = field;
    this.invalid = invalid;
  }
}

export class InvalidText extends ValidationError {
  constructor(message: string) {
    super('invalid_text', 'text', message);
    this.name = 'InvalidText';
  }
}

export class NotFoundError extends PetrelError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The caller is known but may not do this (inactive traffic account, feature off, wrong role). */
export class ForbiddenError extends PetrelError {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends PetrelError {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A request that would take a traffic account past its credit limit; nothing was stored. */
export class CreditLimitError extends PetrelError {
  constructor(message: string) {
    super(message);
    this.name = 'CreditLimitError';
  }
}
