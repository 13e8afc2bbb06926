// Every string of the web app goes through i18next. The language is the user's setting once
// Settings exist, else the one chosen in the toolbar (kept in this browser), else the browser's.

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './locales/de.ts';
import { en } from './locales/en.ts';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'de', label: 'Deutsch' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORED = 'petrel.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  if (stored === 'en' || stored === 'de') return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function chooseLanguage(code: Language): void {
  localStorage.setItem(STORED, code);
  void i18n.changeLanguage(code);
  document.documentElement.lang = code;
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/**
 * A rule's refusal in the person's language. The server's and the shared domain rules' words
 * are English: in English they are shown as they are (they are the most precise); in another
 * language the refusal is worded from the locale's `errors` by its code, where it has one.
 */
export function worded(english: string, code: string | undefined, params: Record<string, string | number> = {}): string {
  if (!code || i18n.language === 'en') return english;
  const key = `errors.${code}`;
  return i18n.exists(key) ? i18n.t(key, params) : english;
}

export { i18n };
