// The transitions of seed 002: network meetings when the young person turns 16, 17½ and 18½, each with
// its purpose, and the hand-over from the children's to the adults' administration around 18
// (efterværn, voksenforvaltningen), a recorded step of the case.
import { DateTime } from 'luxon';
import type { Case } from './case';
import { localDate, MODEL_ZONE } from './fields';

/** Seed 002: meetings at 16, 17½ and 18½ years, around the transitions to adult services. */
export const TRANSITION_AGES = [
  { label: '16', years: 16, months: 0 },
  { label: '17½', years: 17, months: 6 },
  { label: '18½', years: 18, months: 6 },
] as const;
export type TransitionAge = (typeof TRANSITION_AGES)[number]['label'];

/** From 17½ (seed 002: "stillingtagen til efterværn samt evt. overdragelse til voksenforvaltningen") until recorded. */
const ADULT_HAND_OVER_FROM = { years: 17, months: 6 } as const;

/** The hand-over to the adults' administration as recorded by the coordinator. */
export interface AdultHandOver {
  /** The member who takes over as coordinator or caseworker on the adults' side, when one does. */
  takesOverMemberId?: string;
  /** What continues (efterværn, support, interventions), in the coordinator's words. */
  continues: string;
  recordedAt: string;
  byAadObjectId: string;
}

/** The day the young person turns this age. Luxon keeps 29 February births on 28 February in common years. */
export function transitionBirthday(current: Case, age: (typeof TRANSITION_AGES)[number]): string {
  return DateTime.fromISO(current.youngPerson.birthDate, { zone: MODEL_ZONE }).plus({ years: age.years, months: age.months }).toISODate() ?? '';
}

/** The hand-over is due from 17½ while the case is open and until it is recorded. */
export function adultHandOverDue(current: Case, now: Date): boolean {
  if (current.closedAt || current.adultHandOver) return false;
  const from = DateTime.fromISO(current.youngPerson.birthDate, { zone: MODEL_ZONE }).plus(ADULT_HAND_OVER_FROM).toISODate() ?? '';
  return localDate(now) >= from;
}
