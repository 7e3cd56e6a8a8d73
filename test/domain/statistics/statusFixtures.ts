// Cases as the statistics read them, written out whole so that every figure can be counted by hand;
// caseA to caseE are about 2027H1 (status.test.ts counts them).
import type { Case, EducationStatus } from '../../../bot/domain/case';
import type { CancellationReason } from '../../../bot/domain/checklist';
import type { Closure } from '../../../bot/domain/closing';
import type { Agreement } from '../../../bot/domain/goals';
import type { Meeting } from '../../../bot/domain/meeting';
import { sampleCase } from '../fixtures';

/** The young person's member id in sampleCase: their attendance is `attended_m-young`. */
const YOUNG_ATTENDED = 'attended_m-young';

/** Closed at the meeting; `feedbackGivenAt` when its giver recorded that the young person had feedback. */
export function meetingClosure(closedAt: string, feedbackGivenAt?: string): Closure {
  return {
    waitingArrangement: 'Ingen ventetid',
    feedbackMemberId: 'm-coordinator',
    eyeKeeperMemberId: 'm-coordinator',
    acuteContactMemberId: 'm-coordinator',
    nextMeetingId: '',
    summary: 'Resumé',
    closedAt,
    closedByAadObjectId: 'aad-coordinator',
    sentBack: [],
    ...(feedbackGivenAt ? { feedbackGiven: { at: feedbackGivenAt, byAadObjectId: 'aad-coordinator' } } : {}),
  };
}

function held(id: string, startsAt: string, answers: Meeting['answers'] = {}, feedbackGivenAt?: string): Meeting {
  return { id, number: 1, status: 'held', startsAt, createdAt: startsAt, answers, answerLog: [], closure: meetingClosure(startsAt, feedbackGivenAt) };
}

function cancelled(id: string, startsAt: string, reason: CancellationReason): Meeting {
  return { id, status: 'cancelled', startsAt, createdAt: startsAt, answers: {}, answerLog: [], cancellation: { reason, at: startsAt, byAadObjectId: 'aad-coordinator', ...(reason === 'other' ? { otherReason: 'Flyttet' } : {}) } };
}

function planned(id: string, startsAt: string): Meeting {
  return { id, status: 'planned', startsAt, createdAt: startsAt, answers: {}, answerLog: [] };
}

/** An agreement due on `followUpOn`; `doneAt` when it was marked done, `movedAt` when its date was moved. */
export function agreement(id: string, followUpOn: string, events: { doneAt?: string; movedAt?: string } = {}): Agreement {
  return {
    id,
    goalId: 'goal-1',
    action: 'Ringe til erhvervsskolen',
    ownerMemberId: 'm-young',
    followUpOn,
    followUpMethod: 'phone',
    status: events.doneAt ? 'done' : 'open',
    history: [
      { at: '2026-01-01T10:00:00.000Z', byAadObjectId: 'aad-coordinator', kind: 'created' },
      ...(events.movedAt ? [{ at: events.movedAt, byAadObjectId: 'aad-coordinator', kind: 'newDate' as const, followUpOn }] : []),
      ...(events.doneAt ? [{ at: events.doneAt, byAadObjectId: 'aad-coordinator', kind: 'done' as const }] : []),
    ],
  };
}

export interface CaseShape {
  createdAt: string;
  closedAt?: string;
  statusAtStart: EducationStatus;
  meetings?: Meeting[];
  agreements?: Agreement[];
}

export function caseOf(id: string, shape: CaseShape): Case {
  const base = sampleCase();
  return {
    ...base,
    id,
    createdAt: shape.createdAt,
    ...(shape.closedAt ? { closedAt: shape.closedAt } : {}),
    youngPerson: { ...base.youngPerson, statusAtStart: shape.statusAtStart },
    meetings: shape.meetings ?? [],
    agreements: shape.agreements ?? [],
  };
}

/** A: open all year; three meetings held in the year to 30 June (one before the period), one cancelled, four agreements due. */
export const caseA = caseOf('A', {
  createdAt: '2026-01-10T09:00:00.000Z',
  statusAtStart: 'neither',
  meetings: [
    held('a0', '2026-09-15T08:00:00.000Z', { youngPersonStatus: 'neither' }, '2026-09-16T08:00:00.000Z'),
    held('a1', '2027-02-10T09:00:00.000Z', {
      [YOUNG_ATTENDED]: 'yes',
      vipAttached: 'yes',
      prepHandoverSent: 'yes',
      prepPreMeeting: 'yes',
      prepFollowedUpPlan: 'yes',
      prepNetworkMapMade: 'no',
      prepNetworkMapUsed: 'no',
      evalClearGoals: 'yes',
      evalResponsibles: 'unknown',
      evalLengthMinutes: 90,
      youngPersonStatus: 'education',
    }, '2027-02-12T21:00:00.000Z'), // feedback at 22:00 on 12 February in Copenhagen: the second day after, within two days
    cancelled('a2', '2027-04-01T08:00:00.000Z', 'youngPersonIll'),
    held('a3', '2027-05-20T08:00:00.000Z', { [YOUNG_ATTENDED]: 'no', vipAttached: 'yes', prepHandoverSent: 'no', evalClearGoals: 'yes', evalResponsibles: 'yes', evalLengthMinutes: 60, youngPersonStatus: 'work' }, '2027-05-22T22:30:00.000Z'), // feedback at 00:30 on 23 May in Copenhagen: the third day, late
    // After the period: neither its meeting nor its status counts.
    held('a4', '2027-07-05T08:00:00.000Z', { youngPersonStatus: 'neither' }),
  ],
  agreements: [
    agreement('ag1', '2027-03-01', { doneAt: '2027-02-28T10:00:00.000Z' }), // done before its date: on time
    agreement('ag2', '2027-03-15', { doneAt: '2027-03-16T23:30:00.000Z' }), // 00:30 on 17 March in Copenhagen: late
    agreement('ag3', '2027-06-30', { movedAt: '2027-05-01T10:00:00.000Z' }), // moved, never done: overdue
    agreement('ag4', '2027-07-01'), // due after the period
    agreement('ag5', '2027-06-10', { doneAt: '2027-07-02T10:00:00.000Z' }), // done after the period: overdue at its end
    agreement('ag6', '2026-12-31'), // due before the period
  ],
});

/** B: opened in the period (not open all year); no status recorded since the start. */
export const caseB = caseOf('B', {
  createdAt: '2027-03-01T09:00:00.000Z',
  statusAtStart: 'education',
  meetings: [
    held('b1', '2027-03-10T09:00:00.000Z', { [YOUNG_ATTENDED]: 'yes', vipAttached: 'no', evalLengthMinutes: 120 }, '2027-03-11T08:00:00.000Z'), // feedback the next day
    cancelled('b2', '2027-06-01T08:00:00.000Z', 'other'),
    planned('b3', '2027-06-20T08:00:00.000Z'), // not held: not counted
  ],
  agreements: [agreement('bg1', '2027-04-01', { doneAt: '2027-04-01T21:00:00.000Z', movedAt: '2027-03-20T10:00:00.000Z' })], // 23:00 on its day: on time
});

/** C: closed before the period began: not in it at all. */
export const caseC = caseOf('C', { createdAt: '2025-05-01T09:00:00.000Z', closedAt: '2026-11-01T09:00:00.000Z', statusAtStart: 'work', agreements: [agreement('cg1', '2027-02-01')] });

/** D: open all of the year's start but closed in the period. */
export const caseD = caseOf('D', {
  createdAt: '2026-05-01T09:00:00.000Z',
  closedAt: '2027-05-01T09:00:00.000Z',
  statusAtStart: 'work',
  meetings: [
    held('d1', '2027-01-20T09:00:00.000Z', { [YOUNG_ATTENDED]: 'yes', evalLengthMinutes: 45, youngPersonStatus: 'work' }, '2027-01-21T13:00:00.000Z'), // feedback the next day
    cancelled('d2', '2027-02-20T09:00:00.000Z', 'coordinatorIll'),
  ],
});

/** E: three meetings held in the year, one of them in the period; the status recorded last is at the second. */
export const caseE = caseOf('E', {
  createdAt: '2026-06-01T09:00:00.000Z',
  statusAtStart: 'neither',
  meetings: [
    held('e1', '2026-08-01T08:00:00.000Z'),
    held('e2', '2026-11-01T09:00:00.000Z', { youngPersonStatus: 'education' }),
    // Feedback recorded only after the period: not recorded at its end.
    held('e3', '2027-01-10T09:00:00.000Z', { [YOUNG_ATTENDED]: 'yes', vipAttached: 'yes', evalResponsibles: 'no' }, '2027-07-01T10:00:00.000Z'),
  ],
});

