// What a sign-in email needs: one @, something before it, a dot in the domain, no spaces, at
// most 254 characters (RFC 5321's path limit). Deliverability is the mail server's to judge.

const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;
export const EMAIL_MAX = 254;

/** The form an email is stored and looked up in: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblem(email: string): string | null {
  if (email.length > EMAIL_MAX) return `the email may have at most ${EMAIL_MAX} characters`;
  return EMAIL.test(email) ? null : 'the email is not an address such as name@example.com';
}
