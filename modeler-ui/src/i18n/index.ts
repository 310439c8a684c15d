/**
 * The app's texts in the user's language: French first, English second. The choice is kept in
 * localStorage; switching reloads the page, since modules read `t` once (drafts are saved on the
 * server and flushed before the page goes, so nothing is lost).
 */
import { en } from './en';
import { fr } from './fr';

export type Messages = typeof fr;
export type Locale = 'fr' | 'en';

const STORAGE_KEY = 'rouage:locale';

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export const locale: Locale = storedLocale();
export const t: Messages = locale === 'en' ? en : fr;
// Screen readers pronounce the page in its language.
if (typeof document !== 'undefined') document.documentElement.lang = locale;

export function switchLocale(next: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage disabled: the choice cannot outlive the page, so there is nothing to switch to.
    return;
  }
  window.location.reload();
}

/** Picks the current locale from texts the API and the compiler give in both languages. */
export function localized(text: Record<Locale, string>): string {
  return text[locale];
}

const intlLocales: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
const dateTime = new Intl.DateTimeFormat(intlLocales[locale], { dateStyle: 'short', timeStyle: 'medium' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const time = new Intl.DateTimeFormat(intlLocales[locale], { timeStyle: 'medium' });

export function formatTime(date: Date): string {
  return time.format(date);
}
