// Message states (DESIGN.md) and the report categories the statistics screens group them by.

export const MESSAGE_STATES = ['queued', 'submitting', 'submitted', 'delivered', 'undelivered', 'expired', 'rejected', 'unknown', 'failed', 'blocked', 'test'] as const;

export type MessageState = (typeof MESSAGE_STATES)[number];

export const FINAL_STATES: ReadonlySet<MessageState> = new Set(['delivered', 'undelivered', 'expired', 'rejected', 'unknown', 'failed', 'blocked', 'test']);

export type ReportCategory = 'delivered' | 'pending' | 'temporary_error' | 'permanent_error' | 'unsubscribed';

/** States that never reached a carrier are not charged (DESIGN.md: blocked, test, failed). */
export function isCharged(state: MessageState): boolean {
  return state !== 'blocked' && state !== 'test' && state !== 'failed';
}

/**
 * Receipt error codes (GSM 09.02 MAP causes, as most SMSCs pass them in `err:`) that say the
 * handset could not be reached for now: absent subscriber, busy for MT-SMS, memory full, system
 * failure, and the like. An undelivered message with one of these is a temporary error (the
 * number stays valid, as the seed's statistics screen groups them); any other is permanent.
 */
export const TEMPORARY_ERROR_CODES: ReadonlySet<number> = new Set([6, 8, 27, 31, 32, 34, 35, 36]);

/**
 * The report category of a message. Expired and unknown outcomes count as temporary: the number
 * may still be good; so does an undelivered one whose error is temporary. Other undelivered
 * outcomes, rejections and routing failures are permanent.
 */
export function reportCategory(state: MessageState, errorCode: number | null = null): ReportCategory | null {
  switch (state) {
    case 'delivered':
      return 'delivered';
    case 'queued':
    case 'submitting':
    case 'submitted':
      return 'pending';
    case 'expired':
    case 'unknown':
      return 'temporary_error';
    case 'undelivered':
      return errorCode !== null && TEMPORARY_ERROR_CODES.has(errorCode) ? 'temporary_error' : 'permanent_error';
    case 'rejected':
    case 'failed':
      return 'permanent_error';
    case 'blocked':
      return 'unsubscribed';
    case 'test':
      return null;
  }
}

export function isMessageState(s: string): s is MessageState {
  return (MESSAGE_STATES as readonly string[]).includes(s);
}
