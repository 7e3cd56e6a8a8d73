// The model's rhythm (seed 000): at least three network meetings a year with the young person. Internal
// coordination meetings do not count, nor cancelled ones.
import { DateTime } from 'luxon';
import type { Case } from './case';
import { isInternalMeeting, type Meeting } from './meeting';

export const MEETINGS_A_YEAR = 3;
/** Seed 002 and PRODUCT §4: a meeting at least every four months. */
export const MAX_MONTHS_BETWEEN_MEETINGS = 4;

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
