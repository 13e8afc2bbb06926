// The seed's password rule (000_…, Login and Settings): at least 8 characters with an upper-case
// letter, a lower-case letter, a digit and a special character. It applies wherever a password
// is chosen: first sign-in, invitation, reset, change. The upper bound keeps hashing cheap for
// a hostile client (argon2 hashes whatever length it is given). The web app shows the same
// checks as a list while the person types.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export type PasswordCheck = 'length' | 'upper' | 'lower' | 'digit' | 'special';

const CLASSES: Array<[Exclude<PasswordCheck, 'length'>, RegExp, string]> = [
  ['upper', /\p{Lu}/u, 'an upper-case letter'],
  ['lower', /\p{Ll}/u, 'a lower-case letter'],
  ['digit', /\p{Nd}/u, 'a digit'],
  ['special', /[^\p{L}\p{Nd}\s]/u, 'a special character such as ! ? # or %'],
];

/** Each part of the rule: met or not (length: between the bounds). */
export function passwordChecks(password: string): Record<PasswordCheck, boolean> {
  const length = [...password].length;
  const out = { length: length >= PASSWORD_MIN && length <= PASSWORD_MAX } as Record<PasswordCheck, boolean>;
  for (const [check, re] of CLASSES) out[check] = re.test(password);
  return out;
}

/** What is wrong with a chosen password, in words a person reads; null when it is good. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `the password needs at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `the password may have at most ${PASSWORD_MAX} characters`;
  const checks = passwordChecks(password);
  const missing = CLASSES.filter(([check]) => !checks[check]).map(([, , words]) => words);
  if (missing.length === 0) return null;
  return `the password needs ${missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`}`;
}
