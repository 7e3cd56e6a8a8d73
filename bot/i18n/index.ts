import { type Language, da, type Messages } from './da';
import { en } from './en';

export type { Messages };

/** Danish by default; English when the user's Teams locale is English. */
function languageOf(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function messagesFor(locale: string | undefined): Messages {
  return languageOf(locale) === 'en' ? en : da;
}
