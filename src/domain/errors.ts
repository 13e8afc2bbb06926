// Typed domain errors. They say what is wrong and with which field; only api/ maps them to
// HTTP statuses and the Mitto responseCode.

/** What rule a request broke; api/ maps each to a Mitto responseCode. */
export type Violation =
  | 'invalid_type'
  | 'empty_text'
  | 'invalid_text'
  | 'empty_sender'
  | 'invalid_sender'
  | 'empty_receiver'
  | 'invalid_receiver'
  | 'invalid_parameter';

export class ValidationError extends Error {
  readonly violation: Violation;
  readonly field: string;
  /** For bulk requests: the entries that failed, with their reasons. */
  readonly invalid: ReadonlyArray<{ index: number; value: string; reason: string }>;

  constructor(
    violation: Violation,
    field: string,
    message: string,
    invalid: ReadonlyArray<{ index: number; value: string; reason: string }> = [],
  ) {
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

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The caller is known but may not do this (inactive traffic account, feature off, wrong role). */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A request that would take a traffic account past its credit limit; nothing was stored. */
export class CreditLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CreditLimitError';
  }
}
