// Sender ids (the SMS "from"): alphanumeric 3–11 characters, or numeric 3–14 digits.
// The form decides the SMPP TON/NPI later: alphanumeric 5/0, short code 3/0, international 1/1.

export type SenderForm = 'alphanumeric' | 'shortcode' | 'international';

export interface Sender {
  value: string;
  form: SenderForm;
}

export type SenderCheck = { ok: true; sender: Sender } | { ok: false; reason: string };

const NUMERIC = /^\+?\d+$/;
// Letters, digits, space and the punctuation carriers pass in alphanumeric senders.
const ALPHANUMERIC = /^[A-Za-z0-9 .\-_&!'+@#]+$/;
/** Short codes are national numbers of up to 8 digits; longer numbers are international. */
const SHORTCODE_MAX_DIGITS = 8;

export function checkSender(input: string): SenderCheck {
  if (NUMERIC.test(input)) {
    const digits = input.replace('+', '');
    if (digits.length < 3 || digits.length > 14) {
      return { ok: false, reason: `a numeric sender has 3 to 14 digits, this one has ${digits.length}` };
    }
    const form = digits.length <= SHORTCODE_MAX_DIGITS && !input.startsWith('+') ? 'shortcode' : 'international';
    return { ok: true, sender: { value: digits, form } };
  }
  if (input.length < 3 || input.length > 11) {
    return { ok: false, reason: `an alphanumeric sender has 3 to 11 characters, this one has ${input.length}` };
  }
  if (!ALPHANUMERIC.test(input)) {
    return { ok: false, reason: "an alphanumeric sender may use letters, digits, space and . - _ & ! ' + @ #" };
  }
  return { ok: true, sender: { value: input, form: 'alphanumeric' } };
}
