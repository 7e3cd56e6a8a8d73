// Rules for single input fields. Every free-text field passes through here, so a CPR number or an
// oversized text is refused before anything is built from it.
import { DateTime } from 'luxon';
import { containsCpr } from './cpr';
import { DomainError } from './errors';

export const TEXT_LIMITS = { name: 200, address: 100, short: 500, long: 2000 } as const;
export const MODEL_ZONE = 'Europe/Copenhagen';

export function requiredText(value: string | undefined, field: string, maxLength: number): string {
  const text = optionalText(value, field, maxLength);
  if (!text) throw new DomainError('fieldRequired', { field });
  return text;
}

export function optionalText(value: string | undefined, field: string, maxLength: number): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (text.length > maxLength) throw new DomainError('textTooLong', { field, max: maxLength });
  if (containsCpr(text)) throw new DomainError('cprNotAllowed', { field });
  return text;
}

/**
 * An id from Teams or Entra ID, never typed by a person: not checked for CPR, because random UUIDs
 * look like a CPR number about once in 2 300 and would make a colleague impossible to add.
 */
export function optionalId(value: string | undefined, field: string): string | undefined {
  const id = value?.trim();
  if (!id) return undefined;
  if (id.length > TEXT_LIMITS.name) throw new DomainError('textTooLong', { field, max: TEXT_LIMITS.name });
  return id;
}

/** A calendar date as the model writes it: YYYY-MM-DD, a real day. */
export function requiredDate(value: string | undefined, field: string): string {
  const text = value?.trim();
  if (!text) throw new DomainError('fieldRequired', { field });
  const date = DateTime.fromISO(text, { zone: MODEL_ZONE });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !date.isValid) throw new DomainError('invalidDate', { field });
  return text;
}

// A birth date as typed: d.m.åååå, dd.mm.åååå or with dashes (or slashes); the year always in four digits.
const TYPED_DATE = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/;

/**
 * The young person's birth date, typed (dd.mm.åååå: a date picker opening on this month takes eight clicks
 * to reach a birth year) or as YYYY-MM-DD (sent by cards posted before it could be typed). Stored as
 * YYYY-MM-DD. A CPR number (ddmmyy-xxxx) is refused as one, and nothing but a date gets through.
 */
export function requiredBirthDate(value: string | undefined, field: string): string {
  const text = value?.trim();
  if (!text) throw new DomainError('fieldRequired', { field });
  if (containsCpr(text)) throw new DomainError('cprNotAllowed', { field });
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return requiredDate(text, field);
  const typed = TYPED_DATE.exec(text);
  const date = typed ? DateTime.fromObject({ year: Number(typed[3]), month: Number(typed[2]), day: Number(typed[1]) }, { zone: MODEL_ZONE }) : undefined;
  if (!date?.isValid) throw new DomainError('invalidBirthDate', { field });
  return date.toISODate() ?? '';
}

export function optionalEmail(value: string | undefined, field: string): string | undefined {
  const email = optionalText(value, field, TEXT_LIMITS.name);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new DomainError('invalidEmail', { field });
  return email;
}

/** A Danish postal code (postnummer): four digits. */
export function optionalPostalCode(value: string | undefined, field: string): string | undefined {
  const postalCode = value?.trim();
  if (!postalCode) return undefined;
  if (!/^\d{4}$/.test(postalCode)) throw new DomainError('invalidPostalCode', { field });
  return postalCode;
}

export function optionalPhone(value: string | undefined, field: string): string | undefined {
  const phone = optionalText(value, field, TEXT_LIMITS.name);
  if (phone && !/^\+?[\d\s-]{8,20}$/.test(phone)) throw new DomainError('invalidPhone', { field });
  return phone;
}

/** Today's date in Copenhagen: the day a caseworker would write on a form. */
export function localDate(now: Date): string {
  return DateTime.fromJSDate(now, { zone: MODEL_ZONE }).toISODate() ?? '';
}

export function ageOn(birthDate: string, onDate: string): number {
  const birth = DateTime.fromISO(birthDate);
  const day = DateTime.fromISO(onDate);
  return Math.floor(day.diff(birth, 'years').years);
}
