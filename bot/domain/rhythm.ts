// The model's rhythm (seed 000): at least three network meetings a year with the young person. Internal
// coordination meetings do not count, nor cancelled ones.
import { DateTime } from 'luxon';
import type { Case } from './case';
import { MODEL_ZONE } from './fields';
import { isInternalMeeting, type Meeting } from './meeting';

export const MEETINGS_A_YEAR = 3;
/** Seed 002 and PRODUCT §4: a meeting at least every four months. */
const MAX_MONTHS_BETWEEN_MEETINGS = 4;

const isNetworkMeeting = (meeting: Meeting) => !isInternalMeeting(meeting) && meeting.status !== 'cancelled';

/** Network meetings held (opened or closed) in the twelve months up to `now`. */
export function networkMeetingsInLastYear(current: Case, now: Date): Meeting[] {
  const since = DateTime.fromJSDate(now).minus({ months: 12 }).toISO() ?? '';
  const until = now.toISOString();
  return current.meetings.filter((meeting) => isNetworkMeeting(meeting) && meeting.status !== 'planned' && meeting.startsAt >= since && meeting.startsAt <= until);
}

/** The next network meeting planned after `now`, if any. */
export function nextNetworkMeeting(current: Case, now: Date): Meeting | undefined {
  return current.meetings.find((meeting) => isNetworkMeeting(meeting) && meeting.status === 'planned' && meeting.startsAt > now.toISOString());
}

/** The count the case card and the tab show: network meetings in the last twelve months against the model's three. */
export function meetingsRhythm(current: Case, now: Date): { held: number; minimum: number; belowMinimum: boolean } {
  const held = networkMeetingsInLastYear(current, now).length;
  return { held, minimum: MEETINGS_A_YEAR, belowMinimum: held < MEETINGS_A_YEAR };
}

/** The last day (Copenhagen) the next meeting keeps the rhythm after a meeting held at `heldAt`: four months on. */
export function rhythmDeadline(heldAt: string): string {
  return DateTime.fromISO(heldAt).setZone(MODEL_ZONE).plus({ months: MAX_MONTHS_BETWEEN_MEETINGS }).toISODate() ?? '';
}

/** A next meeting later than four months after the meeting (by the Copenhagen calendar day) breaks the rhythm. */
export const breaksRhythm = (heldAt: string, nextAt: string): boolean => (DateTime.fromISO(nextAt).setZone(MODEL_ZONE).toISODate() ?? '') > rhythmDeadline(heldAt);

/**
 * Where the rhythm stands after a meeting: a network meeting took place since (opened or held), the
 * next one is planned in time, it is planned but too far off, or none is planned.
 */
type RhythmAfter = { kind: 'metSince' } | { kind: 'plannedInTime'; meeting: Meeting } | { kind: 'plannedTooFar'; meeting: Meeting } | { kind: 'nonePlanned' };

export function rhythmAfter(current: Case, after: Meeting): RhythmAfter {
  // Meetings are kept in the order they take place (meeting.ts: isFirstMeeting).
  const later = current.meetings.slice(current.meetings.indexOf(after) + 1).filter(isNetworkMeeting);
  if (later.some((meeting) => meeting.status === 'open' || meeting.status === 'held')) return { kind: 'metSince' };
  const planned = later.find((meeting) => meeting.status === 'planned');
  if (!planned) return { kind: 'nonePlanned' };
  return breaksRhythm(after.startsAt, planned.startsAt) ? { kind: 'plannedTooFar', meeting: planned } : { kind: 'plannedInTime', meeting: planned };
}
