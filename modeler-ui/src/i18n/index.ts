import { fr } from './fr';

export type Messages = typeof fr;
export type Locale = 'fr' | 'en';

/** The one locale shipped for now; adding English means an `en` object of type Messages and a choice here. */
export const locale: Locale = 'fr';
export const t: Messages = fr;

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
