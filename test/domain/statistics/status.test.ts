// The half-yearly status of 2027H1 (1 January to 30 June 2027, Copenhagen) on five cases written out
// in full; every expected figure is counted by hand in the comments.
import { describe, expect, it } from 'vitest';
import { endedWindow, parsePeriod, teamWindow } from '../../../bot/domain/statistics/period';
import { halfYearStatus } from '../../../bot/domain/statistics/status';
import { tableCounts } from '../../../bot/domain/statistics/table';
import { caseA, caseB, caseC, caseD, caseE } from './statusFixtures';

const period = parsePeriod('2027H1'); // [2026-12-31T23:00Z, 2027-06-30T22:00Z)
const window = endedWindow(period, new Date('2027-08-01T08:00:00Z'));

describe('the half-yearly status, counted', () => {
  const status = halfYearStatus([caseA, caseB, caseC, caseD, caseE], window);

  it('counts meetings held and cancelled by reason, set for the period', () => {
    // Held: a1, a3, b1, d1, e3 = 5 (a0, e1, e2 before, a4 after, b3 only planned). Cancelled: a2 (ill),
    // b2 (other), d2 (coordinator ill) = 3. C is not in the period.
    expect(tableCounts(status.meetings)).toEqual({
      all: 8,
      held: 5,
      cancelled: 3,
      'cancelled.youngPersonAbsent': 0,
      'cancelled.youngPersonIll': 1,
      'cancelled.coordinatorIll': 1,
      'cancelled.other': 1,
    });
  });

  it('counts the young people by meetings held in the year up to the period end, against at least three', () => {
    // The year: [2026-06-30T22:00Z, 2027-06-30T22:00Z). A: a0, a1, a3 = 3; E: e1, e2, e3 = 3. B was
    // opened and D closed within it: not judged. Mean over A and E: (3 + 3) / 2 = 3.
    expect(tableCounts(status.meetingsPerYear)).toEqual({ youngPeople: 4, atLeastThree: 2, fewerThanThree: 0, notOpenWholeYear: 2 });
    expect(status.meetingsPerYoungPersonPerYear).toMatchObject({ sum: 6, count: 2 });
  });

  it('counts the checklist answers of the meetings held', () => {
    // Over a1, a3, b1, d1, e3.
    const counts = Object.fromEntries(Object.entries(status.checklist).map(([figure, table]) => [figure, tableCounts(table)]));
    expect(counts).toEqual({
      youngPersonPresent: { held: 5, yes: 4, no: 1, notAnswered: 0 }, // a1 b1 d1 e3 yes, a3 no
      vipAttached: { held: 5, yes: 3, no: 1, notAnswered: 1 }, // a1 a3 e3 yes, b1 no, d1 none
      prepHandoverSent: { held: 5, yes: 1, no: 1, notAnswered: 3 },
      prepPreMeeting: { held: 5, yes: 1, no: 0, notAnswered: 4 },
      prepFollowedUpPlan: { held: 5, yes: 1, no: 0, notAnswered: 4 },
      prepNetworkMapMade: { held: 5, yes: 0, no: 1, notAnswered: 4 },
      prepNetworkMapUsed: { held: 5, yes: 0, no: 1, notAnswered: 4 },
      evalClearGoals: { held: 5, yes: 2, no: 0, unknown: 0, notAnswered: 3 }, // a1 a3
      evalResponsibles: { held: 5, yes: 1, no: 1, unknown: 1, notAnswered: 2 }, // a3 yes, e3 no, a1 unknown
    });
    // 90 + 60 + 120 + 45 = 315 minutes over 4 meetings: 78.75 on average.
    expect(status.meetingLength).toMatchObject({ sum: 315, count: 4 });
  });

  it('counts the agreements due in the period as they stood at its end', () => {
    // Due 1 January to 30 June: ag1 (on time), ag2 (late), ag3 (overdue, moved), ag5 (overdue at the end),
    // bg1 (on time, moved). Not ag4 (July), ag6 (December), cg1 (C is closed).
    expect(tableCounts(status.agreements)).toEqual({ due: 5, keptOnTime: 2, doneLate: 1, overdue: 2 });
    expect(tableCounts(status.agreementsMoved)).toEqual({ due: 5, moved: 2, notMoved: 3 });
  });

  it('counts the meetings held by when the young person\'s feedback was recorded as given', () => {
    // Seed 001: at the latest two days after the meeting, counted in calendar days in Copenhagen.
    // a1 (10 Feb) on 12 Feb at 22:00, b1 (10 Mar) on 11 Mar, d1 (20 Jan) on 21 Jan: within two days.
    // a3 (20 May) on 23 May at 00:30: later. e3 (10 Jan) recorded only in July: not recorded at the period's end.
    expect(tableCounts(status.feedback)).toEqual({ held: 5, withinTwoDays: 3, later: 1, notRecorded: 1 });
  });

  it('counts a feedback recorded after the status is taken as not recorded, and a meeting without a closure too', () => {
    const open = halfYearStatus([caseA], teamWindow(period, new Date('2027-02-12T12:00:00.000Z')));
    // Taken on 12 February at 13:00: a1's feedback (22:00 that day) was not recorded yet.
    expect(tableCounts(open.feedback)).toEqual({ held: 1, withinTwoDays: 0, later: 0, notRecorded: 1 });
    const unclosed = { ...caseB, meetings: caseB.meetings.map((meeting) => ({ ...meeting, closure: undefined })) };
    expect(tableCounts(halfYearStatus([unclosed], window).feedback)).toEqual({ held: 1, withinTwoDays: 0, later: 0, notRecorded: 1 });
  });

  it('sets the status at the start beside the status last recorded by the period end', () => {
    // A neither -> work (a3; a4 is after), B education -> education (none recorded), D work -> work,
    // E neither -> education (e2; e3 recorded none).
    expect(tableCounts(status.evaluation)).toEqual({
      'education.education': 1,
      'education.work': 0,
      'education.neither': 0,
      'work.education': 0,
      'work.work': 1,
      'work.neither': 0,
      'neither.education': 1,
      'neither.work': 1,
      'neither.neither': 0,
      'education.total': 1,
      'work.total': 1,
      'neither.total': 2,
      'total.education': 2,
      'total.work': 2,
      'total.neither': 0,
      total: 4,
    });
  });
});

describe('internal coordination meetings (seed 003) in the status', () => {
  it('are not the model’s network meetings: adding held and cancelled ones changes no figure', () => {
    const internal = (id: string, status: 'held' | 'cancelled') => ({
      id,
      kind: 'internal' as const,
      status,
      startsAt: '2027-03-10T09:00:00.000Z',
      createdAt: '2027-03-01T09:00:00.000Z',
      answers: { attended_m_young: 'yes', evalLengthMinutes: '30' },
      answerLog: [],
      ...(status === 'cancelled' ? { cancellation: { reason: 'other' as const, otherReason: 'Syg', at: '2027-03-09T09:00:00.000Z', byAadObjectId: 'aad-coordinator' } } : {}),
    });
    const withInternal = { ...caseA, meetings: [...caseA.meetings, internal('i1', 'held'), internal('i2', 'cancelled')] };
    expect(halfYearStatus([withInternal, caseB, caseC, caseD, caseE], window)).toEqual(halfYearStatus([caseA, caseB, caseC, caseD, caseE], window));
  });
});
