// The radar (issue 14 §3): what in one case needs its coordinator's attention now, each thing a kind
// with an urgency, and the coordinator's cases most urgent first. Computed from the case as it is, so
// the Monday message, `radar` and the tab say the same, and a message skips what has gone since.
import { DateTime } from 'luxon';
import { type Case, coordinatorOf } from './case';
import { currentClosure } from './closing';
import { consentExpiredOn, consentExpiringSoon } from './consent';
import { localDate } from './fields';
import { isInternalMeeting } from './meeting';
import { who5Signal } from './measures';
import { MEETINGS_A_YEAR, networkMeetingsInLastYear, nextNetworkMeeting } from './rhythm';
import { adultHandOverDue, transitionMilestones } from './transitions';

/**
 * The kinds, most urgent first: the young person's wellbeing, then what someone promised and has not
 * done, then the team's safety net (feedback, the eye-keeper, consent), then the model's rhythm and
 * the transitions ahead.
 */
export const RADAR_KINDS = [
  'who5Drop',
  'who5Low',
  'agreementsOverdue',
  'feedbackNotGiven',
  'handOverNotAcknowledged',
  'consentExpired',
  'consentExpiring',
  'noMeetingPlanned',
  'fewMeetings',
  'transitionMeetingDue',
  'adultHandOverDue',
] as const;
type RadarKind = (typeof RADAR_KINDS)[number];

interface RadarDetails {
  who5Drop: { score: number; drop: number };
  who5Low: { score: number };
  agreementsOverdue: { count: number };
  feedbackNotGiven: { meetingId: string };
  handOverNotAcknowledged: { eyeKeeperMemberId: string };
  consentExpired: { expiresOn: string };
  consentExpiring: { expiresOn: string };
  noMeetingPlanned: Record<never, never>;
  /** `held`: network meetings in the last twelve months (fewer than MEETINGS_A_YEAR). */
  fewMeetings: { held: number };
  /** `age`: 16, 17½ or 18½; `birthday`: the day the young person turns it. */
  transitionMeetingDue: { age: string; birthday: string };
  adultHandOverDue: Record<never, never>;
}

export type RadarItem = { [K in RadarKind]: { kind: K; rank: number } & RadarDetails[K] }[RadarKind];

/** A case on a coordinator's radar: its items, most urgent first. */
export interface RadarCase {
  caseId: string;
  reference: string;
  items: RadarItem[];
}

/** Seed 001: feedback to the young person at the latest two days after the meeting. */
const FEEDBACK_WITHIN_DAYS = 2;
/** As the hand-over's reminder (app/messages.ts): the eye-keeper has a day to acknowledge. */
const HAND_OVER_ACKNOWLEDGE_WITHIN_DAYS = 1;

const item = <K extends RadarKind>(kind: K, details: RadarDetails[K]): RadarItem => ({ kind, rank: RADAR_KINDS.indexOf(kind), ...details }) as RadarItem;

const daysAfter = (instant: string, days: number) => DateTime.fromISO(instant).plus({ days }).toISO() ?? instant;

/** What needs the coordinator's attention in the case at `now`, most urgent first; none for a closed case. */
export function radarItems(current: Case, now: Date): RadarItem[] {
  if (current.closedAt) return [];
  const items: RadarItem[] = [];
  const today = localDate(now);
  const who5 = who5Signal(current);
  if (who5?.drop !== undefined) items.push(item('who5Drop', { score: who5.score, drop: who5.drop }));
  else if (who5?.low) items.push(item('who5Low', { score: who5.score }));

  const overdue = current.agreements.filter((agreement) => agreement.status === 'open' && agreement.followUpOn < today).length;
  if (overdue > 0) items.push(item('agreementsOverdue', { count: overdue }));

  const lastClosed = [...current.meetings].reverse().find((meeting) => !isInternalMeeting(meeting) && meeting.closure);
  if (lastClosed?.closure && !lastClosed.closure.feedbackGiven && daysAfter(lastClosed.startsAt, FEEDBACK_WITHIN_DAYS) <= now.toISOString()) {
    items.push(item('feedbackNotGiven', { meetingId: lastClosed.id }));
  }

  const closure = currentClosure(current);
  if (
    closure?.approval &&
    !closure.handOverAcknowledgedAt &&
    closure.eyeKeeperMemberId !== coordinatorOf(current).id &&
    daysAfter(closure.approval.recordedAt, HAND_OVER_ACKNOWLEDGE_WITHIN_DAYS) <= now.toISOString()
  ) {
    items.push(item('handOverNotAcknowledged', { eyeKeeperMemberId: closure.eyeKeeperMemberId }));
  }

  const expiredOn = consentExpiredOn(current, now);
  const expiring = consentExpiringSoon(current, now);
  if (expiredOn) items.push(item('consentExpired', { expiresOn: expiredOn }));
  else if (expiring) items.push(item('consentExpiring', { expiresOn: expiring.consent.expiresOn }));

  if (!nextNetworkMeeting(current, now)) items.push(item('noMeetingPlanned', {}));
  // A case younger than a year is not held to three meetings in the last twelve months.
  const held = networkMeetingsInLastYear(current, now).length;
  const yearOld = DateTime.fromISO(current.createdAt).plus({ months: 12 }).toISO() ?? '';
  if (held < MEETINGS_A_YEAR && yearOld <= now.toISOString()) items.push(item('fewMeetings', { held }));

  // A transition meeting is due from two months before the birthday until three months after, unless one is planned or held as it.
  const due = transitionMilestones(current, now).filter((milestone) => milestone.state === 'due');
  items.push(...due.map((milestone) => item('transitionMeetingDue', { age: milestone.age, birthday: milestone.birthday })));
  if (adultHandOverDue(current, now)) items.push(item('adultHandOverDue', {}));
  return items.sort((a, b) => a.rank - b.rank);
}

/** Cases with something on the radar, most urgent first: by their most urgent item, then how many, then reference. */
export function sortRadar(cases: readonly RadarCase[]): RadarCase[] {
  return cases
    .filter((entry) => entry.items.length > 0)
    .map((entry) => ({ ...entry, items: [...entry.items].sort((a, b) => a.rank - b.rank) }))
    .sort((a, b) => a.items[0]!.rank - b.items[0]!.rank || b.items.length - a.items.length || a.reference.localeCompare(b.reference));
}

/** The coordinator's radar: the cases they coordinate, with what needs attention now. */
export function radarOf(cases: readonly Case[], now: Date): RadarCase[] {
  return sortRadar(cases.map((current) => ({ caseId: current.id, reference: current.reference, items: radarItems(current, now) })));
}
