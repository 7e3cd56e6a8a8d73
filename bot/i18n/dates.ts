// How a date or time is written for a reader: the Danish way ("torsdag 25. marts 2027", 25.03.2027, 10:00)
// or the British English one. Dates are stored and sent by date inputs as ISO; only what a person reads
// is formatted, here, in Copenhagen's time (the model's zone).
import { DateTime } from 'luxon';
import { MODEL_ZONE } from '../domain/fields';

export interface DateFormats {
  /** "torsdag 25. marts 2027": where there is room. */
  long(date: string): string;
  /** "25.03.2027": in tight lists and FactSets. */
  short(date: string): string;
  /** "10:00". */
  time(instant: string): string;
  /** "torsdag 25. marts 2027 kl. 10:00". */
  dateTime(instant: string): string;
  /** "25.03.2027 kl. 10:00". */
  shortDateTime(instant: string): string;
}

interface Patterns {
  locale: string;
  long: string;
  short: string;
  /** Joins a date and a time. */
  at: (date: string, time: string) => string;
}

const PATTERNS: Record<'da' | 'en', Patterns> = {
  da: { locale: 'da', long: 'cccc d. LLLL yyyy', short: 'dd.MM.yyyy', at: (date, time) => `${date} kl. ${time}` },
  en: { locale: 'en-GB', long: 'cccc d LLLL yyyy', short: 'dd/MM/yyyy', at: (date, time) => `${date} at ${time}` },
};

/** The formats of a language. A value that is no date (empty, or already text) is shown as it is. */
export function dateFormats(language: 'da' | 'en'): DateFormats {
  const { locale, long, short, at } = PATTERNS[language];
  // An ISO date is that day; an ISO instant is the day and time it is in Copenhagen.
  const format = (value: string, write: (parsed: DateTime) => string) => {
    const parsed = DateTime.fromISO(value, { zone: MODEL_ZONE, locale });
    return parsed.isValid ? write(parsed) : value;
  };
  return {
    long: (date) => format(date, (day) => day.toFormat(long)),
    short: (date) => format(date, (day) => day.toFormat(short)),
    time: (instant) => format(instant, (moment) => moment.toFormat('HH:mm')),
    dateTime: (instant) => format(instant, (moment) => at(moment.toFormat(long), moment.toFormat('HH:mm'))),
    shortDateTime: (instant) => format(instant, (moment) => at(moment.toFormat(short), moment.toFormat('HH:mm'))),
  };
}
