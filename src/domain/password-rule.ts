// The seed's password rule (000_…, Login and Settings): at least 8 characters with an upper-case
// letter, a lower-case letter, a digit and a special character. It applies wherever a password
// is chosen: first sign-in, invitation, reset, change. The upper bound keeps hashing cheap for
// a hostile client (argon2 hashes whatever length it is given).

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** What is wrong with a chosen password, in words a person reads; null when it is good. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `the password needs at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `the password may have at most ${PASSWORD_MAX} characters`;
  const missing = [
    [/\p{Lu}/u, 'an upper-case letter'],
    [/\p{Ll}/u, 'a lower-case letter'],
    [/\p{Nd}/u, 'a digit'],
    [/[^\p{L}\p{Nd}\s]/u, 'a special character such as ! ? # or %'],
  ].flatMap(([re, what]) => ((re as RegExp).test(password) ? [] : [what as string]));
  if (missing.length === 0) return null;
  return `the password needs ${missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`}`;
}
