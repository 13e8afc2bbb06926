// Message templates (seed: Templates): a name, and a message as long as the API takes by
// default. The web app's form and the server check the same rules.

export const TEMPLATE_NAME_MAX = 64;
export const TEMPLATE_TEXT_MAX = 1600;

export function templateNameProblem(raw: string): string | null {
  const name = raw.trim();
  if (!name) return 'the template needs a name';
  if (name.length > TEMPLATE_NAME_MAX) return `at most ${TEMPLATE_NAME_MAX} characters`;
  return null;
}

export function templateTextProblem(text: string): string | null {
  if (!text.trim()) return 'the template needs a message';
  if (text.length > TEMPLATE_TEXT_MAX) return `at most ${TEMPLATE_TEXT_MAX.toLocaleString('en')} characters`;
  if (/\p{Cs}/u.test(text)) return 'the message holds a broken character (an unpaired UTF-16 surrogate)';
  return null;
}
