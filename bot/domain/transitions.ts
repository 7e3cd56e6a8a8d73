// The transitions of seed 002: network meetings when the young person turns 16, 17½ and 18½, each with
// its purpose, and the hand-over from the children's to the adults' administration around 18
// (efterværn, voksenforvaltningen), a recorded step of the case.
import { DateTime } from 'luxon';
import type { Case } from './case';
import { DomainError } from './errors';
import { localDate, MODEL_ZONE, optionalId, requiredText, TEXT_LIMITS } from './fields';
import { isInternalMeeting } from './meeting';

/** Seed 002: meetings at 16, 17½ and 18½ years, around the transitions to adult services. */
export const TRANSITION_AGES = [
  { label: '16', years: 16, months: 0 },
  { label: '17½', years: 17, months: 6 },
  { label: '18½', years: 18, months: 6 },
] as const;
export type TransitionAge = (typeof TRANSITION_AGES)[number]['label'];
/** The plan/open form's choice of no transition meeting (Adaptive Cards refuses an empty choice value). */
export const NO_TRANSITION = 'none';
export const TRANSITION_AGE_LABELS = ['16', '17½', '18½'] as const satisfies readonly TransitionAge[];
export const isTransitionAge = (value: unknown): value is TransitionAge => TRANSITION_AGES.some((age) => age.label === value);

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

/** The day from which the hand-over is due (17½): its reminder is planned for it when the case opens. */
export function adultHandOverFrom(current: Case): string {
  return DateTime.fromISO(current.youngPerson.birthDate, { zone: MODEL_ZONE }).plus(ADULT_HAND_OVER_FROM).toISODate() ?? '';
}

/** The hand-over is due from 17½ while the case is open and until it is recorded. */
export function adultHandOverDue(current: Case, now: Date): boolean {
  if (current.closedAt || current.adultHandOver) return false;
  return localDate(now) >= adultHandOverFrom(current);
}

/** What the coordinator records: who takes over (a team member, or nobody on the team), and what continues. */
export interface AdultHandOverInput {
  takesOverMemberId?: string;
  continues?: string;
}

/**
 * Records the hand-over (or corrects it: the latest recording is the one that holds, the case's history
 * keeps that it was recorded each time). Who takes over is a team member other than the young person, or none.
 */
export function recordAdultHandOver(current: Case, input: AdultHandOverInput, byAadObjectId: string, now: Date): Case {
  const takesOverMemberId = optionalId(input.takesOverMemberId, 'takesOverMemberId');
  if (takesOverMemberId && !current.members.some((member) => member.id === takesOverMemberId && member.role !== 'youngPerson')) throw new DomainError('memberNotFound');
  const continues = requiredText(input.continues, 'continues', TEXT_LIMITS.short);
  const at = now.toISOString();
  const adultHandOver: AdultHandOver = { ...(takesOverMemberId ? { takesOverMemberId } : {}), continues, recordedAt: at, byAadObjectId };
  return { ...current, adultHandOver, history: [...current.history, { at, byAadObjectId, kind: 'adultHandOverRecorded', ...(takesOverMemberId ? { memberId: takesOverMemberId } : {}) }] };
}

/**
 * How each transition meeting stands. `done`: a network meeting planned as that age's took place (opened or
 * held); `planned`: one is planned; `due`: none yet, from two months before the birthday (when the
 * coordinator is reminded) until three months after it; `missing`: none took place and three months have
 * passed since the birthday (the model wants the meeting when the young person turns the age: a quarter
 * of a year allows for planning around holidays and the team's calendars, later it is not that meeting);
 * `ahead`: further off. An age passed before the case opened is left out: the case cannot have held it.
 */
export type MilestoneState = 'done' | 'planned' | 'due' | 'missing' | 'ahead';
export interface TransitionMilestone {
  age: TransitionAge;
  birthday: string;
  state: MilestoneState;
  /** The meeting that was held or is planned as this age's. */
  meetingId?: string;
}

/** From this many months before the birthday a transition meeting without a plan is due (as its reminder). */
const TRANSITION_DUE_MONTHS_BEFORE = 2;
/** This many months after the birthday a transition meeting not held is missing. */
const TRANSITION_GRACE_MONTHS = 3;

export function transitionMilestones(current: Case, now: Date): TransitionMilestone[] {
  const today = localDate(now);
  const opened = DateTime.fromISO(current.createdAt).setZone(MODEL_ZONE).toISODate() ?? '';
  return TRANSITION_AGES.flatMap((age): TransitionMilestone[] => {
    const birthday = transitionBirthday(current, age);
    if (birthday < opened) return [];
    const ofAge = current.meetings.filter((meeting) => !isInternalMeeting(meeting) && meeting.transitionAge === age.label);
    const held = ofAge.find((meeting) => meeting.status === 'open' || meeting.status === 'held');
    if (held) return [{ age: age.label, birthday, state: 'done', meetingId: held.id }];
    const planned = ofAge.find((meeting) => meeting.status === 'planned');
    if (planned) return [{ age: age.label, birthday, state: 'planned', meetingId: planned.id }];
    const day = DateTime.fromISO(birthday, { zone: MODEL_ZONE });
    const dueFrom = day.minus({ months: TRANSITION_DUE_MONTHS_BEFORE }).toISODate() ?? '';
    const missingAfter = day.plus({ months: TRANSITION_GRACE_MONTHS }).toISODate() ?? '';
    const state: MilestoneState = today > missingAfter ? 'missing' : today >= dueFrom ? 'due' : 'ahead';
    return [{ age: age.label, birthday, state }];
  });
}

/** The transition meetings that need the coordinator now (due or missing), for the radar. */
export const transitionsNeedingAttention = (current: Case, now: Date): TransitionMilestone[] =>
  current.closedAt ? [] : transitionMilestones(current, now).filter((milestone) => milestone.state === 'due' || milestone.state === 'missing');
